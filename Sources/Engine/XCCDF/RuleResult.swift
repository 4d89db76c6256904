public import Foundation
public import SCAPContent

/// The outcome of one rule, with what the check system said about it.
public struct RuleResult: Sendable {
  public let rule: Rule
  public let result: RuleResultValue
  public let time: Date
  /// The check that was run, if any: its system, exports and the content it referred to.
  public let check: Check?
  /// The name under which the check's results are reported (such as `#oval0` in ARF) is decided by the writer;
  /// this is the check document's href as written in the benchmark.
  public let checkHref: String?
  public let messages: [RuleMessage]
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
