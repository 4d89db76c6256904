public import Engine
public import Foundation
import Reports
public import SCAPContent

/// The answers a review store gives a scan of one host: a review in force decides its rule; an expired review, or
/// one made for another revision of the rule, is reported as lapsed, so the rule is undecided and says why.
public struct ReviewAnswers: ManualAnswers {
  public let store: ReviewStore
  /// The scanned host's name, as scans record it.
  public let host: String

  public init(store: ReviewStore, host: String) {
    self.store = store
    self.host = host
  }

  public func answer(for rule: Rule, at time: Date) -> ManualAnswer? {
    guard let review = store.review(ofRule: rule.id, host: host) else { return nil }
    let given = "the review by \(review.reviewer) at \(UTCTimestamp.string(from: review.time, .xsdDateTime)) "
    let current = ReviewedRuleID(rule.id).shortID
    guard ReviewedRuleID(review.ruleID).shortID == current else {
      return .lapsed(
        given + "(\(review.status.rawValue)) was made for \(review.ruleID), and the content's rule is now \(current): "
          + "the rule needs a new review")
    }
    if let expires = review.expires, expires <= time {
      return .lapsed(
        given
          + "(\(review.status.rawValue)) expired at \(UTCTimestamp.string(from: expires, .xsdDateTime)): the rule needs a "
          + "new review")
    }
    let validity =
      review.expires.map { "valid until \(UTCTimestamp.string(from: $0, .xsdDateTime))" } ?? "with no expiry"
    var messages = [
      RuleMessage(
        .info,
        "Reviewed by \(review.reviewer) at \(UTCTimestamp.string(from: review.time, .xsdDateTime)) for \(review.scope), "
          + "\(validity): \(review.status.rawValue)"
          + (review.overridesAutomated ? ", overriding the automated result" : ""))
    ]
    if !review.findingDetails.isEmpty {
      messages.append(RuleMessage(.info, "Finding details (\(review.reviewer)): \(review.findingDetails)"))
    }
    return .answered(
      ReviewedResult(
        result: review.status.ruleResult, authority: review.reviewer, time: review.time, remark: review.comment,
        messages: messages, overridesAutomated: review.overridesAutomated))
  }
}

extension Review.Status {
  /// The XCCDF result a status stands for.
  public var ruleResult: RuleResultValue {
    switch self {
    case .pass: .pass
    case .fail: .fail
    case .notapplicable: .notapplicable
    }
  }
}
