/// How a rule takes part in scoring (XCCDF 1.2 specification, section 6.4.4.3, `roleEnumType`).
public enum RuleRole: String, Sendable, CaseIterable {
  /// Checked and scored.
  case full
  /// Checked; a pass or fail is reported as `informational` and does not count in the score.
  case unscored
  /// Not checked: the result is `notchecked`.
  case unchecked

  /// A `role` attribute as written; anything else (or none) is `full`, the specification's default.
  public init(attribute text: String?) {
    self = text.flatMap(RuleRole.init(rawValue:)) ?? .full
  }
}
