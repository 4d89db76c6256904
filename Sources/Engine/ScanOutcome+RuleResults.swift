import Foundation

extension ScanOutcome {
  /// This outcome with the results of some rules replaced (after remediation) and the scores computed again.
  /// - Parameter replacements: rule id to the result that stands for all of that rule's results.
  public func replacingRuleResults(_ replacements: [String: RuleResult]) -> ScanOutcome {
    var replaced: Set<String> = []
    var results: [RuleResult] = []
    for result in ruleResults {
      guard let replacement = replacements[result.rule.id] else {
        results.append(result)
        continue
      }
      if replaced.insert(result.rule.id).inserted { results.append(replacement) }
    }
    return ScanOutcome(
      document: document, dataStreamID: dataStreamID, benchmarkComponentID: benchmarkComponentID,
      benchmark: benchmark, profile: profile, values: values, ruleResults: results,
      scores: Scoring.scores(benchmark: benchmark, ruleResults: results), ovalRuns: ovalRuns,
      target: target, startTime: startTime, endTime: Date())
  }
}
