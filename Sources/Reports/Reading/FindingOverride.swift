public import Engine

/// A rule-result `override` as the result file records it: a reviewer's answer that decided the result, or that
/// replaced an automated one (XCCDF 1.2 specification, section 6.6.4.2).
public struct FindingOverride: Sendable, Equatable {
  /// xsd:dateTime as written.
  public let time: String
  public let authority: String
  public let oldResult: RuleResultValue
  public let newResult: RuleResultValue
  public let remark: String

  public init(time: String, authority: String, oldResult: RuleResultValue, newResult: RuleResultValue, remark: String) {
    self.time = time
    self.authority = authority
    self.oldResult = oldResult
    self.newResult = newResult
    self.remark = remark
  }

  /// Whether a person replaced what an automated check decided, rather than answering what no check could.
  public var replacesAutomatedResult: Bool {
    oldResult != .notchecked && oldResult != newResult
  }

  /// The override as one line a reviewer reads: who decided what, when, and why.
  public var sentence: String {
    let change =
      replacesAutomatedResult
      ? "OVERRIDE: \(authority) changed the automated result \(oldResult.rawValue) to \(newResult.rawValue)"
      : "\(authority) reviewed this as \(newResult.rawValue)"
    return remark.isEmpty ? "\(change) at \(time)." : "\(change) at \(time): \(remark)"
  }
}
