public import SCAPContent

/// A score under one of XCCDF's scoring models (XCCDF 1.2 specification, section 7.3.2).
public struct Score: Sendable {
  public let system: String
  public let score: Double
  public let maximum: Double
}

/// Computes the scores a benchmark asks for: default, flat, flat-unweighted and absolute.
/// Rules that are not applicable, not checked, informational, not selected, or unscored take no part.
public enum Scoring {
  public static let defaultModel = "urn:xccdf:scoring:default"
  public static let flatModel = "urn:xccdf:scoring:flat"
  public static let flatUnweightedModel = "urn:xccdf:scoring:flat-unweighted"
  public static let absoluteModel = "urn:xccdf:scoring:absolute"

  /// The scores of a list of rule results: a multi-check rule scores as the combination of its results.
  static func scores(benchmark: Benchmark, ruleResults: [RuleResult]) -> [Score] {
    var finalResults: [String: RuleResultValue] = [:]
    var weights: [String: Double] = [:]
    for result in ruleResults {
      finalResults[result.rule.id] =
        finalResults[result.rule.id].map { ResultCombination.and([$0, result.result]) } ?? result.result
      weights[result.rule.id] = result.weight
    }
    return scores(benchmark: benchmark, results: finalResults, weights: weights)
  }

  /// The scores of every model the benchmark names that Palisade knows.
  public static func scores(
    benchmark: Benchmark, results: [String: RuleResultValue], weights: [String: Double]
  ) -> [Score] {
    benchmark.scoringModels.compactMap { model in
      switch model {
      case defaultModel:
        let node = defaultScore(benchmark.items, weight: 1, results: results, weights: weights)
        return Score(system: model, score: node?.score ?? 0, maximum: 100)
      case flatModel, flatUnweightedModel, absoluteModel:
        var score = 0.0
        var maximum = 0.0
        for rule in benchmark.rules {
          guard let passed = scored(rule, results) else { continue }
          let weight = model == flatUnweightedModel ? 1 : (weights[rule.id] ?? rule.weight)
          maximum += weight
          if passed { score += weight }
        }
        if model == absoluteModel {
          return Score(system: model, score: maximum > 0 && score == maximum ? 1 : 0, maximum: 1)
        }
        return Score(system: model, score: score, maximum: maximum)
      default:
        return nil
      }
    }
  }

  /// Whether a rule counts in the score, and if so whether it passed.
  private static func scored(_ rule: Rule, _ results: [String: RuleResultValue]) -> Bool? {
    guard let result = results[rule.id] else { return nil }
    switch result {
    case .notapplicable, .notchecked, .informational, .notselected: return nil
    case .pass, .fixed: return true
    default: return false
    }
  }

  /// The default model: a rule scores 100 when it passes and 0 otherwise; a group's score is the weighted mean of
  /// its scored children, and so is the benchmark's (XCCDF 1.2 specification, section 7.3.2.1).
  private static func defaultScore(
    _ items: [BenchmarkItem], weight: Double, results: [String: RuleResultValue], weights: [String: Double]
  ) -> (score: Double, weight: Double)? {
    var weightedSum = 0.0
    var totalWeight = 0.0
    var counted = false
    for item in items {
      let child: (score: Double, weight: Double)?
      switch item {
      case .rule(let rule):
        child = scored(rule, results).map { ($0 ? 100 : 0, weights[rule.id] ?? rule.weight) }
      case .group(let group):
        child = defaultScore(group.items, weight: group.weight, results: results, weights: weights)
      }
      if let child {
        counted = true
        weightedSum += child.score * child.weight
        totalWeight += child.weight
      }
    }
    guard counted else { return nil }
    return (totalWeight > 0 ? weightedSum / totalWeight : 0, weight)
  }
}
