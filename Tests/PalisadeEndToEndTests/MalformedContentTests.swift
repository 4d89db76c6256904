import Foundation
import TestSupport
import Testing

/// Content that cannot be used ends the scan with exit 1 and a `file:line:col: error:` message, and leaves nothing
/// in the output folder.
@Suite struct MalformedContentTests {
  static func bundledText() throws -> String {
    try String(contentsOfFile: ProjectPaths.bundledContent, encoding: .utf8)
  }

  func scanFails(withContent text: String, expectingMessage expected: String, line: Int? = nil) throws {
    let folder = try TemporaryFolder()
    let host = try FakeHost()
    let output = try TemporaryFolder()
    defer {
      folder.remove()
      host.remove()
      output.remove()
    }
    let content = folder.url.appendingPathComponent("broken-ds.xml").path
    try Data(text.utf8).write(to: URL(fileURLWithPath: content))
    let result = try CommandRun.run(
      ProjectPaths.palisade, ["scan", "--content", content, "--root", host.root.path, "--output-dir", output.path])
    #expect(result.status == 1)
    let pattern = line.map { "\(content):\($0):" } ?? "\(content):"
    #expect(result.standardError.hasPrefix(pattern), "\(result.standardError)")
    #expect(result.standardError.contains(": error: "), "\(result.standardError)")
    #expect(result.standardError.contains(expected), "\(result.standardError)")
    #expect(output.files().isEmpty, "left behind: \(output.files())")
  }

  @Test func truncatedXML() throws {
    let text = try Self.bundledText()
    let truncated = String(text.prefix(text.count / 2))
    let lines = truncated.split(separator: "\n", omittingEmptySubsequences: false).count
    try scanFails(withContent: truncated, expectingMessage: "error:", line: lines)
  }

  @Test func testPointingAtAMissingObject() throws {
    let text = try Self.bundledText()
    let broken = text.replacingOccurrences(
      of: #"<ind:object object_ref="oval:dev.palisade.docker:obj:24" />"#,
      with: #"<ind:object object_ref="oval:dev.palisade.docker:obj:404"/>"#)
    #expect(broken != text)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let testLine = try #require(lines.firstIndex { $0.contains("<ind:yamlfilecontent_test") }) + 1
    try scanFails(
      withContent: broken, expectingMessage: "refers to undefined object 'oval:dev.palisade.docker:obj:404'",
      line: testLine)
  }

  @Test func missingContentFile() throws {
    let output = try TemporaryFolder()
    defer { output.remove() }
    let result = try CommandRun.run(
      ProjectPaths.palisade, ["scan", "--content", "/nonexistent/ds.xml", "--output-dir", output.path])
    #expect(result.status == 1)
    #expect(result.standardError == "/nonexistent/ds.xml: error: cannot read file: no such file or directory\n")
    #expect(output.files().isEmpty)
  }

  @Test func unknownProfileIsNamed() throws {
    let output = try TemporaryFolder()
    let host = try FakeHost()
    defer {
      output.remove()
      host.remove()
    }
    let result = try CommandRun.run(
      ProjectPaths.palisade,
      [
        "scan", "--content", ProjectPaths.bundledContent, "--profile", "nonsense", "--root", host.root.path,
        "--output-dir", output.path,
      ])
    #expect(result.status == 1)
    #expect(result.standardError.contains("no profile 'nonsense'"))
    #expect(output.files().isEmpty)
  }
}
