/// The nine XCCDF rule results (XCCDF 1.2 specification, table 26).
public enum RuleResultValue: String, Sendable, CaseIterable {
  case pass, fail, error, unknown, notapplicable, notchecked, notselected, informational, fixed

  /// Whether the result shows a finding or an undecided check, which makes a scan exit 2.
  public var needsAttention: Bool {
    self == .fail || self == .error || self == .unknown
  }

  /// Every result from worst to best: a finding, then an undecided check, then a check that decided, then one
  /// that did not apply. Where one result stands for several (checks merged into one requirement, a rule reported
  /// twice) or findings are listed by urgency, this is the order.
  public static let worstFirst: [RuleResultValue] = [
    .fail, .error, .unknown, .notchecked, .pass, .fixed, .informational, .notapplicable, .notselected,
  ]

  /// The result's place in `worstFirst`: lower is worse.
  public var attentionRank: Int {
    Self.worstFirst.firstIndex(of: self) ?? Self.worstFirst.count
  }

  /// The worst of `results` by `worstFirst`; `unknown` when there are none.
  public static func worst(of results: some Sequence<RuleResultValue>) -> RuleResultValue {
    results.min { $0.attentionRank < $1.attentionRank } ?? .unknown
  }
}
