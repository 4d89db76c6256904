import Foundation
import TestSupport
import Testing
import XMLSupport

/// `ContentSelectionOptions`, the one group choosing inside the content (data stream, checklist, benchmark,
/// tailoring), taken alike by `scan`, `xccdf eval` and `fix`.
@Suite struct ContentSelectionOptionsTests {
  /// A tailoring whose profile extends MAC-1_Public and leaves its one rule out.
  static let tailoring = """
    <Tailoring xmlns="http://checklists.nist.gov/xccdf/1.2" id="xccdf_dev.palisade_tailoring_selection">
      <version time="2026-01-01T00:00:00">1</version>
      <Profile id="xccdf_dev.palisade_profile_without_logging" extends="xccdf_mil.disa.stig_profile_MAC-1_Public">
        <title>without logging</title>
        <select idref="\(ScanRun.ruleID)" selected="false"/>
      </Profile>
    </Tailoring>
    """

  @Test func scanAppliesATailoringFile() throws {
    let output = try TemporaryFolder()
    let host = try FakeHost.compliant()
    defer {
      output.remove()
      host.remove()
    }
    let tailoringPath = output.path + "/tailoring.xml"
    try Self.tailoring.write(toFile: tailoringPath, atomically: true, encoding: .utf8)
    let untailored = try LogDriverFixture.scan(root: host.root.path, output: output.path + "/untailored")
    let untailoredARF = try #require(untailored.arfPath, "\(untailored.command.standardError)")
    #expect(try ScanRun.ruleResult(inARF: untailoredARF)?.result == "pass")

    let tailored = try LogDriverFixture.scan(
      root: host.root.path, output: output.path + "/tailored",
      extra: ["--tailoring-file", tailoringPath, "--profile", "xccdf_dev.palisade_profile_without_logging"])
    #expect(tailored.command.status == 0, "\(tailored.command.standardError)")
    let tailoredARF = try #require(tailored.arfPath, "\(tailored.command.standardError)")
    #expect(try ScanRun.ruleResult(inARF: tailoredARF)?.result ?? "notselected" == "notselected")
    let profile = try XMLDocument(contentsOf: tailoredARF).elements(
      matching: "//x:TestResult/x:profile", namespaces: ["x": "http://checklists.nist.gov/xccdf/1.2"])
    #expect(profile.first?[attribute: "idref"] == "xccdf_dev.palisade_profile_without_logging")
  }

  @Test(arguments: [["scan", "--content"], ["xccdf", "eval"], ["fix"]])
  func aChecklistChosenTwiceIsAUsageError(command: [String]) throws {
    let output = try TemporaryFolder()
    defer { output.remove() }
    let result = try CommandRun.run(
      ProjectPaths.palisade,
      command + [LogDriverFixture.content, "--xccdf-id", "a", "--benchmark-id", "b"]
        + (command.first == "scan" ? ["--output-dir", output.path + "/results"] : []))
    #expect(result.status == 1)
    #expect(result.standardError.contains("'--xccdf-id' and '--benchmark-id' both choose the benchmark; give one"))
    #expect(output.files().isEmpty, "written: \(output.files())")
  }
}
