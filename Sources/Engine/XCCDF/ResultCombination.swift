/// XCCDF's truth tables for complex-check operators (XCCDF 1.2 specification, tables 12 to 14): the result with
/// the highest precedence wins, and negation swaps pass and fail only.
enum ResultCombination {
  /// AND: fail, then unknown, error, pass, notapplicable, notchecked, notselected, informational.
  private static let andPrecedence: [RuleResultValue] = [
    .fail, .unknown, .error, .pass, .notapplicable, .notchecked, .notselected, .informational,
  ]
  /// OR: pass, then unknown, error, fail, notapplicable, notchecked, notselected, informational.
  private static let orPrecedence: [RuleResultValue] = [
    .pass, .unknown, .error, .fail, .notapplicable, .notchecked, .notselected, .informational,
  ]

  static func and(_ results: [RuleResultValue]) -> RuleResultValue {
    combine(results, andPrecedence)
  }

  static func or(_ results: [RuleResultValue]) -> RuleResultValue {
    combine(results, orPrecedence)
  }

  static func negate(_ result: RuleResultValue) -> RuleResultValue {
    switch result {
    case .pass: .fail
    case .fail: .pass
    default: result
    }
  }

  private static func combine(_ results: [RuleResultValue], _ precedence: [RuleResultValue]) -> RuleResultValue {
    // `fixed` counts as pass in a combination.
    let normalized = results.map { $0 == .fixed ? RuleResultValue.pass : $0 }
    return precedence.first { normalized.contains($0) } ?? .unknown
  }
}
