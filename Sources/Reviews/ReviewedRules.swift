public import Engine
public import Foundation
import Reports
public import SCAPContent

/// The rules of a benchmark as reviewers meet them: found by any of the names people use for them, and those that
/// wait for a person's answer on a host.
public struct ReviewedRules: Sendable {
  public let benchmark: Benchmark

  public init(benchmark: Benchmark) {
    self.benchmark = benchmark
  }

  /// The rule `name` means: its full id, its short id (`SV-235787r960912_rule`, any revision), DISA's rule or group
  /// number (`SV-235787`, `V-235787`) or its STIG id (`DKER-EE-001590`).
  public func rule(named name: String) -> Rule? {
    let key = ReviewedRuleID(name).key
    return benchmark.rules.first { $0.id == name }
      ?? benchmark.rules.first { rule in
        let ruleID = ReviewedRuleID(rule.id)
        return ruleID.shortID == name || ruleID.key == key || rule.version == name
          || (name.hasPrefix("V-") && ruleID.key == "S" + name)
      }
  }

  /// The id a review of `rule` records: DISA's short id with its revision, else the rule's own id.
  public func reviewedID(of rule: Rule) -> String {
    let short = ReviewedRuleID(rule.id)
    return XCCDFIdentifier.isDISARuleID(rule.id) ? short.shortID : rule.id
  }

  /// The rules a person decides, alone or with an automated half, that have no review in force for `host` at
  /// `time`: what `palisade review walk` asks about.
  public func openRules(in store: ReviewStore, host: String, at time: Date) -> [Rule] {
    let answers = ReviewAnswers(store: store, host: host)
    return benchmark.rules.filter { rule in
      guard RuleDecider(rule: rule) != .automated else { return false }
      if case .answered? = answers.answer(for: rule, at: time) { return false }
      return true
    }
  }
}
