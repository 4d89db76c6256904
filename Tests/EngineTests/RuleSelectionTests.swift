import Engine
import SCAPContent
import Testing

@Suite struct RuleSelectionTests {
  @Test func defaultsFollowSelectedAttributesAndGroups() throws {
    let benchmark = try BenchmarkFixture.benchmark()
    let selection = RuleSelection(benchmark: benchmark, profile: nil)
    #expect(selection.selectedRuleIDs == ["xccdf_t_rule_a", "xccdf_t_rule_b"])
  }

  @Test func aProfileSelectsRulesAndGroups() throws {
    let benchmark = try BenchmarkFixture.benchmark()
    let selection = RuleSelection(benchmark: benchmark, profile: benchmark.profile("xccdf_t_profile_strict"))
    #expect(
      selection.selectedRuleIDs == ["xccdf_t_rule_a", "xccdf_t_rule_b", "xccdf_t_rule_off", "xccdf_t_rule_hidden"])
  }

  @Test func aProfileDeselectsARule() throws {
    let benchmark = try BenchmarkFixture.benchmark()
    let selection = RuleSelection(benchmark: benchmark, profile: benchmark.profile("xccdf_t_profile_picky"))
    #expect(selection.selectedRuleIDs == ["xccdf_t_rule_b"])
  }
}

@Suite struct ValueBindingTests {
  @Test func theDefaultValueWithoutAProfile() throws {
    let benchmark = try BenchmarkFixture.benchmark()
    #expect(ValueBinding(benchmark: benchmark, profile: nil).values["xccdf_t_value_drivers"] == "syslog,splunk")
  }

  @Test func setValueWins() throws {
    let benchmark = try BenchmarkFixture.benchmark()
    let binding = ValueBinding(benchmark: benchmark, profile: benchmark.profile("xccdf_t_profile_strict"))
    #expect(binding.values["xccdf_t_value_drivers"] == "syslog")
  }

  @Test func refineValueChoosesASelector() throws {
    let benchmark = try BenchmarkFixture.benchmark()
    let binding = ValueBinding(benchmark: benchmark, profile: benchmark.profile("xccdf_t_profile_picky"))
    #expect(binding.values["xccdf_t_value_drivers"] == "awslogs,gcplogs")
  }
}

/// XCCDF 1.2 default scoring, with scores worked out by hand.
@Suite struct DefaultScoreTests {
  @Test func weightedMeanOfScoredRules() throws {
    let benchmark = try BenchmarkFixture.benchmark()
    // Group main: a passes (100 x 10), b fails (0 x 5): 1000 / 15 = 66.67; hidden group has no results.
    let score = DefaultScore(benchmark: benchmark, results: ["xccdf_t_rule_a": .pass, "xccdf_t_rule_b": .fail])
    #expect(abs(score.score - 1000.0 / 15.0) < 0.0001)
  }

  @Test func notApplicableAndNotCheckedRulesAreLeftOut() throws {
    let benchmark = try BenchmarkFixture.benchmark()
    let score = DefaultScore(
      benchmark: benchmark,
      results: ["xccdf_t_rule_a": .notapplicable, "xccdf_t_rule_b": .pass, "xccdf_t_rule_off": .notchecked])
    #expect(score.score == 100)
  }

  @Test func errorsScoreZero() throws {
    let benchmark = try BenchmarkFixture.benchmark()
    let score = DefaultScore(
      benchmark: benchmark,
      results: ["xccdf_t_rule_a": .error, "xccdf_t_rule_b": .pass, "xccdf_t_rule_hidden": .pass])
    // main: (0 x 10 + 100 x 5) / 15 = 33.33 with weight 1; hidden: 100 with weight 1: mean 66.67.
    #expect(abs(score.score - (500.0 / 15.0 + 100) / 2) < 0.0001)
  }
}
