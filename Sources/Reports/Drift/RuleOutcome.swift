public import Engine
public import SCAPContent

/// One rule's result in one scan, as a comparison of scans takes it (`ResultDrift`): a rule reported several times
/// (a multi-check rule) counts once, with the result that needs the most attention.
public struct RuleOutcome: Sendable, Equatable {
  public let ruleID: String
  /// The rule's title; nil when the result file does not carry the benchmark.
  public let title: String?
  /// The rule's `version`: the STIG id in DISA content.
  public let version: String?
  public let severity: RuleSeverity
  public let result: RuleResultValue

  public init(ruleID: String, title: String?, version: String?, severity: RuleSeverity, result: RuleResultValue) {
    self.ruleID = ruleID
    self.title = title
    self.version = version
    self.severity = severity
    self.result = result
  }

  /// `outcomes` with one per rule, in the order each rule first appears, each with its worst result.
  public static func merged(_ outcomes: [RuleOutcome]) -> [RuleOutcome] {
    var order: [String] = []
    var byRule: [String: RuleOutcome] = [:]
    for outcome in outcomes {
      if let known = byRule[outcome.ruleID] {
        if outcome.result.attentionRank < known.result.attentionRank { byRule[outcome.ruleID] = outcome }
      } else {
        order.append(outcome.ruleID)
        byRule[outcome.ruleID] = outcome
      }
    }
    return order.compactMap { byRule[$0] }
  }
}
