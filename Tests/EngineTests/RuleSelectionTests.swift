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
    let selection = RuleSelection(
      benchmark: benchmark, profile: try ResolvedProfile("xccdf_t_profile_strict", benchmark: benchmark, tailoring: nil)
    )
    #expect(
      selection.selectedRuleIDs == ["xccdf_t_rule_a", "xccdf_t_rule_b", "xccdf_t_rule_off", "xccdf_t_rule_hidden"])
  }

  @Test func aProfileDeselectsARule() throws {
    let benchmark = try BenchmarkFixture.benchmark()
    let selection = RuleSelection(
      benchmark: benchmark, profile: try ResolvedProfile("xccdf_t_profile_picky", benchmark: benchmark, tailoring: nil))
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
    let binding = ValueBinding(
      benchmark: benchmark, profile: try ResolvedProfile("xccdf_t_profile_strict", benchmark: benchmark, tailoring: nil)
    )
    #expect(binding.values["xccdf_t_value_drivers"] == "syslog")
  }

  @Test func refineValueChoosesASelector() throws {
    let benchmark = try BenchmarkFixture.benchmark()
    let binding = ValueBinding(
      benchmark: benchmark, profile: try ResolvedProfile("xccdf_t_profile_picky", benchmark: benchmark, tailoring: nil))
    #expect(binding.values["xccdf_t_value_drivers"] == "awslogs,gcplogs")
  }
}

/// XCCDF 1.2 scoring models, with scores worked out by hand.
@Suite struct ScoringTests {
  static func score(_ model: String, _ results: [String: RuleResultValue]) throws -> Score? {
    let benchmark = try BenchmarkFixture.benchmark(models: [model])
    return Scoring.scores(benchmark: benchmark, results: results, weights: [:]).first
  }

  @Test func defaultModelIsTheWeightedMeanOfScoredRules() throws {
    // Group main: a passes (100 x 10), b fails (0 x 5): 1000 / 15 = 66.67; the hidden group has no results.
    let score = try #require(try Self.score(Scoring.defaultModel, ["xccdf_t_rule_a": .pass, "xccdf_t_rule_b": .fail]))
    #expect(abs(score.score - 1000.0 / 15.0) < 0.0001)
    #expect(score.maximum == 100)
  }

  @Test func notApplicableAndNotCheckedRulesAreLeftOut() throws {
    let score = try Self.score(
      Scoring.defaultModel,
      ["xccdf_t_rule_a": .notapplicable, "xccdf_t_rule_b": .pass, "xccdf_t_rule_off": .notchecked])
    #expect(score?.score == 100)
  }

  @Test func errorsScoreZeroAndGroupsAreWeighted() throws {
    // main: (0 x 10 + 100 x 5) / 15 = 33.33 with weight 1; hidden: 100 with weight 1: mean 66.67.
    let score = try Self.score(
      Scoring.defaultModel, ["xccdf_t_rule_a": .error, "xccdf_t_rule_b": .pass, "xccdf_t_rule_hidden": .pass])
    #expect(abs((score?.score ?? 0) - (500.0 / 15.0 + 100) / 2) < 0.0001)
  }

  @Test func flatModelSumsTheWeightsOfPassingRules() throws {
    // a (10) passes, b (5) fails, hidden (2) passes: 12 of 17.
    let score = try Self.score(
      Scoring.flatModel, ["xccdf_t_rule_a": .pass, "xccdf_t_rule_b": .fail, "xccdf_t_rule_hidden": .pass])
    #expect(score?.score == 12)
    #expect(score?.maximum == 17)
  }

  @Test func flatUnweightedModelCountsRules() throws {
    let score = try Self.score(
      Scoring.flatUnweightedModel, ["xccdf_t_rule_a": .pass, "xccdf_t_rule_b": .fail, "xccdf_t_rule_hidden": .pass])
    #expect(score?.score == 2)
    #expect(score?.maximum == 3)
  }

  @Test func absoluteModelIsOneOnlyWhenEveryScoredRulePasses() throws {
    #expect(try Self.score(Scoring.absoluteModel, ["xccdf_t_rule_a": .pass, "xccdf_t_rule_b": .pass])?.score == 1)
    #expect(try Self.score(Scoring.absoluteModel, ["xccdf_t_rule_a": .pass, "xccdf_t_rule_b": .fail])?.score == 0)
  }
}
