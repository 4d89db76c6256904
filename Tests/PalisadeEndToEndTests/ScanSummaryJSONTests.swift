import Foundation
import TestSupport
import Testing
import XMLSupport

/// `palisade scan --summary-format json`: one line of JSON on standard output whose counts, status and result path
/// are those of the ARF the run wrote, for log collectors (a Kubernetes pod's log).
@Suite struct ScanSummaryJSONTests {
  /// The results of the ARF's TestResult, counted by kind.
  static func counts(inARF path: String) throws -> [String: Int] {
    let results = try XMLDocument(contentsOf: path).elements(
      matching: "//x:TestResult/x:rule-result/x:result", namespaces: ["x": "http://checklists.nist.gov/xccdf/1.2"])
    return results.reduce(into: [:]) { $0[$1.trimmedText, default: 0] += 1 }
  }

  /// Runs the scan and returns its exit status, the summary decoded, the ARF written, and standard output.
  static func scan(_ content: String, root: String, output: String) throws -> (
    status: Int32, summary: [String: Any], arf: String, standardOutput: String
  ) {
    let run = try CommandRun.run(
      ProjectPaths.palisade,
      ["scan", "--content", content, "--root", root, "--output-dir", output, "--summary-format", "json"])
    let arf = try #require(ScanRun.latestARF(in: output), "\(run.standardError)")
    let object = try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8))
    return (run.status, try #require(object as? [String: Any]), arf, run.standardOutput)
  }

  @Test func aHostWithFindingsIsOneLineWhoseCountsAreTheARFs() throws {
    let host = try FakeHost()
    let output = try TemporaryFolder()
    defer {
      host.remove()
      output.remove()
    }
    try host.write("/etc/docker/daemon.json", #"{"log-driver": "json-file"}"#)
    let run = try Self.scan(LogDriverFixture.content, root: host.root.path, output: output.path)
    #expect(run.status == 2)
    #expect(run.standardOutput.hasSuffix("}\n"))
    #expect(run.standardOutput.filter { $0 == "\n" }.count == 1)
    #expect(run.summary["status"] as? String == "findings")
    let counts = try #require(run.summary["counts"] as? [String: Int])
    var expected = try Self.counts(inARF: run.arf)
    expected["notselected"] = nil
    #expect(counts.filter { $0.value > 0 } == expected)
    #expect(
      Set(counts.keys) == ["pass", "fail", "error", "unknown", "notapplicable", "notchecked", "informational", "fixed"])
    #expect(counts["fail", default: 0] > 0)
    let results = try #require(run.summary["results"] as? String)
    #expect(
      URL(fileURLWithPath: results).resolvingSymlinksInPath() == URL(fileURLWithPath: run.arf).resolvingSymlinksInPath()
    )
    #expect(results.hasPrefix("/"))
    let hostFolder = URL(fileURLWithPath: run.arf).deletingLastPathComponent().deletingLastPathComponent()
    #expect(run.summary["host"] as? String == hostFolder.lastPathComponent)
    #expect((run.summary["score"] as? Double).map { $0 < 100 } == true)
    #expect(run.summary["maximum"] as? Double == 100)
    #expect((run.summary["scanner"] as? String)?.hasPrefix("Palisade ") == true)
    #expect((run.summary["started"] as? String)?.hasSuffix("+00:00") == true)
  }

  @Test func aCompliantHostSaysSoAndExitsZero() throws {
    let host = try FakeHost.compliant()
    let output = try TemporaryFolder()
    defer {
      host.remove()
      output.remove()
    }
    let run = try Self.scan(LogDriverFixture.content, root: host.root.path, output: output.path)
    #expect(run.status == 0)
    #expect(run.summary["status"] as? String == "compliant")
    let counts = try #require(run.summary["counts"] as? [String: Int])
    #expect(try counts["pass"] == Self.counts(inARF: run.arf)["pass"])
    #expect(counts["fail"] == 0)
  }

  @Test func anUnknownFormatIsRefused() throws {
    let output = try TemporaryFolder()
    defer { output.remove() }
    let run = try CommandRun.run(
      ProjectPaths.palisade, ["scan", "--output-dir", output.path, "--summary-format", "yaml"])
    #expect(run.status == 1)
    #expect(run.standardError.contains("--summary-format"), "\(run.standardError)")
    #expect(ScanRun.latestARF(in: output.path) == nil)
  }
}
