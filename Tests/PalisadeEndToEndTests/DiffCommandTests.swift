import Foundation
import TestSupport
import Testing

/// `palisade diff OLD NEW` through the binary, on two real scans of a host that changed.
@Suite struct DiffCommandTests {
  /// Two runs of the same host: daemon.json sending logs off the host, then not.
  struct TwoRuns {
    let host: FakeHost
    let output: TemporaryFolder
    let compliant: String
    let failing: String

    init() throws {
      host = try FakeHost()
      output = try TemporaryFolder()
      try host.write("/etc/docker/daemon.json", #"{"log-driver": "syslog"}"#)
      compliant = try #require(
        try LogDriverFixture.scan(root: host.root.path, output: output.path).arfPath.map(Self.resolved))
      try host.write("/etc/docker/daemon.json", #"{"log-driver": "json-file"}"#)
      failing = try #require(
        try LogDriverFixture.scan(root: host.root.path, output: output.path).arfPath.map(Self.resolved))
    }

    static func resolved(_ path: String) -> String { URL(fileURLWithPath: path).resolvingSymlinksInPath().path }

    func remove() {
      host.remove()
      output.remove()
    }
  }

  @Test func aNewlyFailingRuleIsListedFirstAndExits2() throws {
    let runs = try TwoRuns()
    defer { runs.remove() }
    let result = try CommandRun.run(ProjectPaths.palisade, ["diff", runs.compliant, runs.failing])
    #expect(result.status == 2, "\(result.standardError)")
    let lines = result.standardOutput.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(
      lines.first
        == "Old: \(runs.compliant) (\(try #require(Self.startTime(in: runs.compliant))), \(Self.hostName(runs)))")
    #expect(lines.contains("Newly failing (1):"))
    #expect(
      lines.contains {
        $0.hasPrefix("  pass -> fail")
          && $0.hasSuffix(
            "SV-235787r960912_rule  DKER-EE-001590  The Docker daemon must send container logs to a remote log collector"
          )
      },
      "\(result.standardOutput)")
    #expect(result.standardOutput.hasSuffix("1 rule changed: 1 newly failing; 0 unchanged\n"))
  }

  @Test func aResolvedRuleIsNoRegression() throws {
    let runs = try TwoRuns()
    defer { runs.remove() }
    let result = try CommandRun.run(ProjectPaths.palisade, ["diff", runs.failing, runs.compliant])
    #expect(result.status == 0)
    #expect(result.standardOutput.contains("Resolved (1):"))
  }

  @Test func runFoldersAndTheHostFolderStandForTheirResults() throws {
    let runs = try TwoRuns()
    defer { runs.remove() }
    let runFolder = URL(fileURLWithPath: runs.compliant).deletingLastPathComponent().path
    let hostFolder = URL(fileURLWithPath: runFolder).deletingLastPathComponent().path
    let result = try CommandRun.run(ProjectPaths.palisade, ["diff", runFolder, hostFolder])
    #expect(result.status == 2)
    #expect(result.standardOutput.contains("New: \(hostFolder)/latest/arf.xml"))
  }

  @Test func identicalScansExit0() throws {
    let runs = try TwoRuns()
    defer { runs.remove() }
    let result = try CommandRun.run(ProjectPaths.palisade, ["diff", runs.failing, runs.failing])
    #expect(result.status == 0)
    #expect(result.standardOutput.hasSuffix("No rule changed; 1 unchanged\n"))
  }

  @Test func jsonCarriesTheSameChange() throws {
    let runs = try TwoRuns()
    defer { runs.remove() }
    let result = try CommandRun.run(ProjectPaths.palisade, ["diff", "--json", runs.compliant, runs.failing])
    #expect(result.status == 2)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    #expect(object["regressed"] as? Bool == true)
    let change = try #require((object["changes"] as? [[String: Any]])?.first)
    #expect(change["kind"] as? String == "newly-failing")
    #expect(change["rule"] as? String == ScanRun.ruleID)
    #expect(change["old"] as? String == "pass")
    #expect(change["new"] as? String == "fail")
    #expect((object["old"] as? [String: Any])?["path"] as? String == runs.compliant)
  }

  @Test(.enabled(if: Prerequisites.oscap != nil, "needs oscap (openscap-scanner)"))
  func oscapResultsCompareWithPalisades() throws {
    let oscap = try #require(Prerequisites.oscap)
    let runs = try TwoRuns()
    defer { runs.remove() }
    let theirs = runs.output.url.appendingPathComponent("oscap-arf.xml").path
    _ = try CommandRun.run(
      oscap, ["xccdf", "eval", "--results-arf", theirs, LogDriverFixture.content],
      environment: ["OSCAP_PROBE_ROOT": runs.host.root.path])
    let result = try CommandRun.run(ProjectPaths.palisade, ["diff", theirs, runs.failing])
    #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
    #expect(result.standardOutput.hasSuffix("No rule changed; 1 unchanged\n"))
  }

  @Test(arguments: [
    (
      ["/nonexistent/old.xml", "/nonexistent/new.xml"],
      "/nonexistent/old.xml: error: cannot read file: no such file or directory\n"
    )
  ])
  func unreadableInputExits1(_ arguments: [String], _ expected: String) throws {
    let result = try CommandRun.run(ProjectPaths.palisade, ["diff"] + arguments)
    #expect(result.status == 1)
    #expect(result.standardError == expected)
  }

  @Test func contentIsNotAResult() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let result = try CommandRun.run(ProjectPaths.palisade, ["diff", LogDriverFixture.content, folder.path])
    #expect(result.status == 1)
    #expect(
      result.standardError.contains("is not an ARF report collection or an XCCDF result"), "\(result.standardError)")
  }

  @Test func aFolderWithoutAResultIsNamed() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let runs = try TwoRuns()
    defer { runs.remove() }
    let result = try CommandRun.run(ProjectPaths.palisade, ["diff", runs.failing, folder.path])
    #expect(result.status == 1)
    #expect(
      result.standardError.hasPrefix("\(folder.path): error: cannot read file: is a folder without a scan result"))
  }

  static func startTime(in arf: String) -> String? {
    guard let text = try? String(contentsOfFile: arf, encoding: .utf8),
      let range = text.range(of: #"start-time="[^"]+""#, options: .regularExpression)
    else { return nil }
    return String(text[range].dropFirst(12).dropLast())
  }

  /// The scanned tree's host: a tree without /etc/hostname is named after its folder.
  static func hostName(_ runs: TwoRuns) -> String { runs.host.root.lastPathComponent }
}
