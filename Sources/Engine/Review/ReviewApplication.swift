import Foundation
import SCAPContent

/// How what a person answered joins what the scan decided, rule by rule.
///
/// A rule is decided by its automated checks, by a person (it has only manual checks, or none), or by both (a
/// complex check with an automated half and a manual half, such as SV-235787's log driver and SIEM alert). A rule
/// decided by both passes only when both halves pass, fails when either fails, keeps an automated error, unknown or
/// notapplicable, and is otherwise notchecked: XCCDF's AND table would let the automated half pass alone, since
/// notchecked ranks below pass there. An automated result is replaced only by an answer that says it overrides it.
/// Every answer used is recorded as an override: the result without the answer, the result with it, who and when.
enum ReviewApplication {
  /// `scanned` (what the checks alone gave, a manual check's half as notchecked) with `answer` applied.
  static func applying(_ answer: ManualAnswer?, to scanned: RuleResult) -> RuleResult {
    let decider = RuleDecider(check: scanned.check, complexCheck: scanned.complexCheck)
    let unanswered = decider == .both ? bothHalves(automated: scanned.result, reviewed: nil) : scanned.result
    var messages = scanned.messages
    let halves = "the automated half of this rule is \(scanned.result.rawValue)"
    func unansweredResult() -> RuleResult {
      if decider == .both && unanswered == .notchecked && scanned.result != .notchecked {
        messages.append(
          RuleMessage(
            .info,
            halves + "; the manual half has no review in force, so the rule stays notchecked until a reviewer "
              + "answers it"))
      }
      return scanned.replacing(result: unanswered, messages: messages, overrides: [])
    }
    guard let answer else { return unansweredResult() }
    switch answer {
    case .lapsed(let reason):
      messages.append(RuleMessage(.warning, reason))
      return unansweredResult()
    case .answered(let review):
      let decided: RuleResultValue
      if review.overridesAutomated {
        decided = review.result
      } else {
        switch decider {
        case .person: decided = review.result
        case .both:
          decided = bothHalves(automated: scanned.result, reviewed: review.result)
          messages.append(
            RuleMessage(
              .info,
              halves + " and its reviewed half \(review.result.rawValue), so the rule is \(decided.rawValue)"))
        case .automated:
          messages.append(
            RuleMessage(
              .info,
              "a review by \(review.authority) answers \(review.result.rawValue), but this rule is decided by its "
                + "automated check: a review replaces an automated result only when it is marked to override it"))
          return scanned.replacing(result: unanswered, messages: messages, overrides: [])
        }
      }
      let override = RuleResultOverride(
        time: review.time, authority: review.authority, oldResult: unanswered, newResult: decided,
        remark: review.remark)
      return scanned.replacing(result: decided, messages: messages + review.messages, overrides: [override])
    }
  }

  /// A rule decided by both an automated half and a reviewed half.
  static func bothHalves(automated: RuleResultValue, reviewed: RuleResultValue?) -> RuleResultValue {
    let automated = automated == .fixed ? .pass : automated
    if automated == .fail || reviewed == .fail { return .fail }
    if [.error, .unknown, .notapplicable].contains(automated) { return automated }
    switch reviewed {
    case .pass?: return automated == .pass ? .pass : .notchecked
    // A reviewer who finds the manual half does not apply leaves the rule to its automated half.
    case .notapplicable?: return automated
    default: return .notchecked
    }
  }
}

extension RuleResult {
  /// The same rule result with another result, messages and overrides.
  func replacing(result: RuleResultValue, messages: [RuleMessage], overrides: [RuleResultOverride]) -> RuleResult {
    RuleResult(
      rule: rule, result: result, time: time, severity: severity, weight: weight, role: role, check: check,
      complexCheck: complexCheck, checkDocumentKey: checkDocumentKey, checkContentName: checkContentName,
      messages: messages, overrides: overrides)
  }
}
