import Engine
import Testing

@Suite struct RuleResultValueTests {
  @Test func worstFirstRanksEveryResultOnce() {
    #expect(Set(RuleResultValue.worstFirst) == Set(RuleResultValue.allCases))
    #expect(RuleResultValue.worstFirst.count == RuleResultValue.allCases.count)
  }

  @Test func findingsAndUndecidedChecksRankBeforeDecidedOnes() {
    for result in RuleResultValue.allCases {
      let undecided: Set<RuleResultValue> = [.fail, .error, .unknown, .notchecked]
      for other in RuleResultValue.allCases where undecided.contains(result) && !undecided.contains(other) {
        #expect(result.attentionRank < other.attentionRank, "\(result) before \(other)")
      }
    }
  }

  @Test(arguments: [
    ([RuleResultValue.pass, .informational], RuleResultValue.pass),
    ([.informational, .fixed], .fixed),
    ([.notapplicable, .informational], .informational),
    ([.notselected, .notapplicable], .notapplicable),
    ([.notchecked, .unknown], .unknown),
    ([.error, .fail], .fail),
    ([], .unknown),
  ])
  func worstOfSeveralResults(results: [RuleResultValue], expected: RuleResultValue) {
    #expect(RuleResultValue.worst(of: results) == expected)
    #expect(RuleResultValue.worst(of: results.reversed()) == expected)
  }
}
