public import Foundation
public import SCAPContent

/// What a person answered for a rule the host cannot answer by itself (a manual check, the manual half of a rule,
/// or, when the answer says so, an automated check the person overrides).
public enum ManualAnswer: Sendable {
  /// An answer in force.
  case answered(ReviewedResult)
  /// An answer that no longer holds (it expired, or it was given for another revision of the rule): the rule is
  /// left as the scan alone decides it, with this message saying why the answer was not used.
  case lapsed(String)
}

/// A reviewer's result for one rule, as the scan records it (XCCDF 1.2 specification, section 6.6.4.2, override).
public struct ReviewedResult: Sendable {
  /// pass, fail or notapplicable.
  public let result: RuleResultValue
  /// Who answered: the override's `authority`.
  public let authority: String
  /// When the answer was given.
  public let time: Date
  /// Why: the override's `remark` (the reviewer's comment).
  public let remark: String
  /// What the reviewer found, and until when the answer holds, as rule-result messages.
  public let messages: [RuleMessage]
  /// Whether the answer may replace what an automated check decided; without it an automated result stands.
  public let overridesAutomated: Bool

  public init(
    result: RuleResultValue, authority: String, time: Date, remark: String, messages: [RuleMessage],
    overridesAutomated: Bool
  ) {
    self.result = result
    self.authority = authority
    self.time = time
    self.remark = remark
    self.messages = messages
    self.overridesAutomated = overridesAutomated
  }
}

/// Where a scan finds the answers people gave (Palisade's review store, OCIL results).
public protocol ManualAnswers: Sendable {
  /// The answer for `rule` on the scanned host at `time`; nil when nobody answered it.
  func answer(for rule: Rule, at time: Date) -> ManualAnswer?
}
