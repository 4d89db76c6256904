public import SCAPContent

/// XCCDF's default scoring model (XCCDF 1.2 specification, section 7.3.2.1): each scored rule is worth 100 when it
/// passes and 0 otherwise; a group's score is the weighted mean of its scored children, and so is the benchmark's.
/// Rules that are not applicable, not checked, informational or not selected are left out.
public struct DefaultScore: Sendable {
  public let score: Double
  public let maximum: Double = 100

  public init(benchmark: Benchmark, results: [String: RuleResultValue]) {
    score = Self.node(benchmark.items, weight: 1, results: results)?.score ?? 0
  }

  private static func node(_ items: [BenchmarkItem], weight: Double, results: [String: RuleResultValue])
    -> (score: Double, weight: Double)?
  {
    var weightedSum = 0.0
    var weights = 0.0
    for item in items {
      let child: (score: Double, weight: Double)?
      switch item {
      case .rule(let rule):
        child = ruleScore(rule, results: results)
      case .group(let group):
        child = node(group.items, weight: group.weight, results: results)
      }
      if let child {
        weightedSum += child.score * child.weight
        weights += child.weight
      }
    }
    guard weights > 0 else { return nil }
    return (weightedSum / weights, weight)
  }

  private static func ruleScore(_ rule: Rule, results: [String: RuleResultValue]) -> (score: Double, weight: Double)? {
    guard rule.role != "unscored", let result = results[rule.id] else { return nil }
    switch result {
    case .notapplicable, .notchecked, .informational, .notselected: return nil
    case .pass, .fixed: return (100, rule.weight)
    default: return (0, rule.weight)
    }
  }
}
