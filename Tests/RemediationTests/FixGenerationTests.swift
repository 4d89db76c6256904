import Engine
import Foundation
import Remediation
import SCAPContent
import Testing
import XMLSupport

@Suite struct FixGenerationTests {
  static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/fix-benchmark.xml").path
  static let provenance = RemediationProvenance(generator: "Palisade test", command: "palisade fix")

  static func content(profile: String? = "strict") throws -> ProfiledBenchmark {
    try ProfiledBenchmark(document: try SCAPDocument(contentsOf: fixture), profileID: profile)
  }

  static func entry(_ id: String, _ system: FixSystem = .bash) throws -> RemediationPlan.Entry {
    let plan = RemediationPlan(profiling: try content(), system: system)
    return try #require(plan.entries.first { $0.rule.id == "xccdf_test_rule_\(id)" })
  }

  @Test(
    "one fix is chosen among several, as OpenSCAP chooses",
    arguments: [("reboot", "echo no-reboot\n"), ("disruption", "echo low\n")])
  func choice(rule: String, expected: String) throws {
    #expect(try Self.entry(rule).text == expected)
  }

  @Test func substitutesRefinedAndSetValuesTitlesAndPlainText() throws {
    let text = try #require(try Self.entry("values").text)
    #expect(text.contains("timeout='300'"))
    #expect(text.contains("umask='077'"))
    #expect(text.contains("title='Idle timeout'"))
    #expect(text.contains("motd='Authorized use only'"))
    #expect(text.contains(#"if [ 1 -lt 2 ] && true; then"#))
    #expect(!text.contains("comment"))
  }

  @Test func withoutTheProfileTheDefaultValueIsUsed() throws {
    let plan = RemediationPlan(profiling: try Self.content(profile: nil), system: .bash)
    let text = try #require(plan.entries.first { $0.rule.id == "xccdf_test_rule_values" }?.text)
    #expect(text.contains("timeout='900'") && text.contains("umask='022'"))
    #expect(plan.entries.contains { $0.rule.id == "xccdf_test_rule_unselected" })
  }

  @Test func rulesWithoutAUsableFixSayWhy() throws {
    #expect(try Self.entry("no_fix").missingReason == "no bash fix")
    let unknown = try Self.entry("unknown_sub")
    #expect(unknown.text == nil)
    #expect(unknown.missingReason?.contains("xccdf_test_value_missing") == true)
  }

  @Test func profileOrderLeavesUnselectedRulesOut() throws {
    let plan = RemediationPlan(profiling: try Self.content(), system: .bash)
    #expect(
      plan.entries.map(\.rule.id)
        == [
          "reboot", "disruption", "values", "exits", "no_fix", "unknown_sub", "last",
        ].map { "xccdf_test_rule_\($0)" })
  }

  @Test func aResultGivesItsFailedSelectedRulesInResultOrder() throws {
    let evaluated = try EvaluatedContent(contentsOf: Self.fixture, resultID: nil)
    #expect(evaluated.result.profileID == "xccdf_test_profile_strict")
    let content = try ProfiledBenchmark(document: evaluated.document, profileID: evaluated.result.profileID)
    let plan = try RemediationPlan(remediating: evaluated.result, of: content, system: .bash)
    #expect(plan.entries.map(\.rule.id) == ["xccdf_test_rule_last", "xccdf_test_rule_values"])
    let script = RemediationScript(plan: plan, layout: .openSCAP, provenance: Self.provenance).text
    #expect(script.contains("# Bash Remediation Script generated from evaluation of Strict\n# profile\n"))
    #expect(script.contains("# Evaluation Start Time:  2026-01-02T03:04:05\n"))
    #expect(script.contains("# $ palisade fix --result-id xccdf_test_testresult_one --fix-type bash"))
  }

  @Test func anUnknownResultIDIsAnErrorNamingIt() throws {
    #expect(throws: LocatedError.self) { try EvaluatedContent(contentsOf: Self.fixture, resultID: "nope") }
  }

  @Test func theHeaderCommentsTheProfileTitleAndDescriptionLineByLine() throws {
    let plan = RemediationPlan(profiling: try Self.content(), system: .bash)
    let script = RemediationScript(plan: plan, layout: .openSCAP, provenance: Self.provenance).text
    #expect(script.hasPrefix("#!/usr/bin/env bash\n" + String(repeating: "#", count: 79) + "\n#\n"))
    #expect(script.contains("# Bash Remediation Script for Strict\n# profile\n"))
    #expect(script.contains("# Profile Description:\n# First line.\n# Second line.\n"))
    #expect(script.contains("(>&2 echo \"FIX FOR THIS RULE 'xccdf_test_rule_no_fix' IS MISSING!\")\n"))
  }

  @Test func ansibleValuesBecomePlayVariablesAndLinesAreIndented() throws {
    let plan = RemediationPlan(profiling: try Self.content(), system: .ansible)
    let playbook = RemediationScript(plan: plan, layout: .openSCAP, provenance: Self.provenance).text
    #expect(playbook.hasPrefix("---\n"))
    #expect(playbook.contains("\n- hosts: all\n  vars:\n    var_timeout: !!str 300\n  tasks:\n"))
    #expect(playbook.contains("    - name: Show the timeout\n      debug:\n        msg: \"{{ var_timeout }}\"\n"))
    #expect(!playbook.contains("promote to variable"))
  }
}
