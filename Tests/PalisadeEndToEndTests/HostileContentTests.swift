import Foundation
import TestSupport
import Testing

/// Content from elsewhere that tries to break the scanner: every case ends with exit 1 (or, for a check that
/// cannot run, the rule's `error`), a message naming the file and place, nothing expanded, nothing written.
@Suite struct HostileContentTests {
  /// Writes `bytes` as content, scans a fake host with it, and returns the run.
  func scan(_ bytes: [UInt8], name: String = "hostile-ds.xml", limits: String? = nil) throws -> (
    result: CommandResult, content: String, output: TemporaryFolder
  ) {
    let folder = try TemporaryFolder()
    let host = try FakeHost()
    let output = try TemporaryFolder()
    defer {
      folder.remove()
      host.remove()
    }
    try host.write("/etc/docker/daemon.json", #"{"log-driver": "syslog"}"#)
    let content = folder.url.appendingPathComponent(name).path
    try Data(bytes).write(to: URL(fileURLWithPath: content))
    let arguments = ["scan", "--content", content, "--root", host.root.path, "--output-dir", output.path]
    let result: CommandResult
    if let limits {
      let bash = try #require(Prerequisites.bash, "resource limits are set through bash")
      result = try CommandRun.run(
        bash, ["-c", "\(limits); exec \"$@\"", "palisade", ProjectPaths.palisade] + arguments)
    } else {
      result = try CommandRun.run(ProjectPaths.palisade, arguments)
    }
    return (result, content, output)
  }

  func scanFails(_ text: String, limits: String? = nil, expecting expected: String, line: Int? = nil) throws {
    let (result, content, output) = try scan(Array(text.utf8), limits: limits)
    defer { output.remove() }
    #expect(result.status == 1, "\(result.standardError)")
    let place = line.map { "\(content):\($0):" } ?? "\(content):"
    #expect(result.standardError.hasPrefix(place), "\(result.standardError)")
    #expect(result.standardError.contains(expected), "\(result.standardError)")
    #expect(!result.standardError.contains("root:x:0:0"))
    #expect(result.standardError.split(separator: "\n").count == 1, "\(result.standardError)")
    #expect(output.files().isEmpty, "left behind: \(output.files())")
  }

  static let benchmarkStart = #"<Benchmark xmlns="http://checklists.nist.gov/xccdf/1.2" id="xccdf_a_benchmark_b">"#

  @Test func mismatchedTags() throws {
    try scanFails(
      "<?xml version=\"1.0\"?>\n\(Self.benchmarkStart)\n<title>x</titel>\n</Benchmark>\n",
      expecting: "Opening and ending tag mismatch", line: 3)
  }

  @Test func truncatedInsideATag() throws {
    try scanFails("<?xml version=\"1.0\"?>\n\(Self.benchmarkStart)\n<title lang=\"en", expecting: "error:", line: 3)
  }

  @Test func externalEntityToEtcPasswdIsNotExpanded() throws {
    let text = """
      <?xml version="1.0"?>
      <!DOCTYPE Benchmark [
        <!ENTITY passwd SYSTEM "file:///etc/passwd">
      ]>
      \(Self.benchmarkStart)<title>&passwd;</title></Benchmark>
      """
    try scanFails(text, expecting: "entity declaration 'passwd' is not allowed", line: 3)
  }

  @Test func externalParameterEntityIsNotLoaded() throws {
    let text = """
      <?xml version="1.0"?>
      <!DOCTYPE Benchmark [
        <!ENTITY % remote SYSTEM "file:///etc/passwd">
        %remote;
      ]>
      \(Self.benchmarkStart)</Benchmark>
      """
    try scanFails(text, expecting: "entity declaration 'remote' is not allowed", line: 3)
  }

  /// The billion laughs, run with 1 GB of address space: refused at its first declaration, before any expansion.
  @Test(.enabled(if: Prerequisites.bash != nil, "needs bash (ulimit -v)"))
  func billionLaughsIsRefusedInBoundedMemory() throws {
    var lines = ["<?xml version=\"1.0\"?>", "<!DOCTYPE Benchmark [", "<!ENTITY lol0 \"lol\">"]
    for level in 1...9 {
      lines.append("<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">")
    }
    lines += ["]>", "\(Self.benchmarkStart)<title>&lol9;</title></Benchmark>"]
    try scanFails(
      lines.joined(separator: "\n"), limits: "ulimit -v 1048576", expecting: "entity declaration 'lol0' is not allowed",
      line: 3)
  }

  @Test func invalidUTF8() throws {
    var bytes = Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\(Self.benchmarkStart)\n<title>".utf8)
    bytes += [0xFF, 0xFE, 0x41]
    bytes += Array("</title></Benchmark>\n".utf8)
    let (result, content, output) = try scan(bytes)
    defer { output.remove() }
    #expect(result.status == 1)
    #expect(result.standardError.hasPrefix("\(content):3:"), "\(result.standardError)")
    #expect(result.standardError.contains("not proper UTF-8"))
    #expect(result.standardError.split(separator: "\n").count == 1)
    #expect(output.files().isEmpty)
  }

  @Test func emptyFile() throws {
    try scanFails("", expecting: "error:")
  }

  @Test func notSCAPContent() throws {
    try scanFails("<html><body/></html>\n", expecting: "'html' is not a SCAP source data stream", line: 1)
  }

  /// A rule whose OVAL state has a pattern PCRE2 refuses: the rule is an error naming the pattern; the scan goes on.
  @Test func invalidRegularExpressionMakesTheRuleAnError() throws {
    let text = try LogDriverFixture.text()
    let hostile = text.replacingOccurrences(
      of: ##"<field name="#" datatype="string" operation="equals" var_ref="oval:dev.palisade.docker:var:235788""##
        + "\n                var_check=\"at least one\"/>",
      with: ##"<field name="#" datatype="string" operation="pattern match">(sys[log</field>"##)
    #expect(hostile != text)
    let (result, _, output) = try scan(Array(hostile.utf8))
    defer { output.remove() }
    #expect(result.status == 2, "\(result.standardError)")
    let arf = try #require(ScanRun.latestARF(in: output.path))
    let rule = try #require(try ScanRun.ruleResult(inARF: arf))
    #expect(rule.result == "error")
    #expect(
      rule.messages.contains { $0.contains("invalid regular expression '(sys[log'") && $0.contains("offset 8") },
      "\(rule.messages)")
  }

  /// Content paths that are not regular files: refused at once, never read.
  @Test func contentThatIsAFIFO() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let fifo = folder.url.appendingPathComponent("ds.xml").path
    #expect(mkfifo(fifo, 0o644) == 0)
    try contentPathFails(fifo, expecting: "\(fifo): error: cannot read file: is a FIFO, not a regular file")
  }

  @Test func contentThatIsAFolder() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try contentPathFails(
      folder.path, expecting: "\(folder.path): error: cannot read file: is a directory, not a regular file")
  }

  @Test func contentThatIsASymbolicLinkLoop() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let link = folder.url.appendingPathComponent("ds.xml").path
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "ds.xml")
    try contentPathFails(link, expecting: "\(link): error: cannot read file: too many levels of symbolic links")
  }

  @Test func contentThatIsADevice() throws {
    try contentPathFails(
      "/dev/zero", expecting: "/dev/zero: error: cannot read file: is a character device, not a regular file")
  }

  func contentPathFails(_ path: String, expecting expected: String) throws {
    let output = try TemporaryFolder()
    defer { output.remove() }
    let result = try CommandRun.run(ProjectPaths.palisade, ["scan", "--content", path, "--output-dir", output.path])
    #expect(result.status == 1)
    #expect(result.standardError == expected + "\n")
    #expect(output.files().isEmpty)
  }
}
