import Reports
import Testing

/// The one escaping function of everything Palisade prints or writes as text.
@Suite struct TerminalTextTests {
  @Test(arguments: [
    ("\u{1B}]0;title\u{07}", #"\x1B]0;title\x07"#),
    ("\u{1B}[2J\u{1B}[H", #"\x1B[2J\x1B[H"#),
    ("\u{1B}]52;c;ZXZpbA==\u{1B}\\", #"\x1B]52;c;ZXZpbA==\x1B\"#),
    ("ok\r  PASS", #"ok\r  PASS"#),
    ("one\ntwo", #"one\ntwo"#),
    ("a\tb", #"a\tb"#),
    ("\u{00}\u{08}\u{7F}", #"\x00\x08\x7F"#),
    ("\u{85}\u{9B}31m", #"\x85\x9B31m"#),
    ("abc\u{202E}fdp.exe", #"abc\u{202E}fdp.exe"#),
    (
      "\u{2066}\u{2067}\u{2068}\u{2069}\u{200E}\u{200F}\u{061C}\u{202A}",
      #"\u{2066}\u{2067}\u{2068}\u{2069}\u{200E}\u{200F}\u{61C}\u{202A}"#
    ),
  ])
  func controlCharactersAreWrittenAsEscapes(raw: String, escaped: String) {
    #expect(TerminalText.escaped(raw) == escaped)
  }

  @Test(arguments: ["plain text", "/etc/docker/daemon.json", #"C:\path\d+"#, "Ünïcödé ✓ 日本語", "", "emoji 🛡️"])
  func printableTextIsUnchanged(text: String) {
    #expect(TerminalText.escaped(text) == text)
  }

  @Test func tabsCanBeKeptForFormatsThatUseThem() {
    #expect(TerminalText.escaped("Title\tx\u{1B}", keepingTabs: true) == #"Title\#tx\x1B"#)
  }

  @Test func escapingTwiceChangesNothing() {
    let once = TerminalText.escaped("a\u{1B}b\r\u{202E}")
    #expect(TerminalText.escaped(once) == once)
  }
}
