/// How serious a failure of a rule is (XCCDF 1.2 specification, section 6.4.4.3, `severityEnumType`).
public enum RuleSeverity: String, Sendable, CaseIterable, Comparable {
  case high
  case medium
  case low
  case info
  case unknown

  /// A `severity` attribute as written; XCCDF's values in any case, and anything else (or none) is `unknown`, the
  /// specification's default.
  public init(attribute text: String?) {
    self = text.flatMap { RuleSeverity(rawValue: $0.lowercased()) } ?? .unknown
  }

  /// Most serious first: high 0, medium 1, low 2, info 3, unknown 4. Reports list and filter rules in this order.
  public var rank: Int {
    switch self {
    case .high: 0
    case .medium: 1
    case .low: 2
    case .info: 3
    case .unknown: 4
    }
  }

  /// The more serious severity is the smaller one, so that sorting ascending lists the most serious first.
  public static func < (lhs: RuleSeverity, rhs: RuleSeverity) -> Bool {
    lhs.rank < rhs.rank
  }
}
