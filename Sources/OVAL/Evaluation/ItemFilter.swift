/// An object's filters (OVAL 5.11.2 specification, filter element of ObjectType), decided without the evaluator, so
/// that a collector can drop the items they would drop while it finds them: a recursive `file` object over `/`
/// otherwise builds an item for every file on the host only for the evaluator to keep the few that match.
///
/// Only filters whose states use no variable can be decided this way. The evaluator applies the filters again to
/// what it receives, which keeps the same items, so a collector may use a filter or ignore it.
public struct ItemFilter: Sendable {
  private let steps: [(action: ObjectFilter.Action, state: PreparedState)]

  /// The filters of an object, or nil when a filter's state refers to a variable (or there is no filter).
  /// A filter naming a state that does not exist is skipped, as the evaluator skips it.
  public init?(_ filters: [ObjectFilter], states: [String: OVALState]) {
    var steps: [(ObjectFilter.Action, PreparedState)] = []
    for filter in filters {
      guard let state = states[filter.stateRef] else { continue }
      guard !state.entities.contains(where: Self.usesVariable) else { return nil }
      steps.append((filter.action, PreparedState(state)))
    }
    guard !steps.isEmpty else { return nil }
    self.steps = steps
  }

  /// The item entity names the filters read, so that a collector can build just those to decide.
  public var entityNames: Set<String> {
    Set(steps.flatMap { $0.state.entities.map(\.itemName) })
  }

  /// Whether the item passes every filter: an `include` filter keeps items that match its state, an `exclude`
  /// filter drops them.
  public func keeps(_ item: Item) -> Bool {
    for step in steps {
      let matches = step.state.compare(item) == .true
      if (step.action == .include && !matches) || (step.action == .exclude && matches) { return false }
    }
    return true
  }

  private static func usesVariable(_ entity: Entity) -> Bool {
    entity.varRef != nil || entity.fields.contains(where: usesVariable)
  }
}

/// A state without variables, its comparisons prepared once; decides as StateComparison decides.
private struct PreparedState: Sendable {
  let stateOperator: LogicalOperator
  let entities: [PreparedEntity]

  init(_ state: OVALState) {
    stateOperator = state.stateOperator
    entities = state.entities.map {
      PreparedEntity($0, itemName: StateComparison.itemEntityName(for: $0.name, in: state))
    }
  }

  func compare(_ item: Item) -> OVALResult {
    if entities.count == 1, let only = entities.first, let decided = only.compareSingle(in: item) { return decided }
    var entityResults = ResultCounts([])
    for expected in entities {
      if let decided = expected.compareSingle(in: item) {
        entityResults.add(decided)
        continue
      }
      let actual = item.entities(named: expected.itemName)
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
  let comparator: ValueComparator?
  let fields: [PreparedEntity]

  init(_ entity: Entity, itemName: String) {
    self.entity = entity
    self.itemName = itemName
    fields = entity.fields.map { PreparedEntity($0, itemName: $0.name) }
    let isRecord = entity.datatype == .record || !entity.fields.isEmpty
    comparator =
      isRecord || entity.isNil
      ? nil : ValueComparator(datatype: entity.datatype, operation: entity.operation, expected: entity.value ?? "")
  }

  /// The result when the item has exactly one such entity and the checks cannot change its result (the common
  /// case of probes' items), without building arrays; nil otherwise.
  func compareSingle(in item: Item) -> OVALResult? {
    guard entity.checkExistence == .atLeastOneExists, entity.entityCheck != .noneSatisfy,
      entity.entityCheck != .noneExist
    else { return nil }
    var found: ItemEntity?
    for candidate in item.entities where candidate.name == itemName {
      guard found == nil else { return nil }
      found = candidate
    }
    guard let found, found.status == .exists else { return nil }
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
    if entity.isNil { return actual.value.isEmpty ? .true : .false }
    guard let comparator else { return .error }
    return ResultCounts([comparator.compare(actual.value).0]).checked(by: entity.varCheck)
  }
}

/// A collector that can apply an object's filters while it collects (see `ItemFilter`).
public protocol FilteringObjectCollector: ObjectCollector {
  /// Collects the object, leaving out the items `filter` drops.
  func collect(_ request: ObjectRequest, keeping filter: ItemFilter) async -> CollectedObject
}
