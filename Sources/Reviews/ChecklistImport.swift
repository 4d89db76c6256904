import Engine
public import Foundation

/// Imports the answers of a filled-in checklist into a review store, for the checklist's host.
///
/// A Not Reviewed rule, and an answer that is what a Palisade scan wrote itself, are left alone, so re-importing a
/// scan's own checklist changes nothing. A rule a person decides (alone or for its manual half) takes the
/// reviewer's answer; a rule decided by its automated check takes it only as an override, when asked.
public struct ChecklistImport {
  /// What an import did, rule by rule.
  public struct Summary: Sendable, Equatable {
    public var recorded: [String] = []
    public var unchanged: [String] = []
    /// Answers for automated rules, left out because overrides were not asked for.
    public var automatedLeftOut: [String] = []
    /// Rules the content does not have.
    public var unknownRules: [String] = []
  }

  public let rules: ReviewedRules
  public let reviewer: String
  /// How long an imported answer holds; nil for never.
  public let validity: TimeInterval?
  /// Whether answers for automated rules are imported, as overrides.
  public let overridesAutomated: Bool

  public init(rules: ReviewedRules, reviewer: String, validity: TimeInterval?, overridesAutomated: Bool) {
    self.rules = rules
    self.reviewer = reviewer
    self.validity = validity
    self.overridesAutomated = overridesAutomated
  }

  /// Records `checklist`'s answers in `store` as reviews of `scope`, stamped `time`, the history naming `source`.
  public func importing(
    _ checklist: ChecklistAnswers, scope: Review.Scope, into store: inout ReviewStore, source: String, at time: Date
  ) -> Summary {
    var summary = Summary()
    for answer in checklist.answers {
      guard let status = answer.status else { continue }
      guard let rule = rules.rule(named: answer.ruleID) else {
        summary.unknownRules.append(answer.ruleID)
        continue
      }
      let automated = RuleDecider(rule: rule) == .automated
      if answer.isScanOwn {
        summary.unchanged.append(answer.ruleID)
        continue
      }
      if automated && !overridesAutomated {
        summary.automatedLeftOut.append(answer.ruleID)
        continue
      }
      let host: String
      switch scope {
      case .host(let name): host = name
      case .group(let name): host = store.groups[name]?.first ?? ""
      }
      if let existing = store.review(ofRule: answer.ruleID, host: host), existing.scope == scope,
        existing.status == status, existing.findingDetails == answer.findingDetails,
        existing.comment == answer.comments, existing.ruleID == answer.ruleID
      {
        summary.unchanged.append(answer.ruleID)
        continue
      }
      store.record(
        Review(
          scope: scope, ruleID: answer.ruleID, status: status, findingDetails: answer.findingDetails,
          comment: answer.comments, reviewer: reviewer, time: time, expires: validity.map(time.addingTimeInterval),
          overridesAutomated: automated),
        changedBy: reviewer, source: source, at: time)
      summary.recorded.append(answer.ruleID)
    }
    return summary
  }
}
