public import Foundation

/// One change to the review file, kept for good: who changed which answer, when, from what to what.
public struct ReviewHistoryEntry: Sendable, Equatable {
  public enum Action: String, Sendable {
    /// A review given where the same hosts had none for the rule.
    case recorded
    /// A review that replaced an earlier one for the same hosts and rule.
    case replaced
    /// A review removed.
    case removed
  }

  public let time: Date
  /// Who made the change.
  public let changedBy: String
  public let action: Action
  /// Where the answer came from: `palisade review set`, or the checklist file it was imported from.
  public let source: String
  /// The review before the change; nil when there was none.
  public let previous: Review?
  /// The review after the change; nil when it was removed.
  public let current: Review?

  public init(
    time: Date, changedBy: String, action: Action, source: String, previous: Review?, current: Review?
  ) {
    self.time = time
    self.changedBy = changedBy
    self.action = action
    self.source = source
    self.previous = previous
    self.current = current
  }
}
