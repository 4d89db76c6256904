public import Engine
public import SCAPContent

/// What a generated script remediates and what it was made from: the rules, in order, each with its fix's resolved
/// text or the reason it has none.
public struct RemediationPlan: Sendable {
  /// Where the rules came from: every rule a profile selects, or the rules a scan found failing.
  public enum Origin: Sendable {
    case profile
    case evaluation(EvaluatedTestResult)
  }

  /// One rule to remediate.
  public struct Entry: Sendable {
    public let rule: Rule
    /// The fix's script with its values substituted; nil when the rule has no usable fix.
    public let text: String?
    /// Why `text` is nil: no fix for the system, or one whose substitution failed.
    public let missingReason: String?
  }

  public let benchmark: Benchmark
  public let profile: Profile?
  public let system: FixSystem
  public let origin: Origin
  public let entries: [Entry]

  /// The plan for every rule the profile selects, in document order.
  public init(profiling content: ProfiledBenchmark, system: FixSystem) {
    self.init(content: content, system: system, origin: .profile, rules: content.selectedRules)
  }

  /// The plan for the rules a scan found failing, in the order of its rule results. A rule the profile does not
  /// select is left out, as OpenSCAP leaves it out.
  /// - Throws: `FixTextError` naming a failed rule that is not in the benchmark.
  public init(remediating result: EvaluatedTestResult, of content: ProfiledBenchmark, system: FixSystem)
    throws(FixTextError)
  {
    var rules: [Rule] = []
    for id in result.failedRuleIDs {
      guard let rule = content.benchmark.rule(id) else {
        throw FixTextError(description: "result '\(result.id)' names rule '\(id)', which the benchmark does not have")
      }
      if content.selection.isSelected(rule), !rules.contains(where: { $0.id == id }) { rules.append(rule) }
    }
    self.init(content: content, system: system, origin: .evaluation(result), rules: rules)
  }

  private init(content: ProfiledBenchmark, system: FixSystem, origin: Origin, rules: [Rule]) {
    self.benchmark = content.benchmark
    self.profile = content.profile?.profile
    self.system = system
    self.origin = origin
    self.entries = rules.map { rule in
      guard let fix = rule.fix(for: system) else {
        return Entry(rule: rule, text: nil, missingReason: "no \(system.fixType) fix")
      }
      do throws(FixTextError) {
        return Entry(
          rule: rule, text: try fix.resolvedText(in: content.benchmark, values: content.values), missingReason: nil)
      } catch {
        return Entry(rule: rule, text: nil, missingReason: error.description)
      }
    }
  }

  /// The rules that have no usable fix, in plan order.
  public var rulesWithoutFix: [Entry] { entries.filter { $0.text == nil } }
}
