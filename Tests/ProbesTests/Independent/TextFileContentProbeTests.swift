import Foundation
import OVAL
import TestSupport
import Testing

@testable import Probes

@Suite("textfilecontent_object (deprecated)")
struct TextFileContentProbeTests {
  static func object(_ file: String, line: String) -> String {
    """
    <ind:textfilecontent_object id="oval:t:obj:1" version="1">\(file)
      <ind:line operation="pattern match">\(line)</ind:line>
    </ind:textfilecontent_object>
    """
  }

  @Test("each line that matches gives an item: the pattern in line, the match in text, groups as subexpressions")
  func lineByLine() async throws {
    let host = try FakeHost()
    try host.write("/etc/login.defs", "PASS_MAX_DAYS 99999\n# PASS_MIN_DAYS 0\nPASS_MIN_DAYS 7\n")
    let collected = try await host.collect(
      Self.object(
        "<ind:path>/etc</ind:path><ind:filename>login.defs</ind:filename>", line: #"^PASS_(\w+)_DAYS\s+(\d+)"#))
    #expect(collected.flag == .complete)
    #expect(collected.values(of: "text") == ["PASS_MAX_DAYS 99999", "PASS_MIN_DAYS 7"])
    #expect(collected.values(of: "instance") == ["1", "2"])
    let first = try #require(collected.items.first)
    #expect(first.value(of: "line") == #"^PASS_(\w+)_DAYS\s+(\d+)"#)
    #expect(first.value(of: "pattern") == #"^PASS_(\w+)_DAYS\s+(\d+)"#)
    #expect(first.entities(named: "subexpression").map(\.value) == ["MAX", "99999"])
  }

  @Test("a pattern cannot reach across lines; only the first match of a line counts")
  func oneMatchPerLine() async throws {
    let host = try FakeHost()
    try host.write("/etc/x.conf", "a=1 a=2\nb\n")
    let collected = try await host.collect(
      Self.object("<ind:path>/etc</ind:path><ind:filename>x.conf</ind:filename>", line: #"a=\d|1\nb"#))
    #expect(collected.values(of: "text") == ["a=1"])
  }

  @Test("a missing file does not exist; an invalid pattern is an error")
  func missingAndInvalid() async throws {
    let host = try FakeHost()
    try host.write("/etc/x.conf", "x\n")
    let missing = try await host.collect(
      Self.object("<ind:path>/etc</ind:path><ind:filename>nope</ind:filename>", line: "x"))
    #expect(missing.flag == .doesNotExist)
    let invalid = try await host.collect(
      Self.object("<ind:path>/etc</ind:path><ind:filename>x.conf</ind:filename>", line: "(x"))
    #expect(invalid.flag == .error)
    #expect(invalid.messageText.contains("invalid regular expression '(x'"))
  }
}
