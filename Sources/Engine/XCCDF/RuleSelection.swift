public import SCAPContent

/// Which rules a profile selects (XCCDF 1.2 specification, sections 7.2.3.3 and 7.2.3.4): each item's own
/// `selected`, overridden by the profile's `select` elements (by id or cluster-id, in order), then requires and
/// conflicts processed in document order; a rule runs only when every group above it is selected too.
public struct RuleSelection: Sendable {
  public let selectedRuleIDs: Set<String>

  public init(benchmark: Benchmark, profile: ResolvedProfile?) {
    var overrides: [String: Bool] = [:]
    var clusterOverrides: [String: Bool] = [:]
    for selection in profile?.selections ?? [] {
      overrides[selection.idref] = selection.selected
      clusterOverrides[selection.idref] = selection.selected
    }
    // Selection state of every item after the profile, before requires/conflicts.
    var state: [String: Bool] = [:]
    func initial(_ items: [BenchmarkItem]) {
      for item in items {
        switch item {
        case .rule(let rule):
          state[rule.id] = overrides[rule.id] ?? rule.clusterID.flatMap { clusterOverrides[$0] } ?? rule.selected
        case .group(let group):
          state[group.id] = overrides[group.id] ?? group.clusterID.flatMap { clusterOverrides[$0] } ?? group.selected
          initial(group.items)
        }
      }
    }
    initial(benchmark.items)

    var selected: Set<String> = []
    func process(_ items: [BenchmarkItem]) {
      for item in items {
        let (requires, conflicts): ([[String]], [String])
        switch item {
        case .rule(let rule): (requires, conflicts) = (rule.requires, rule.conflicts)
        case .group(let group): (requires, conflicts) = (group.requires, group.conflicts)
        }
        if state[item.id] == true {
          let unmet = requires.contains { alternatives in !alternatives.contains { state[$0] == true } }
          let conflicting = conflicts.contains { state[$0] == true }
          if unmet || conflicting { state[item.id] = false }
        }
        guard state[item.id] == true else { continue }
        switch item {
        case .rule(let rule): selected.insert(rule.id)
        case .group(let group): process(group.items)
        }
      }
    }
    process(benchmark.items)
    selectedRuleIDs = selected
  }

  public func isSelected(_ rule: Rule) -> Bool { selectedRuleIDs.contains(rule.id) }
}
