import Foundation
import TestSupport
import Testing
import XMLSupport

/// `palisade review import`: answers of a checklist reviewers filled in (STIG Viewer 2 CKL, STIG Viewer 3 CKLB),
/// through the real binary.
@Suite struct ReviewImportTests {
  static let answeredCKL = ProjectPaths.packageRoot
    .appendingPathComponent("Tests/PalisadeEndToEndTests/Fixtures/reviews/stigviewer-answers.ckl").path

  typealias ReviewedHost = ReviewTests.ReviewedHost

  /// STATUS, FINDING_DETAILS and COMMENTS of each VULN of a CKL, by rule id.
  static func checklistEntries(_ path: String) throws -> [String: (status: String, details: String, comments: String)] {
    var entries: [String: (String, String, String)] = [:]
    for vulnerability in try XMLDocument(contentsOf: path).elements(matching: "//VULN") {
      let ruleID = vulnerability.elements(named: "STIG_DATA").first {
        $0.firstElement(named: "VULN_ATTRIBUTE")?.trimmedText == "Rule_ID"
      }?.firstElement(named: "ATTRIBUTE_DATA")?.trimmedText
      guard let ruleID else { continue }
      entries[ruleID] = (
        vulnerability.firstElement(named: "STATUS")?.trimmedText ?? "",
        vulnerability.firstElement(named: "FINDING_DETAILS")?.text ?? "",
        vulnerability.firstElement(named: "COMMENTS")?.text ?? ""
      )
    }
    return entries
  }

  @Test func aChecklistAnsweredInSTIGViewerImportsAndTheNextScanCarriesEveryAnswer() throws {
    let reviewed = try ReviewedHost(logDriver: "syslog")
    defer { reviewed.remove() }
    let first = try reviewed.scan(formats: "ckl")
    let hostName =
      try XMLDocument(
        contentsOf: URL(fileURLWithPath: first.arf).deletingLastPathComponent()
          .appendingPathComponent("checklist.ckl").path
      ).elements(matching: "//ASSET/HOST_NAME").first?.trimmedText ?? ""

    let imported = try reviewed.review(["import", Self.answeredCKL, "--host", hostName, "--reviewer", "erin"])
    #expect(imported.status == 0, "\(imported.standardError)")
    #expect(imported.standardOutput.contains("2 answer(s) recorded"), "\(imported.standardOutput)")
    #expect(imported.standardOutput.contains("left out"), "the automated SV-235831 needs --overrides-automated")

    let (_, arf, results) = try reviewed.scan(formats: "ckl,cklb")
    #expect(results["SV-235788"] == "pass")
    #expect(results["SV-235787"] == "fail", "the reviewed SIEM half fails the rule")
    #expect(results["SV-235831"] == "pass", "the automated result stands")
    let folder = URL(fileURLWithPath: arf).deletingLastPathComponent()
    let entries = try Self.checklistEntries(folder.appendingPathComponent("checklist.ckl").path)
    let manual = try #require(entries["SV-235788r960954_rule"])
    #expect(manual.status == "NotAFinding")
    #expect(manual.details.contains("apt-key list shows the Docker release key"))
    #expect(manual.comments.contains("erin reviewed this as pass") && manual.comments.contains("with the ISSO"))
    #expect(entries["SV-235787r960912_rule"]?.status == "Open")
    #expect(entries["SV-235787r960912_rule"]?.comments.contains("Ticket 4711") == true)

    // The scan's own checklists, imported again, change nothing.
    let before = try Data(contentsOf: URL(fileURLWithPath: reviewed.reviewFile))
    for file in ["checklist.ckl", "checklist.cklb"] {
      let again = try reviewed.review(
        ["import", folder.appendingPathComponent(file).path, "--reviewer", "erin", "--overrides-automated"])
      #expect(again.status == 0, "\(again.standardError)")
      #expect(again.standardOutput.hasPrefix("0 answer(s) recorded"), "\(file): \(again.standardOutput)")
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: reviewed.reviewFile)) == before)
  }

  @Test func anAutomatedRulesAnswerImportsOnlyAsAnOverrideWhenAsked() throws {
    let reviewed = try ReviewedHost(logDriver: "json-file")
    defer { reviewed.remove() }
    let imported = try reviewed.review(
      ["import", Self.answeredCKL, "--reviewer", "erin", "--overrides-automated"])
    #expect(imported.status == 0, "\(imported.standardError)")
    #expect(
      imported.standardOutput.contains("3 answer(s) recorded for host docker-web07"), "\(imported.standardOutput)")
    let list = try reviewed.review(["list"])
    #expect(list.standardOutput.contains("SV-235831r961362_rule\tpass (overrides automated)"), "\(list.standardOutput)")
  }

  @Test func aChecklistWithoutAHostNeedsOne() throws {
    let reviewed = try ReviewedHost(logDriver: "syslog")
    defer { reviewed.remove() }
    let text = try String(contentsOfFile: Self.answeredCKL, encoding: .utf8)
      .replacingOccurrences(of: "<HOST_NAME>docker-web07</HOST_NAME>", with: "<HOST_NAME></HOST_NAME>")
    let path = reviewed.output.url.appendingPathComponent("no-host.ckl").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    let imported = try reviewed.review(["import", path, "--reviewer", "erin"])
    #expect(imported.status == 1)
    #expect(imported.standardError.contains("give --host or --group"), "\(imported.standardError)")
  }

  static let sampleChecklists = [
    "ckl/stigviewer-2.17_rhel9_small_overrides.ckl", "ckl/stigviewer-2.14_RHEL8V1R3.ckl",
    "cklb/stig-manager-export_vpn_truncated.cklb", "cklb/all-possible-results.cklb",
  ]

  /// STIG Viewer's and STIG Manager's own files read as checklists; their rules are not the Docker content's, so
  /// every answered rule is reported as unknown rather than recorded.
  @Test(
    .enabled(if: Prerequisites.hasShared, "needs ../shared/reference/formats"), arguments: sampleChecklists)
  func stigViewerAndSTIGManagerChecklistsRead(_ sample: String) throws {
    let reviewed = try ReviewedHost(logDriver: "syslog")
    defer { reviewed.remove() }
    let path = ProjectPaths.shared.appendingPathComponent("reference/formats/\(sample)").path
    let imported = try reviewed.review(["import", path, "--host", "sample", "--reviewer", "erin"])
    #expect(imported.status == 0, "\(imported.standardError)")
    #expect(imported.standardOutput.contains("not in the content: SV-"), "\(imported.standardOutput)")
  }
}
