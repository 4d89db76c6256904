/// An object's filters (OVAL 5.11.2 specification, filter element of ObjectType), decided without the evaluator, so
/// that a collector can drop the items they would drop while it finds them: a recursive `file` object over `/`
/// otherwise builds an item for every file on the host only for the evaluator to keep the few that match.
///
/// Only filters whose states use no variable can be decided this way. The evaluator applies the filters again to
/// what it receives, which keeps the same items, so a collector may use a filter or ignore it.
public struct ItemFilter: Sendable {
  private let steps: [(action: ObjectFilter.Action, state: PreparedState)]

  /// The filters of an object, or nil when there is no filter or a filter's state refers to a variable whose values
  /// are not given. A filter naming a state that does not exist is skipped, as the evaluator skips it.
  /// - Parameter variableValues: the values of the variables the states refer to, by variable id.
  public init?(_ filters: [ObjectFilter], states: [String: OVALState], variableValues: [String: [String]] = [:]) {
    var steps: [(ObjectFilter.Action, PreparedState)] = []
    for filter in filters {
      guard let state = states[filter.stateRef] else { continue }
      guard Self.variables(of: state).allSatisfy({ variableValues[$0] != nil }) else { return nil }
      steps.append((filter.action, PreparedState(state, variableValues: variableValues)))
    }
    guard !steps.isEmpty else { return nil }
    self.steps = steps
  }

  /// The ids of the variables a state's entities (and record fields) refer to.
  public static func variables(of state: OVALState) -> [String] {
    func references(_ entity: Entity) -> [String] {
      (entity.varRef.map { [$0] } ?? []) + entity.fields.flatMap(references)
    }
    return state.entities.flatMap(references)
  }

  /// The item entity names the filters read, so that a collector can build just those to decide.
  public var entityNames: Set<String> {
    Set(steps.flatMap { $0.state.entities.map(\.itemName) })
  }

  /// Whether the item passes every filter: an `include` filter keeps items that match its state, an `exclude`
  /// filter drops them.
  public func keeps(_ item: Item) -> Bool {
    keeps { item.entities(named: $0) }
  }

  /// Whether an item passes every filter, its entities asked for by name as the filters need them: a collector can
  /// then build only the entities a decision reads (a file's path only when the state it reaches reads it).
  /// An item a filter cannot decide (a pattern match PCRE2 cannot finish) is kept, for the evaluator to report.
  public func keeps(entities lookup: (String) -> [ItemEntity]) -> Bool {
    for step in steps {
      let result = step.state.compare(lookup)
      if result == .error { continue }
      let matches = result == .true
      if (step.action == .include && !matches) || (step.action == .exclude && matches) { return false }
    }
    return true
  }

}

/// A state with its variables' values known, its comparisons prepared once; decides as StateComparison decides.
private struct PreparedState: Sendable {
  let stateOperator: LogicalOperator
  let entities: [PreparedEntity]

  init(_ state: OVALState, variableValues: [String: [String]]) {
    stateOperator = state.stateOperator
    entities = state.entities.map {
      PreparedEntity(
        $0, itemName: StateComparison.itemEntityName(for: $0.name, in: state), variableValues: variableValues)
    }
  }

  func compare(_ lookup: (String) -> [ItemEntity]) -> OVALResult {
    var entityResults = ResultCounts([])
    for expected in entities {
      let actual = lookup(expected.itemName)
      if let decided = expected.compareSingle(actual) {
        if entities.count == 1 { return decided }
        entityResults.add(decided)
        continue
      }
      let existence = expected.entity.checkExistence.evaluate(actual.map(\.status))
      guard existence == .true, !actual.isEmpty else {
        entityResults.add(existence)
        continue
      }
      entityResults.add(ResultCounts(actual.map(expected.compare)).checked(by: expected.entity.entityCheck))
    }
    return entityResults.combined(by: stateOperator)
  }
}

/// A state entity (or a record field) with its comparison prepared. A class, so that deciding many items does not
/// copy it for each.
private final class PreparedEntity: Sendable {
  let entity: Entity
  let itemName: String
  /// One comparison per expected value: the literal, or each value of the entity's variable.
  let comparators: [ValueComparator]
  let fields: [PreparedEntity]

  init(_ entity: Entity, itemName: String, variableValues: [String: [String]]) {
    self.entity = entity
    self.itemName = itemName
    fields = entity.fields.map { PreparedEntity($0, itemName: $0.name, variableValues: variableValues) }
    let isRecord = entity.datatype == .record || !entity.fields.isEmpty
    let expected = entity.varRef.map { variableValues[$0] ?? [] } ?? [entity.value ?? ""]
    comparators =
      isRecord || (entity.isNil && entity.varRef == nil)
      ? [] : expected.map { ValueComparator(datatype: entity.datatype, operation: entity.operation, expected: $0) }
  }

  /// The result when the item has exactly one such entity and the checks cannot change its result (the common
  /// case of probes' items), without building arrays; nil otherwise.
  func compareSingle(_ actual: [ItemEntity]) -> OVALResult? {
    guard actual.count == 1, let found = actual.first, found.status == .exists,
      entity.checkExistence == .atLeastOneExists, entity.entityCheck != .noneSatisfy, entity.entityCheck != .noneExist
    else { return nil }
    return compare(found)
  }

  func compare(_ actual: ItemEntity) -> OVALResult {
    switch actual.status {
    case .exists: break
    case .doesNotExist: return .false
    case .error: return .error
    case .notCollected: return .unknown
    }
    if entity.datatype == .record || !entity.fields.isEmpty {
      var fieldResults = ResultCounts([])
      for field in fields {
        let matching = actual.fields.filter { $0.name == field.itemName }
        guard !matching.isEmpty else {
          fieldResults.add(.false)
          continue
        }
        fieldResults.add(ResultCounts(matching.map(field.compare)).checked(by: field.entity.entityCheck))
      }
      return fieldResults.combined(by: .and)
    }
    if entity.varRef == nil && entity.isNil { return actual.value.isEmpty ? .true : .false }
    return ResultCounts(comparators.map { $0.compare(actual.value).0 }).checked(by: entity.varCheck)
  }
}

/// A collector that can apply an object's filters while it collects (see `ItemFilter`).
public protocol FilteringObjectCollector: ObjectCollector {
  /// Collects the object, leaving out the items `filter` drops.
  func collect(_ request: ObjectRequest, keeping filter: ItemFilter) async -> CollectedObject
}
