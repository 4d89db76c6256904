public import Foundation

/// One reviewer's answer for one rule on one host, or on a group of hosts: what they found, why, and until when it
/// holds. Stored in the review file (docs/reviews.md) and applied by every scan of a host it covers.
public struct Review: Sendable, Equatable {
  /// The hosts a review covers.
  public enum Scope: Sendable, Hashable, CustomStringConvertible {
    /// One host, by the name scans record (`TargetIdentity.hostname`).
    case host(String)
    /// Every host of a group the review file names.
    case group(String)

    public var description: String {
      switch self {
      case .host(let name): "host \(name)"
      case .group(let name): "group \(name)"
      }
    }
  }

  /// A reviewer's status: the XCCDF results a person may give.
  public enum Status: String, Sendable, CaseIterable {
    case pass, fail, notapplicable
  }

  public var scope: Scope
  /// The rule as reviewed, revision included: DISA's `SV-235787r960912_rule`, or the content's rule id.
  public var ruleID: String
  public var status: Status
  /// What the reviewer found (a checklist's FINDING_DETAILS).
  public var findingDetails: String
  /// Why the status holds (a checklist's COMMENTS, the XCCDF override's remark).
  public var comment: String
  public var reviewer: String
  public var time: Date
  /// When the answer stops holding; nil for never.
  public var expires: Date?
  /// Whether the answer replaces what an automated check decides (an override, shown as one in every format).
  public var overridesAutomated: Bool

  public init(
    scope: Scope, ruleID: String, status: Status, findingDetails: String, comment: String, reviewer: String,
    time: Date, expires: Date?, overridesAutomated: Bool = false
  ) {
    self.scope = scope
    self.ruleID = ruleID
    self.status = status
    self.findingDetails = findingDetails
    self.comment = comment
    self.reviewer = reviewer
    self.time = time
    self.expires = expires
    self.overridesAutomated = overridesAutomated
  }

  /// Whether this review answers the same question as `other`: the same hosts and the same rule, whatever its
  /// revision.
  public func answersSameQuestion(as other: Review) -> Bool {
    scope == other.scope && ReviewedRuleID(ruleID).key == ReviewedRuleID(other.ruleID).key
  }
}
