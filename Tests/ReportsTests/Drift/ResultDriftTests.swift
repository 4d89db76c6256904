import Engine
import Foundation
import Reports
import SCAPContent
import Testing

/// `palisade diff`'s comparison: which changes count as regressions, and the order they are listed in.
@Suite struct ResultDriftTests {
  /// One rule's results in the older and newer scan (nil: not in that scan) and the kind of change expected.
  struct Row: CustomTestStringConvertible, Sendable {
    let old: RuleResultValue?
    let new: RuleResultValue?
    let expected: RuleResultChange.Kind?
    var testDescription: String { "\(old?.rawValue ?? "absent") -> \(new?.rawValue ?? "absent")" }
  }

  static let rows: [Row] = [
    Row(old: .pass, new: .fail, expected: .newlyFailing),
    Row(old: .pass, new: .error, expected: .newlyFailing),
    Row(old: .notapplicable, new: .unknown, expected: .newlyFailing),
    Row(old: .notchecked, new: .fail, expected: .newlyFailing),
    Row(old: nil, new: .fail, expected: .newlyFailing),
    Row(old: .fail, new: .error, expected: .stillFailing),
    Row(old: .error, new: .fail, expected: .stillFailing),
    Row(old: .fail, new: .pass, expected: .resolved),
    Row(old: .error, new: .notapplicable, expected: .resolved),
    Row(old: .pass, new: .notapplicable, expected: .changed),
    Row(old: .notselected, new: .pass, expected: .changed),
    Row(old: nil, new: .pass, expected: .added),
    Row(old: .pass, new: nil, expected: .removed),
    Row(old: .fail, new: nil, expected: .removed),
    Row(old: .pass, new: .pass, expected: nil),
    Row(old: .fail, new: .fail, expected: nil),
  ]

  @Test(arguments: rows)
  func changeKind(_ row: Row) {
    let old = Self.document(row.old.map { [("xccdf_a_rule_one", $0, .medium)] } ?? [])
    let new = Self.document(row.new.map { [("xccdf_a_rule_one", $0, .medium)] } ?? [])
    let drift = ResultDrift(from: old, to: new)
    #expect(drift.changes.first?.kind == row.expected)
    #expect(drift.changes.count == (row.expected == nil ? 0 : 1))
    #expect(drift.unchangedCount == (row.expected == nil ? 1 : 0))
    #expect(drift.hasRegressions == (row.expected == .newlyFailing))
  }

  @Test func newlyFailingComeFirstThenBySeverity() {
    let old = Self.document([
      ("xccdf_a_rule_fixed", .fail, .high), ("xccdf_a_rule_low", .pass, .low), ("xccdf_a_rule_high", .pass, .high),
      ("xccdf_a_rule_same", .pass, .high), ("xccdf_a_rule_gone", .pass, .medium),
    ])
    let new = Self.document([
      ("xccdf_a_rule_fixed", .pass, .high), ("xccdf_a_rule_low", .fail, .low),
      ("xccdf_a_rule_high", .error, .high), ("xccdf_a_rule_same", .pass, .high), ("xccdf_a_rule_new", .pass, .low),
    ])
    let drift = ResultDrift(from: old, to: new)
    #expect(
      drift.changes.map(\.ruleID) == [
        "xccdf_a_rule_high", "xccdf_a_rule_low", "xccdf_a_rule_fixed", "xccdf_a_rule_new", "xccdf_a_rule_gone",
      ])
    #expect(drift.unchangedCount == 1)
    #expect(drift.counts[.newlyFailing] == 2)
  }

  @Test func aRuleReportedTwiceCountsWithItsWorstResult() {
    let old = Self.document([("xccdf_a_rule_multi", .pass, .low), ("xccdf_a_rule_multi", .pass, .low)])
    let new = Self.document([("xccdf_a_rule_multi", .pass, .low), ("xccdf_a_rule_multi", .fail, .low)])
    let drift = ResultDrift(from: old, to: new)
    #expect(drift.changes.map(\.kind) == [.newlyFailing])
  }

  @Test func textListsSectionsAndCounts() {
    let old = Self.document([("xccdf_mil.disa.stig_rule_SV-1r1_rule", .pass, .high)])
    let new = Self.document([("xccdf_mil.disa.stig_rule_SV-1r1_rule", .fail, .high)])
    let text = ResultDriftText(drift: ResultDrift(from: old, to: new)).text
    #expect(text.contains("Newly failing (1):"))
    #expect(text.contains("pass -> fail"))
    #expect(text.contains("SV-1r1_rule  STIG-xccdf_mil.disa.stig_rule_SV-1r1_rule  Title of"))
    #expect(text.hasSuffix("1 rule changed: 1 newly failing; 0 unchanged\n"))
  }

  @Test func jsonNamesEveryChangeAndTheVerdict() throws {
    let old = Self.document([("xccdf_a_rule_one", .fail, .low)])
    let new = Self.document([("xccdf_a_rule_one", .pass, .low), ("xccdf_a_rule_two", .pass, .low)])
    let data = try ResultDriftJSON(drift: ResultDrift(from: old, to: new)).data()
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(object["regressed"] as? Bool == false)
    let changes = try #require(object["changes"] as? [[String: Any]])
    #expect(changes.map { $0["kind"] as? String } == ["resolved", "added"])
    #expect(changes[1]["old"] is NSNull)
    // Absent values are written as null: every key is in every object.
    #expect(changes.allSatisfy { Set($0.keys) == ["kind", "rule", "title", "version", "severity", "old", "new"] })
    for side in ["old", "new"] {
      let keys = try #require((object[side] as? [String: Any])?.keys)
      #expect(Set(keys) == ["path", "startTime", "host", "benchmark", "profile"])
    }
    let counts = try #require(object["counts"] as? [String: Int])
    #expect(counts == ["resolved": 1, "added": 1, "unchanged": 0])
  }

  @Test func differentBenchmarksAreNoted() {
    let old = Self.document([], benchmarkID: "xccdf_a_benchmark_one")
    let new = Self.document([], benchmarkID: "xccdf_a_benchmark_two")
    #expect(ResultDrift(from: old, to: new).notes.first?.contains("different benchmarks") == true)
  }

  /// A result document with the given rule results, each rule titled `Title of ID`.
  static func document(
    _ results: [(id: String, result: RuleResultValue, severity: RuleSeverity)],
    benchmarkID: String = "xccdf_a_benchmark_b"
  ) -> ResultDocument {
    let findings = results.map { entry in
      let rule = ReportedRule(
        id: entry.id, groupID: nil, groupTitle: nil, version: "STIG-\(entry.id)", title: "Title of \(entry.id)",
        severity: entry.severity, weight: "1.0", discussion: RuleDiscussion(description: ""), checkContent: nil,
        checkReference: nil, fixText: nil, fixID: nil, idents: [], references: [])
      return Finding(
        rule: rule, result: entry.result, time: nil, messages: [], definition: nil, evidence: [], boundValues: [])
    }
    let target = ReportedTarget(
      hostName: "web01", fullyQualifiedName: nil, addresses: [], macAddresses: [], facts: [], operatingSystem: nil,
      operatingSystemVersion: nil, architecture: nil)
    let testResult = ReportedTestResult(
      id: "xccdf_a_testresult_b", testSystem: nil, startTime: "2026-11-28T02:00:00+00:00", endTime: nil,
      benchmarkHref: nil, benchmarkID: benchmarkID, profileID: nil, identity: nil, isPrivileged: true, target: target,
      setValues: [:], score: nil)
    let benchmark = ReportedBenchmark(
      id: benchmarkID, title: "B", description: "", version: "1", statusDate: nil, releaseInfo: nil, noticeID: nil,
      source: nil, fileName: "b.xml", rules: findings.map(\.rule), values: [:])
    return ResultDocument(sourcePath: "scan.xml", benchmark: benchmark, testResult: testResult, findings: findings)
  }
}
