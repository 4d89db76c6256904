import Foundation
import OVAL
import TestSupport
import Testing

@testable import Probes

/// Object entities and probe-side searches whose pattern PCRE2 stops at its limits (`^(a+)+$` against `aaa…ab`): the
/// object is an error with PCRE2's reason, never an object that merely has fewer items.
@Suite("pattern matches past PCRE2's limits in probes")
struct PatternMatchLimitProbeTests {
  static let catastrophicValue = String(repeating: "a", count: 40) + "b"

  @Test("an entity that selects names (password_object's username)")
  func selectedNames() async throws {
    let host = try FakeHost()
    try host.write("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\n\(Self.catastrophicValue):x:1:1::/:/bin/sh\n")
    let collected = try await host.collect(
      #"<unix:password_object id="oval:t:obj:1" version="1"><unix:username operation="pattern match">^(a+)+$</unix:username></unix:password_object>"#
    )
    expectMatchLimitError(collected)
  }

  @Test("a file name (file_object's filename)")
  func fileNames() async throws {
    let host = try FakeHost()
    try host.write("/etc/app/\(Self.catastrophicValue)", "")
    let collected = try await host.collect(
      """
      <unix:file_object id="oval:t:obj:1" version="1">
        <unix:path>/etc/app</unix:path><unix:filename operation="pattern match">^(a+)+$</unix:filename>
      </unix:file_object>
      """)
    expectMatchLimitError(collected)
  }

  @Test(
    "a search of a file's text (textfilecontent_object's line, textfilecontent54_object's pattern)",
    arguments: [
      """
      <ind:textfilecontent_object id="oval:t:obj:1" version="1">
        <ind:path>/etc</ind:path><ind:filename>app.conf</ind:filename><ind:line>^(a+)+$</ind:line>
      </ind:textfilecontent_object>
      """,
      """
      <ind:textfilecontent54_object id="oval:t:obj:1" version="1">
        <ind:filepath>/etc/app.conf</ind:filepath><ind:pattern operation="pattern match">^(a+)+$</ind:pattern>
        <ind:instance datatype="int" operation="greater than or equal">1</ind:instance>
      </ind:textfilecontent54_object>
      """,
    ])
  func textSearches(object: String) async throws {
    let host = try FakeHost()
    try host.write("/etc/app.conf", Self.catastrophicValue + "\n")
    expectMatchLimitError(try await host.collect(object))
  }

  func expectMatchLimitError(_ collected: CollectedObject, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(collected.flag == .error, sourceLocation: sourceLocation)
    #expect(
      collected.messages.contains { $0.text.contains("match limit exceeded") }, "\(collected.messages)",
      sourceLocation: sourceLocation)
  }
}
