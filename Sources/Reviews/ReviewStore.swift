public import Foundation

/// Every review given for the hosts whose results sit in one folder, the groups of hosts they may name, and the
/// history of every change. Read and written as the review file (`ReviewFile`, docs/reviews.md).
public struct ReviewStore: Sendable, Equatable {
  /// Host groups by name: the host names each holds.
  public var groups: [String: [String]]
  public private(set) var reviews: [Review]
  /// Every change in the order it was made; entries are only ever added.
  public private(set) var history: [ReviewHistoryEntry]

  public init(groups: [String: [String]] = [:], reviews: [Review] = [], history: [ReviewHistoryEntry] = []) {
    self.groups = groups
    self.reviews = reviews
    self.history = history
  }

  /// Records `review`, replacing an earlier review of the same hosts and rule, and adds the change to the history.
  /// - Returns: false when the store already held exactly this review, so nothing changed.
  @discardableResult
  public mutating func record(_ review: Review, changedBy: String, source: String, at time: Date) -> Bool {
    if let index = reviews.firstIndex(where: { $0.answersSameQuestion(as: review) }) {
      let previous = reviews[index]
      guard previous != review else { return false }
      reviews[index] = review
      history.append(
        ReviewHistoryEntry(
          time: time, changedBy: changedBy, action: .replaced, source: source, previous: previous, current: review))
    } else {
      reviews.append(review)
      history.append(
        ReviewHistoryEntry(
          time: time, changedBy: changedBy, action: .recorded, source: source, previous: nil, current: review))
    }
    return true
  }

  /// The review that answers rule `ruleID` (any revision) on `host`: one given for the host itself, else one given
  /// for a group that holds it.
  public func review(ofRule ruleID: String, host: String) -> Review? {
    let key = ReviewedRuleID(ruleID).key
    let candidates = reviews.filter { ReviewedRuleID($0.ruleID).key == key }
    return candidates.first { $0.scope == .host(host) }
      ?? candidates.first { review in
        if case .group(let name) = review.scope { return groups[name]?.contains(host) == true }
        return false
      }
  }

  /// The reviews that apply to `host`, its own and its groups'.
  public func reviews(coveringHost host: String) -> [Review] {
    reviews.filter { review in
      switch review.scope {
      case .host(let name): name == host
      case .group(let name): groups[name]?.contains(host) == true
      }
    }
  }
}
