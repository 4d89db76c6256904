public import Foundation
public import SCAPContent
import XMLSupport

/// How long a new answer holds: the reviewer's `--valid-for DAYS` or `--no-expiry` when given, else the content's
/// XCCDF Value `xccdf_dev.palisade_value_review_validity_days` (its default value; 0 means never), else 365 days.
/// A tailoring of the content, or content of one's own, sets the organization's period once for every reviewer.
public struct ReviewValidity: Sendable, Equatable {
  public static let valueID = "xccdf_dev.palisade_value_review_validity_days"
  /// The period when neither the reviewer nor the content gives one.
  public static let defaultDays = 365

  /// Days an answer holds; nil for never.
  public let days: Int?

  public init(days: Int?) {
    self.days = days
  }

  /// The period for answers to `benchmark`'s rules.
  /// - Parameters:
  ///   - days: the reviewer's `--valid-for`, when given.
  ///   - noExpiry: the reviewer's `--no-expiry`.
  /// - Throws: `LocatedError` at the Value when its default value is not a whole number of days, 0 or more.
  public init(benchmark: Benchmark, days: Int?, noExpiry: Bool) throws {
    if noExpiry {
      self.init(days: nil)
    } else if let days {
      self.init(days: days)
    } else if let text = benchmark.values[Self.valueID]?.value(selector: nil) {
      guard let content = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)), content >= 0 else {
        let element = benchmark.source.descendantsAndSelf().first {
          $0.localName == "Value" && $0[attribute: "id"] == Self.valueID
        }
        throw LocatedError(
          "the Value \(Self.valueID) is '\(text)', not a number of days (0 or more)",
          at: element?.location ?? benchmark.location)
      }
      self.init(days: content == 0 ? nil : content)
    } else {
      self.init(days: Self.defaultDays)
    }
  }

  /// How long an answer holds, in seconds; nil for never.
  public var interval: TimeInterval? { days.map { Double($0) * 86_400 } }

  /// When an answer given at `time` stops holding; nil for never.
  public func expiry(from time: Date) -> Date? {
    interval.map(time.addingTimeInterval)
  }
}
