import Foundation
import TestSupport
import Testing
import XMLSupport

/// `palisade xccdf eval`, `info` and `validate` on content NIST, the SCAP Security Guide and DISA wrote, against
/// their known answers and OpenSCAP's.
@Suite struct XCCDFCommandTests {
  static let ssgDataStream = Prerequisites.ssgDebian11
  static let disaBenchmark = "reference/disa/U_Docker_Enterprise_2-x_Linux-Unix_STIG_V2R2_Manual-xccdf.xml"

  @Test(
    .enabled(
      if: Prerequisites.hasShared && Prerequisites.python3 != nil,
      "needs ../shared/conformance/nist and python3"))
  func everyNISTValidationSuitePasses() throws {
    let nist = ProjectPaths.shared.appendingPathComponent("conformance/nist")
    let bundles = ((try? FileManager.default.contentsOfDirectory(atPath: nist.path)) ?? []).sorted()
      .map { nist.appendingPathComponent($0).path + "/" }
    let output = try TemporaryFolder()
    defer { output.remove() }
    let suites = try InstalledContent.nistSuiteCount(inBundles: bundles)
    #expect(suites > 0)
    let runner = ProjectPaths.shared.appendingPathComponent("tools/nist-catalog-run").path
    let result = try CommandRun.run(
      "/usr/bin/env", ["python3", runner, "--scanner", ProjectPaths.palisade, "--out", output.path] + bundles,
      timeout: 900)
    #expect(
      result.standardOutput.hasSuffix("\(suites) passed, 0 failed\n"), "\(result.standardOutput)\(result.standardError)"
    )
  }

  /// Profile ids as `info` lists them, from either tool's output.
  static func profileIDs(in text: String) -> [String] {
    text.split(separator: "\n").compactMap { line in
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      return trimmed.hasPrefix("Id: ") ? String(trimmed.dropFirst(4)) : nil
    }
  }

  @Test(
    .enabled(
      if: Prerequisites.hasSSGDebian11 && Prerequisites.oscap != nil, "needs ssg-debian and oscap (openscap-scanner)"))
  func infoListsTheSameProfilesAsOscap() throws {
    let oscap = try #require(Prerequisites.oscap)
    let ours = try CommandRun.run(ProjectPaths.palisade, ["info", Self.ssgDataStream])
    let theirs = try CommandRun.run(oscap, ["info", Self.ssgDataStream])
    #expect(ours.status == 0)
    #expect(Self.profileIDs(in: ours.standardOutput) == Self.profileIDs(in: theirs.standardOutput))
    let installed = try InstalledContent.profileIDs(inDataStream: Self.ssgDataStream)
    #expect(!installed.isEmpty && Self.profileIDs(in: ours.standardOutput).sorted() == installed.sorted())
  }

  /// oscap 1.3.7 lists only every second profile of this XCCDF 1.1 benchmark (docs/parity.md); Palisade lists all
  /// nine the document holds, oscap's five among them.
  @Test(
    .enabled(
      if: Prerequisites.hasShared && Prerequisites.oscap != nil, "needs ../shared/reference/disa and oscap"))
  func infoListsEveryProfileOfTheDISABenchmark() throws {
    let oscap = try #require(Prerequisites.oscap)
    let path = ProjectPaths.shared.appendingPathComponent(Self.disaBenchmark).path
    let ours = Self.profileIDs(in: try CommandRun.run(ProjectPaths.palisade, ["info", path]).standardOutput)
    let theirs = Self.profileIDs(in: try CommandRun.run(oscap, ["info", path]).standardOutput)
    #expect(
      ours == [
        "MAC-1_Classified", "MAC-1_Public", "MAC-1_Sensitive", "MAC-2_Classified", "MAC-2_Public",
        "MAC-2_Sensitive", "MAC-3_Classified", "MAC-3_Public", "MAC-3_Sensitive",
      ])
    #expect(Set(theirs).isSubset(of: Set(ours)))
  }

  @Test(.enabled(if: Prerequisites.hasShared, "needs ../shared/reference/disa"))
  func everyManualDISARuleIsNotcheckedWithItsIdsKept() throws {
    let output = try TemporaryFolder()
    defer { output.remove() }
    let path = ProjectPaths.shared.appendingPathComponent(Self.disaBenchmark).path
    let results = output.url.appendingPathComponent("results.xml").path
    let run = try CommandRun.run(
      ProjectPaths.palisade, ["xccdf", "eval", "--profile", "MAC-1_Classified", "--results", results, path])
    #expect(run.status == 0, "\(run.standardError)")
    let listed = run.standardOutput.split(separator: "\n").filter { $0.hasPrefix("Result\t") }
    #expect(listed.count == 101)
    #expect(listed.allSatisfy { $0 == "Result\tnotchecked" })
    #expect(run.standardOutput.contains("Rule\tSV-235787r960912_rule"))
    let text = try String(contentsOfFile: results, encoding: .utf8)
    #expect(text.contains(#"<rule-result idref="SV-235787r960912_rule""#))
    #expect(text.contains("this rule needs a manual review"))
  }

  /// The Debian 11 data stream on this host: every profile it holds, rule by rule, as oscap decides it.
  @Test(
    .enabled(
      if: Prerequisites.hasShared && Prerequisites.hasSSGDebian11 && Prerequisites.oscap != nil,
      "needs ../shared/tools, ssg-debian and oscap"),
    arguments: (try? InstalledContent.profileIDs(inDataStream: Prerequisites.ssgDebian11)) ?? [])
  func ssgProfilesMatchOscapRuleByRule(profile: String) throws {
    let oscap = try #require(Prerequisites.oscap)
    let output = try TemporaryFolder()
    defer { output.remove() }
    let ours = output.url.appendingPathComponent("ours.xml").path
    let theirs = output.url.appendingPathComponent("theirs.xml").path
    _ = try CommandRun.run(
      ProjectPaths.palisade, ["xccdf", "eval", "--profile", profile, "--results-arf", ours, Self.ssgDataStream])
    _ = try CommandRun.run(oscap, ["xccdf", "eval", "--profile", profile, "--results-arf", theirs, Self.ssgDataStream])
    let compare = ProjectPaths.shared.appendingPathComponent("tools/scap-compare").path
    let result = try CommandRun.run("/usr/bin/env", ["python3", compare, "--kind", "xccdf", ours, theirs])
    #expect(result.status == 0, "\(result.standardOutput)")
    #expect(result.standardOutput.contains("(100.00%)"), "\(result.standardOutput)")
  }

  @Test(.enabled(if: Prerequisites.schemaOverlay != nil, "needs openscap-common's schemas"))
  func xccdfResultsAndARFValidateAgainstTheOfficialSchemas() throws {
    let overlay = try #require(Prerequisites.schemaOverlay)
    try FakeHost.withDockerHost(daemonJSON: #"{"log-driver": "json-file"}"#) { host, output in
      let results = output.url.appendingPathComponent("results.xml").path
      let arf = output.url.appendingPathComponent("arf.xml").path
      let run = try CommandRun.run(
        ProjectPaths.palisade,
        [
          "xccdf", "eval", "--profile", "MAC-2_Public", "--root", host.root.path, "--results", results, "--results-arf",
          arf, ProjectPaths.bundledContent,
        ])
      #expect(run.status == 2, "\(run.standardError)")
      #expect(run.standardOutput.contains("Result\tfail"))
      let xccdf = try CommandRun.run(ProjectPaths.palisade, ["validate", results])
      #expect(xccdf.status == 0, "\(xccdf.standardError)")
      // The ARF carries the content's Docker Engine API tests: the official schemas plus Palisade's validate it.
      let report = try CommandRun.run(ProjectPaths.palisade, ["validate", "--schemas", overlay, arf])
      #expect(report.status == 0, "\(report.standardError)")
    }
  }

  @Test(.enabled(if: Prerequisites.schemaOverlay != nil, "needs openscap-common's schemas"))
  func validateReportsEachProblemWithItsPlace() throws {
    let overlay = try #require(Prerequisites.schemaOverlay)
    let output = try TemporaryFolder()
    defer { output.remove() }
    let broken = output.url.appendingPathComponent("broken.xml").path
    try Data(
      """
      <Benchmark xmlns="http://checklists.nist.gov/xccdf/1.2" id="xccdf_t_benchmark_b">
        <status>draft</status>
        <nonsense/>
      </Benchmark>
      """.utf8
    ).write(to: URL(fileURLWithPath: broken))
    let result = try CommandRun.run(ProjectPaths.palisade, ["validate", broken])
    #expect(result.status == 2)
    #expect(result.standardError.hasPrefix("\(broken):3:"), "\(result.standardError)")
    let valid = try CommandRun.run(
      ProjectPaths.palisade, ["validate", "--schemas", overlay, ProjectPaths.bundledContent])
    #expect(valid.status == 0, "\(valid.standardError)")
  }

  @Test func reportWritesAnHTMLReportAndLeavesNoTemporaryARF() throws {
    let output = try TemporaryFolder()
    let host = try FakeHost()
    defer {
      output.remove()
      host.remove()
    }
    let report = output.url.appendingPathComponent("report.html").path
    let run = try CommandRun.run(
      ProjectPaths.palisade,
      [
        "xccdf", "eval", "--root", host.root.path, "--docker-host", "unix:///nonexistent/docker.sock", "--report",
        report,
        ProjectPaths.bundledContent,
      ])
    #expect(run.status == 0 || run.status == 2, "\(run.standardError)")
    let html = try String(contentsOfFile: report, encoding: .utf8)
    #expect(html.contains("SV-235787r960912_rule"))
    #expect(output.files() == ["report.html"])
  }

  /// `--oval-results` writes each OVAL document's results into the current folder under oscap's name, and nothing
  /// else there.
  @Test func ovalResultsGoToTheCurrentFolderUnderOscapsName() throws {
    let folder = try TemporaryFolder()
    let host = try FakeHost()
    defer {
      folder.remove()
      host.remove()
    }
    let run = try CommandRun.run(
      "/bin/sh",
      [
        "-c", #"cd "$1" && shift && exec "$@""#, "sh", folder.path, ProjectPaths.palisade, "xccdf", "eval", "--root",
        host.root.path, "--docker-host", "unix:///nonexistent/docker.sock", "--oval-results",
        ProjectPaths.bundledContent,
      ])
    #expect(run.status == 0 || run.status == 2, "\(run.standardError)")
    let files = folder.files()
    // The bundled data stream's OVAL components: the checks and the CPE platform checks.
    #expect(files == ["docker-stig-cpe-oval.xml.result.xml", "docker-stig-oval.xml.result.xml"])
    for file in files {
      #expect(try XMLDocument(contentsOf: folder.path + "/" + file).rootElement().localName == "oval_results")
    }
  }
}
