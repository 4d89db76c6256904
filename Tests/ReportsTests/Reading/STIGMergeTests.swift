import Engine
import TestSupport
import Testing

@testable import Reports

@Suite struct STIGMergeTests {
  @Test(.enabled(if: Prerequisites.hasShared, "needs ../shared/reference/disa"))
  func laysTheResultOverEveryRuleOfDISAsManualBenchmark() throws {
    let stigPath = Fixtures.disaDockerSTIG
    let stig = try ResultDocumentReader().readSTIG(contentsOf: stigPath)
    let merged = try Fixtures.document().mergingSTIG(stig)
    #expect(merged.findings.count == stig.rules.count)
    #expect(merged.benchmark.stigID == "Docker_Enterprise_2-x_Linux-UNIX_STIG")
    #expect(merged.benchmark.releaseInfo == "Release: 2 Benchmark Date: 24 Jul 2024")
    let scanned = try #require(merged.findings.first { $0.rule.shortID == "SV-235787r960912_rule" })
    #expect(scanned.result == .fail)
    #expect(scanned.wasEvaluated)
    #expect(scanned.rule.title.hasPrefix("Docker Enterprise must alert the ISSO and SA"))
    #expect(scanned.rule.checkContent?.isEmpty == false)
    #expect(scanned.rule.referenceIdentifier == "5281")
    #expect(scanned.rule.nistControls == ["AU-5 a"], "the content's NIST reference is kept")
    #expect(!scanned.evidence.isEmpty)
    let others = merged.findings.filter { $0.rule.shortID != "SV-235787r960912_rule" }
    #expect(others.allSatisfy { !$0.wasEvaluated && $0.result == .notchecked })
    #expect(merged.notes.isEmpty)
  }

  @Test(.enabled(if: Prerequisites.hasShared, "needs ../shared/reference/disa"))
  func matchesARuleWhoseRevisionDriftedAndSaysSo() throws {
    let stigPath = Fixtures.disaDockerSTIG
    let stig = try ResultDocumentReader().readSTIG(contentsOf: stigPath)
    let document = try Fixtures.document()
    let original = try #require(document.findings.first)
    let drifted = ReportedRule(
      id: "xccdf_mil.disa.stig_rule_SV-235787r1_rule", groupID: original.rule.groupID,
      groupTitle: original.rule.groupTitle, version: original.rule.version, title: original.rule.title,
      severity: original.rule.severity, weight: original.rule.weight, discussion: original.rule.discussion,
      checkContent: nil, checkReference: nil, fixText: nil, fixID: nil, idents: original.rule.idents,
      references: original.rule.references)
    let finding = Finding(
      rule: drifted, result: .pass, time: nil, messages: [], definition: nil, evidence: [], boundValues: [])
    let merged = ResultDocument(
      sourcePath: document.sourcePath, benchmark: document.benchmark, testResult: document.testResult,
      findings: [finding]
    ).mergingSTIG(stig)
    let matched = try #require(merged.findings.first { $0.rule.shortID == "SV-235787r960912_rule" })
    #expect(matched.result == .pass)
    #expect(matched.notes.contains { $0.contains("SV-235787r1_rule") && $0.contains("revision differs") })
  }

  @Test func reportsScannedRulesTheSTIGDoesNotHave() throws {
    let document = try Fixtures.document()
    let stig = ReportedBenchmark(
      id: "Other_STIG", title: "Other", description: "", version: "1", statusDate: nil, releaseInfo: nil,
      noticeID: nil, source: nil, fileName: "other.xml", rules: [], values: [:])
    let merged = document.mergingSTIG(stig)
    #expect(merged.findings.isEmpty)
    #expect(merged.notes.first?.contains("SV-235787r960912_rule") == true)
  }

  @Test(arguments: [
    ([RuleResultValue.pass, .fail], RuleResultValue.fail),
    ([.pass, .notapplicable], .pass),
    ([.notapplicable, .notapplicable], .notapplicable),
    ([.pass, .notchecked], .notchecked),
    ([.error, .pass], .error),
  ])
  func combinesSeveralChecksOfOneRequirement(results: [RuleResultValue], expected: RuleResultValue) {
    #expect(RuleResultValue.worst(of: results) == expected)
  }
}
