public import Foundation

/// A person's change of a rule result, recorded as an XCCDF 1.2 rule-result `override`: who, when, the result the
/// scan alone gave, the result that stands, and why.
public struct RuleResultOverride: Sendable {
  public let time: Date
  public let authority: String
  public let oldResult: RuleResultValue
  public let newResult: RuleResultValue
  public let remark: String

  public init(
    time: Date, authority: String, oldResult: RuleResultValue, newResult: RuleResultValue, remark: String
  ) {
    self.time = time
    self.authority = authority
    self.oldResult = oldResult
    self.newResult = newResult
    self.remark = remark
  }
}
