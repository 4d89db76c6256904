import Foundation
import TestSupport
import Testing

/// `palisade fleet`: many hosts' result folders, made by real scans of fake trees, in one page, CSV and JSON.
@Suite struct FleetCommandTests {
  static let rule = "xccdf_mil.disa.stig_rule_SV-235787r960912_rule"

  /// A results folder: web01 passing then failing (a change), web02 passing, old03 passing long ago (stale),
  /// broken04 whose ARF is cut short, empty05 with no run at all.
  static func fleet() throws -> TemporaryFolder {
    let results = try TemporaryFolder()
    func scan(_ name: String, logDriver: String) throws {
      let host = try FakeHost()
      try host.write("/etc/hostname", name + "\n")
      try host.write("/etc/docker/daemon.json", #"{"log-driver": "\#(logDriver)"}"#)
      let run = try LogDriverFixture.scan(root: host.folder, output: results.path)
      #expect(run.command.status != 1, "\(run.command.standardError)")
    }
    try scan("web01", logDriver: "syslog")
    // The first run becomes an older one (run folders are named by their time), so the next is its successor.
    let first = try FileManager.default.destinationOfSymbolicLink(atPath: results.path + "/web01/latest")
    try FileManager.default.moveItem(
      atPath: results.path + "/web01/" + first, toPath: results.path + "/web01/20200101T000000Z")
    try scan("web01", logDriver: "json-file")
    try scan("web02", logDriver: "syslog")
    try scan("old03", logDriver: "syslog")
    let oldARF = results.path + "/old03/latest/arf.xml"
    let text = try String(contentsOfFile: oldARF, encoding: .utf8).replacingOccurrences(
      of: #"(start|end)-time="\d{4}-"#, with: "$1-time=\"2020-", options: .regularExpression)
    try text.write(toFile: oldARF, atomically: false, encoding: .utf8)
    try scan("broken04", logDriver: "syslog")
    let brokenARF = results.path + "/broken04/latest/arf.xml"
    let broken = try String(contentsOfFile: brokenARF, encoding: .utf8)
    try broken.replacingOccurrences(of: "<rule-result ", with: "<rule-result <").write(
      toFile: brokenARF, atomically: false, encoding: .utf8)
    try FileManager.default.createDirectory(atPath: results.path + "/empty05", withIntermediateDirectories: true)
    return results
  }

  static func jsonObject(_ path: String) throws -> [String: Any] {
    try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
  }

  @Test func aResultsFolderGivesEveryHostItsLine() throws {
    let results = try Self.fleet()
    defer { results.remove() }
    let output = try TemporaryFolder()
    defer { output.remove() }
    let page = output.path + "/fleet.html"
    let run = try CommandRun.run(ProjectPaths.palisade, ["fleet", results.path, "--output", page])
    #expect(run.status == 0, "\(run.standardError)")
    #expect(run.standardOutput.hasPrefix("5 hosts (2 current, 1 stale, 2 failed), 1 rules failing somewhere"))
    #expect(Set(output.files()) == ["fleet.html", "fleet.csv", "fleet.json"])

    let json = try Self.jsonObject(output.path + "/fleet.json")
    let hosts = try #require(json["hosts"] as? [[String: Any]])
    let byName = Dictionary(
      uniqueKeysWithValues: hosts.compactMap { host in (host["name"] as? String).map { ($0, host) } })
    #expect(byName.keys.sorted() == ["broken04", "empty05", "old03", "web01", "web02"])
    #expect(byName["web01"]?["status"] as? String == "current")
    #expect(byName["web01"]?["results"] as? [String: Int] == ["fail": 1])
    #expect(byName["web01"]?["attentionBySeverity"] as? [String: Int] == ["low": 1])
    let changes = try #require(byName["web01"]?["changes"] as? [[String: Any]])
    #expect(changes.count == 1)
    #expect(changes.first?["kind"] as? String == "newly-failing")
    #expect(changes.first?["old"] as? String == "pass")
    #expect(changes.first?["new"] as? String == "fail")
    #expect(byName["web02"]?["results"] as? [String: Int] == ["pass": 1])
    #expect(byName["web02"]?["changes"] == nil, "one run: nothing to compare with")
    #expect(byName["old03"]?["status"] as? String == "stale")
    #expect((byName["old03"]?["lastScan"] as? String)?.hasPrefix("2020-") == true)
    #expect(byName["broken04"]?["status"] as? String == "failed")
    let problem = try #require(byName["broken04"]?["problem"] as? String)
    let brokenLines = try String(contentsOfFile: results.path + "/broken04/latest/arf.xml", encoding: .utf8)
      .components(separatedBy: "\n")
    let line = try #require(brokenLines.firstIndex { $0.contains("<rule-result <") }) + 1
    #expect(problem.hasPrefix("\(results.path)/broken04/latest/arf.xml:\(line):"), "\(problem)")
    #expect(problem.contains(": error: "), "\(problem)")
    #expect((byName["empty05"]?["problem"] as? String)?.contains("empty05/latest") == true)

    let rules = try #require(json["rules"] as? [[String: Any]])
    #expect(rules.count == 1)
    #expect(rules.first?["rule"] as? String == Self.rule)
    #expect((rules.first?["hosts"] as? [[String: Any]])?.compactMap { $0["host"] as? String } == ["web01"])

    let csv = try String(contentsOfFile: output.path + "/fleet.csv", encoding: .utf8)
    let lines = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
    #expect(lines.count == 6)
    #expect(lines.first?.hasPrefix("host,fqdn,status,score,last_scan,pass,fail,error,") == true)
    let web01 = try #require(lines.first { $0.hasPrefix("web01,") }).split(
      separator: ",", omittingEmptySubsequences: false)
    #expect(web01[2] == "current")
    #expect(web01[5] == "0" && web01[6] == "1", "pass 0, fail 1: \(web01)")

    let html = try String(contentsOfFile: page, encoding: .utf8)
    try ReportConversionTests.checkHTMLNesting(page)
    #expect(
      !html.contains("src=") && !html.contains("<link") && !html.contains("http://") && !html.contains("https://"))
    #expect(html.contains("<table class=\"fleet hosts\">") && html.contains("<table class=\"fleet rules\">"))
    let relative = "../\(URL(fileURLWithPath: results.path).lastPathComponent)/web01/latest/arf.xml"
    #expect(html.contains("href=\"\(relative)\""), "the failing rule links to web01's ARF")
  }

  /// With an HTML report in the run, the evidence link goes to the rule in it; run folders can be given one by one,
  /// as a shell expands results/*/latest.
  @Test func runFoldersGivenOneByOneAndLinksToTheHTMLReport() throws {
    let results = try TemporaryFolder()
    defer { results.remove() }
    let host = try FakeHost()
    try host.write("/etc/hostname", "web09\n")
    try host.write("/etc/docker/daemon.json", #"{"log-driver": "json-file"}"#)
    let scan = try LogDriverFixture.scan(root: host.folder, output: results.path, extra: ["--format", "html"])
    #expect(scan.command.status == 2, "\(scan.command.standardError)")
    let page = results.path + "/page.html"
    let run = try CommandRun.run(
      ProjectPaths.palisade,
      ["fleet", results.path + "/web09/latest", "--output", page, "--format", "html,json", "--stale-after", "36h"])
    #expect(run.status == 0, "\(run.standardError)")
    #expect(Set(results.files()).isSuperset(of: ["page.html", "page.json"]) && !results.files().contains("page.csv"))
    let html = try String(contentsOfFile: page, encoding: .utf8)
    #expect(html.contains("href=\"web09/latest/report.html#SV-235787r960912_rule\""))
    #expect(html.contains("stale after 36 hours"))
  }

  @Test func badArgumentsAreRefused() throws {
    let output = try TemporaryFolder()
    defer { output.remove() }
    let missing = try CommandRun.run(
      ProjectPaths.palisade, ["fleet", output.path + "/none", "--output", output.path + "/f.html"])
    #expect(missing.status == 1)
    #expect(missing.standardError.contains("'\(output.path)/none' is not a folder of scan results"))
    let format = try CommandRun.run(ProjectPaths.palisade, ["fleet", output.path, "--format", "pdf"])
    #expect(format.status == 1)
    let stale = try CommandRun.run(ProjectPaths.palisade, ["fleet", output.path, "--stale-after", "soon"])
    #expect(stale.status == 1)
    #expect(output.files().isEmpty)
  }
}
