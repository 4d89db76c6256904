public import Foundation
public import SCAPContent

/// The outcome of one rule, with what the check system said about it.
public struct RuleResult: Sendable {
  public let rule: Rule
  public let result: RuleResultValue
  public let time: Date
  /// Severity, weight and role after the profile's refine-rule.
  public let severity: RuleSeverity
  public let weight: Double
  public let role: RuleRole
  /// The check that was run, if any.
  public let check: Check?
  /// The complex check that was run, if the rule has one.
  public let complexCheck: ComplexCheck?
  /// The key of the OVAL document the check used (see `OVALRun.key`).
  public let checkDocumentKey: String?
  /// For a multi-check rule, the definition this result is for.
  public let checkContentName: String?
  public let messages: [RuleMessage]
  /// Reviewers' answers that changed or decided the result (see `ReviewApplication`).
  public let overrides: [RuleResultOverride]

  public init(
    rule: Rule, result: RuleResultValue, time: Date = Date(), severity: RuleSeverity? = nil, weight: Double? = nil,
    role: RuleRole? = nil, check: Check? = nil, complexCheck: ComplexCheck? = nil, checkDocumentKey: String? = nil,
    checkContentName: String? = nil, messages: [RuleMessage] = [], overrides: [RuleResultOverride] = []
  ) {
    self.rule = rule
    self.result = result
    self.time = time
    self.severity = severity ?? rule.severity
    self.weight = weight ?? rule.weight
    self.role = role ?? rule.role
    self.check = check
    self.complexCheck = complexCheck
    self.checkDocumentKey = checkDocumentKey
    self.checkContentName = checkContentName
    self.messages = messages
    self.overrides = overrides
  }
}

/// A message attached to a rule result, such as why a check could not decide.
public struct RuleMessage: Sendable {
  public enum Severity: String, Sendable { case info, warning, error }
  public let severity: Severity
  public let text: String

  public init(_ severity: Severity, _ text: String) {
    self.severity = severity
    self.text = text
  }
}
