public import SCAPContent

/// Which rules a profile selects: each item's own `selected`, overridden by the profile's `select` elements, and a
/// rule runs only when every group above it is selected too (XCCDF 1.2 specification, section 7.2.3).
public struct RuleSelection: Sendable {
  public let selectedRuleIDs: Set<String>

  public init(benchmark: Benchmark, profile: Profile?) {
    var overrides: [String: Bool] = [:]
    for selection in profile?.selections ?? [] { overrides[selection.idref] = selection.selected }
    var selected: Set<String> = []
    func visit(_ items: [BenchmarkItem]) {
      for item in items {
        switch item {
        case .rule(let rule):
          if overrides[rule.id] ?? rule.selected { selected.insert(rule.id) }
        case .group(let group):
          if overrides[group.id] ?? group.selected { visit(group.items) }
        }
      }
    }
    visit(benchmark.items)
    selectedRuleIDs = selected
  }

  public func isSelected(_ rule: Rule) -> Bool { selectedRuleIDs.contains(rule.id) }
}
