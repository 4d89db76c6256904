/// The nine XCCDF rule results (XCCDF 1.2 specification, table 26).
public enum RuleResultValue: String, Sendable, CaseIterable {
  case pass, fail, error, unknown, notapplicable, notchecked, notselected, informational, fixed

  /// Whether the result shows a finding or an undecided check, which makes a scan exit 2.
  public var needsAttention: Bool {
    self == .fail || self == .error || self == .unknown
  }
}
