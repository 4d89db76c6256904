public import Engine
public import SCAPContent

/// One rule whose result differs between two scans.
public struct RuleResultChange: Sendable, Equatable {
  /// How the result moved, in the order `palisade diff` lists them: what needs action first.
  public enum Kind: String, Sendable, CaseIterable, Comparable {
    /// The rule needs attention now (fail, error, unknown) and did not before, or is new and needs attention.
    case newlyFailing = "newly-failing"
    /// The rule needed attention and still does, with another result (fail became error).
    case stillFailing = "still-failing"
    /// The rule needed attention and no longer does.
    case resolved
    /// Another change between results that need no attention (pass became notapplicable).
    case changed
    /// The rule is new and needs no attention.
    case added
    /// The rule is not in the newer scan.
    case removed

    /// Whether this change is a regression: `palisade diff` exits 2 when any change is.
    public var isRegression: Bool { self == .newlyFailing }

    public static func < (lhs: Kind, rhs: Kind) -> Bool {
      allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
  }

  /// The rule's id as the result files give it.
  public let ruleID: String
  /// The rule's title, or its id when the result file does not carry the benchmark.
  public let title: String
  /// The rule's `version`: the STIG id in DISA content.
  public let version: String?
  /// The rule's severity.
  public let severity: RuleSeverity
  /// The result in the older scan; nil when the rule was not in it.
  public let old: RuleResultValue?
  /// The result in the newer scan; nil when the rule is not in it.
  public let new: RuleResultValue?

  public init(
    ruleID: String, title: String, version: String?, severity: RuleSeverity, old: RuleResultValue?,
    new: RuleResultValue?
  ) {
    self.ruleID = ruleID
    self.title = title
    self.version = version
    self.severity = severity
    self.old = old
    self.new = new
  }

  /// How the result moved.
  public var kind: Kind {
    let wasFailing = old?.needsAttention ?? false
    guard let new else { return .removed }
    switch (wasFailing, new.needsAttention) {
    case (false, true): return .newlyFailing
    case (true, true): return .stillFailing
    case (true, false): return .resolved
    case (false, false): return old == nil ? .added : .changed
    }
  }
}
