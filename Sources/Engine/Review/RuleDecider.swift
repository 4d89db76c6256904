public import SCAPContent

/// Who decides a rule: its automated (OVAL) checks, a person (it has only checks Palisade cannot run, such as a
/// manual check text, or none), or both (an AND of an automated half and a manual half).
public enum RuleDecider: Sendable, Equatable {
  case automated, person, both

  /// The decider of a rule that runs `check`, or `complexCheck` when it has one.
  public init(check: Check?, complexCheck: ComplexCheck?) {
    let checks = complexCheck.map(\.checks) ?? check.map { [$0] } ?? []
    let automated = checks.contains { $0.system == SCAPNamespace.ovalDefinitions }
    let manual = checks.isEmpty || checks.contains { $0.system != SCAPNamespace.ovalDefinitions }
    switch (automated, manual) {
    case (true, true): self = complexCheck?.checkOperator == .and ? .both : .automated
    case (true, false): self = .automated
    default: self = .person
    }
  }

  /// The decider of `rule` with its default check selection.
  public init(rule: Rule) {
    self.init(check: CheckEngine.candidateCheck(of: rule, selector: nil), complexCheck: rule.complexCheck)
  }

  /// The text a person reads to answer `rule`: the check content of its manual checks.
  public static func manualCheckText(of rule: Rule) -> String {
    rule.everyCheck.filter { $0.system != SCAPNamespace.ovalDefinitions }.compactMap(\.content).joined(
      separator: "\n\n")
  }
}
