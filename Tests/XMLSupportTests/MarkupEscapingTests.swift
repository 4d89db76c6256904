import Testing
import XMLSupport

@Suite struct MarkupEscapingTests {
  @Test(arguments: [
    (MarkupEscaping.xmlText, "a&b<c>d\"e'f\ng\th\ri\u{1}j", "a&amp;b&lt;c&gt;d\"e'f\ng\th&#13;ij"),
    (MarkupEscaping.xmlAttribute, "a&b<c>d\"e'f\ng\th\ri\u{1}j", "a&amp;b&lt;c&gt;d&quot;e'f&#10;g&#9;h&#13;ij"),
    (MarkupEscaping.html, "a&b<c>d\"e'f\ng\th\ri\u{1}j", "a&amp;b&lt;c&gt;d&quot;e&#39;f\ng\th\ri\u{1}j"),
  ])
  func escapesWhatEachFormNames(escaping: MarkupEscaping, text: String, expected: String) {
    #expect(escaping.escape(text) == expected)
  }

  /// A quotation mark followed by a combining mark is one `Character` that is not `"`; escaped by character, it
  /// would close an HTML attribute value.
  @Test(arguments: [MarkupEscaping.xmlAttribute, .html])
  func escapesAQuotationMarkFollowedByACombiningMark(escaping: MarkupEscaping) {
    #expect(escaping.escape("x\"\u{301} onclick=y") == "x&quot;\u{301} onclick=y")
    #expect(escaping.escape("<\u{338}") == "&lt;\u{338}")
  }

  @Test func keepsCharactersOutsideXMLOnlyWhereAsked() {
    #expect(MarkupEscaping.xmlText.escape("a\u{FFFE}b\u{0}c\u{10000}") == "abc\u{10000}")
    #expect(MarkupEscaping.html.escape("a\u{FFFE}b") == "a\u{FFFE}b")
  }
}
