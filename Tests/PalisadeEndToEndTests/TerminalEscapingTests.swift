import Foundation
import TestSupport
import Testing

/// Values from the scanned host, the content or a path can hold terminal escapes (an OSC title, clear-screen, OSC 52
/// clipboard writes), a CR that overwrites a line, an LF that starts a forged one, DEL, C1 controls and
/// bidirectional overrides. Whatever Palisade prints or writes as text shows them escaped, never raw.
@Suite struct TerminalEscapingTests {
  /// The characters no output may carry raw: C0 controls (line breaks and tabs aside, which the formats use),
  /// DEL, C1 controls and the bidirectional formatting characters.
  static func rawControls(in text: String) -> [String] {
    text.unicodeScalars.filter { scalar in
      switch scalar.value {
      case 0x09, 0x0A: false
      case 0x00...0x1F, 0x7F...0x9F, 0x200E, 0x200F, 0x061C, 0x202A...0x202E, 0x2066...0x2069: true
      default: false
      }
    }.map { String(format: "U+%04X", $0.value) }
  }

  /// A JSON key with an OSC title, a CR, a right-to-left override and a forged result, twice: the duplicate key is
  /// quoted in the rule's error message.
  static let hostileKey = #"k\u001b]0;TITLE\u0007\u001b[2J\u001b]52;c;ZXZpbA==\u0007\r\u202e\u0085  PASS"#
  static let escapedKey = #"k\x1B]0;TITLE\x07\x1B[2J\x1B]52;c;ZXZpbA==\x07\r\u{202E}\x85  PASS"#

  @Test func theScanSummaryEscapesHostValues() throws {
    let host = try FakeHost()
    let output = try TemporaryFolder()
    defer {
      host.remove()
      output.remove()
    }
    try host.write("/etc/docker/daemon.json", #"{"\#(Self.hostileKey)": 1, "\#(Self.hostileKey)": 2}"#)
    let result = try LogDriverFixture.scan(root: host.root.path, output: output.path).command
    #expect(result.status == 2)
    #expect(Self.rawControls(in: result.standardOutput).isEmpty)
    #expect(result.standardOutput.contains("duplicate key '\(Self.escapedKey)'"), "\(result.standardOutput)")
  }

  /// The text report (written with the run, and by `palisade report`) escapes what the ARF holds: CR, LF, DEL, C1
  /// and bidirectional controls, which XML carries.
  @Test func theTextReportEscapesEvidence() throws {
    let host = try FakeHost()
    let output = try TemporaryFolder()
    defer {
      host.remove()
      output.remove()
    }
    try host.write("/etc/docker/daemon.json", #"{"log-driver": "x\r\u007f\u0085\u202e\n  PASS  forged"}"#)
    let run = try LogDriverFixture.scan(root: host.root.path, output: output.path, extra: ["--format", "text"])
    #expect(run.command.status == 2)
    let arf = try #require(run.arfPath)
    let written = try String(
      contentsOfFile: URL(fileURLWithPath: arf).deletingLastPathComponent().appendingPathComponent("report.txt").path,
      encoding: .utf8)
    let converted = try CommandRun.run(ProjectPaths.palisade, ["report", "--format", "text", arf]).standardOutput
    for text in [written, converted] {
      #expect(Self.rawControls(in: text).isEmpty)
      #expect(text.contains(#"x\r\x7F\x85\u{202E}\n  PASS  forged"#), "\(text)")
      #expect(!text.split(separator: "\n").contains { $0.hasPrefix("  PASS") })
    }
  }

  /// `palisade diff` prints rule titles from the results, which anyone who wrote the content chose.
  @Test func theDiffEscapesTitles() throws {
    let host = try FakeHost.compliant()
    let output = try TemporaryFolder()
    defer {
      host.remove()
      output.remove()
    }
    let old = try #require(try LogDriverFixture.scan(root: host.root.path, output: output.path).arfPath)
    let oldCopy = output.path + "/old-arf.xml"
    try FileManager.default.copyItem(atPath: old, toPath: oldCopy)
    try host.write("/etc/docker/daemon.json", #"{"log-driver": "json-file"}"#)
    let new = try #require(try LogDriverFixture.scan(root: host.root.path, output: output.path).arfPath)
    let title = "The Docker daemon must send container logs to a remote log collector"
    let newText = try String(contentsOfFile: new, encoding: .utf8)
    #expect(newText.contains(title))
    let forged = output.path + "/new-arf.xml"
    try newText.replacingOccurrences(of: title, with: "Forged&#13;&#x202E;&#x7F;&#x9B;&#10;  Resolved (1):")
      .write(toFile: forged, atomically: true, encoding: .utf8)
    let result = try CommandRun.run(ProjectPaths.palisade, ["diff", oldCopy, forged])
    #expect(result.status == 2)
    #expect(Self.rawControls(in: result.standardOutput).isEmpty)
    // The reader folds a title's line breaks and indentation into one space; the other controls stay, escaped.
    #expect(result.standardOutput.contains(#"Forged\r\u{202E}\x7F\x9B Resolved (1):"#), "\(result.standardOutput)")
    #expect(!result.standardOutput.split(separator: "\n").contains { $0.hasPrefix("Resolved") })
  }

  /// A Docker daemon's error message is quoted in the rules' errors: a daemon that answers every request with status
  /// 500 and a message full of escapes, served by python3 until the test ends.
  @Test(.enabled(if: Prerequisites.python3 != nil, "the fake daemon is a python3 script"))
  func dockerAPIErrorMessagesAreEscaped() throws {
    let host = try FakeHost.compliant()
    try host.write("/usr/bin/dockerd", "", mode: 0o755)
    let output = try TemporaryFolder()
    let socketPath = "/tmp/palisade-api-\(UUID().uuidString.prefix(8)).sock"
    let daemon = Process()
    daemon.executableURL = URL(fileURLWithPath: try #require(Prerequisites.python3))
    daemon.arguments = [
      "-c",
      #"""
      import socket, sys
      body = b'{"message": "boom\\u001b]0;TITLE\\u0007\\u001b[2J\\r  PASS forged\\u202e"}'
      s = socket.socket(socket.AF_UNIX); s.bind(sys.argv[1]); s.listen(16)
      while True:
          c, _ = s.accept(); data = b''
          while b'\r\n\r\n' not in data:
              d = c.recv(4096)
              if not d: break
              data += d
          c.sendall(b'HTTP/1.1 500 Bad\x1b]0;STATUS\x07\r\nContent-Type: application/json\r\nContent-Length: '
                    + str(len(body)).encode() + b'\r\nConnection: close\r\n\r\n' + body)
          c.close()
      """#, socketPath,
    ]
    try daemon.run()
    defer {
      // SIGKILL: the daemon inherits the test thread's blocked signal mask, under which SIGTERM stays pending.
      kill(daemon.processIdentifier, SIGKILL)
      daemon.waitUntilExit()
      unlink(socketPath)
      host.remove()
      output.remove()
    }
    for _ in 0..<500 where !FileManager.default.fileExists(atPath: socketPath) { usleep(10_000) }
    let result = try CommandRun.run(
      ProjectPaths.palisade,
      [
        "scan", "--content", ProjectPaths.bundledContent, "--root", host.root.path, "--docker-host",
        "unix://\(socketPath)", "--output-dir", output.path,
      ])
    #expect(result.status == 2)
    #expect(Self.rawControls(in: result.standardOutput + result.standardError).isEmpty)
    #expect(
      result.standardOutput.contains(#"boom\x1B]0;TITLE\x07\x1B[2J\r  PASS forged\u{202E}"#),
      "\(result.standardOutput)")
  }

  /// Error messages quote paths and values; the escapes in them stay visible.
  @Test func errorMessagesEscapeWhatTheyQuote() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = folder.path + "/content\u{1B}]0;TITLE\u{07}\r\u{202E}.xml"
    let result = try CommandRun.run(ProjectPaths.palisade, ["info", path])
    #expect(result.status == 1)
    #expect(Self.rawControls(in: result.standardError).isEmpty)
    #expect(
      result.standardError
        == "\(folder.path)/content\\x1B]0;TITLE\\x07\\r\\u{202E}.xml: error: cannot read file: no such file or "
        + "directory\n")
    let root = try CommandRun.run(ProjectPaths.palisade, ["oval", "eval", "--root", path, LogDriverFixture.content])
    #expect(root.standardError.hasPrefix("palisade: error: --root '\(folder.path)/content\\x1B]0;TITLE"))
    #expect(Self.rawControls(in: root.standardError).isEmpty)
  }
}
