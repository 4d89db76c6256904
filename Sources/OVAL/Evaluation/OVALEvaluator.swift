/// Evaluates OVAL definitions against a system through a collector, collecting each object once.
///
/// One evaluator serves one scan and lives in one task; `record` holds what the results document reports.
public final class OVALEvaluator {
  public let definitions: OVALDefinitions
  private let collector: any ObjectCollector
  private var variables: VariableResolver
  private var definitionResults: [String: OVALResult] = [:]
  private var definitionsInProgress: Set<String> = []
  private var nextItemID = 1
  public private(set) var record = EvaluationRecord()

  /// - Parameters:
  ///   - definitions: the loaded definitions document.
  ///   - collector: where items come from.
  ///   - externalVariables: values for external variables, by variable id.
  public init(definitions: OVALDefinitions, collector: any ObjectCollector, externalVariables: [String: [String]] = [:])
  {
    self.definitions = definitions
    self.collector = collector
    variables = VariableResolver(definitions: definitions, externalValues: externalVariables)
  }

  /// Evaluates one definition (and whatever it extends); repeated calls return the first result.
  public func evaluate(definitionID id: String) async -> OVALResult {
    if let known = definitionResults[id] { return known }
    guard let definition = definitions.definition(id) else { return .error }
    guard definitionsInProgress.insert(id).inserted else {
      // extend_definition cycle: the definition cannot be decided.
      return .error
    }
    defer { definitionsInProgress.remove(id) }
    var criteriaOutcome: CriteriaOutcome?
    let result: OVALResult
    if let criteria = definition.criteria {
      let outcome = await evaluate(criteria)
      criteriaOutcome = outcome
      result = outcome.result
    } else {
      result = .notEvaluated
    }
    definitionResults[id] = result
    record.definitions.append(
      DefinitionOutcome(id: id, version: definition.version, result: result, criteria: criteriaOutcome))
    record.variableValues = variables.resolvedValues
    return result
  }

  private func evaluate(_ criteria: Criteria) async -> CriteriaOutcome {
    var children: [CriteriaOutcome.Child] = []
    var results: [OVALResult] = []
    for child in criteria.children {
      switch child {
      case .criteria(let nested):
        let outcome = await evaluate(nested)
        children.append(.criteria(outcome))
        results.append(outcome.result)
      case .criterion(let testRef, let negate, let applicability):
        let result = await evaluate(testID: testRef).negated(negate)
        children.append(
          .criterion(
            testRef: testRef, version: definitions.tests[testRef]?.version ?? "1", negate: negate,
            applicabilityCheck: applicability, result: result))
        results.append(result)
      case .extendDefinition(let ref, let negate, let applicability):
        let result = await evaluate(definitionID: ref).negated(negate)
        children.append(
          .extendDefinition(
            definitionRef: ref, version: definitions.definition(ref)?.version ?? "1", negate: negate,
            applicabilityCheck: applicability, result: result))
        results.append(result)
      }
    }
    let result = ResultCounts(results).combined(by: criteria.logicalOperator).negated(criteria.negate)
    return CriteriaOutcome(
      logicalOperator: criteria.logicalOperator, negate: criteria.negate,
      applicabilityCheck: criteria.applicabilityCheck, result: result, children: children)
  }

  /// Evaluates one test: collects its object, checks existence, then compares the items with the states
  /// (OVAL 5.11.2 specification, TestType).
  public func evaluate(testID id: String) async -> OVALResult {
    if let known = record.tests[id] { return known.result }
    guard let test = definitions.tests[id] else { return .error }
    let collected = await collect(objectID: test.objectRef)
    var messages = collected.messages.filter { $0.level == .error }.map(\.text)
    var testedItems: [(Int, OVALResult)] = []
    var testedVariables: [(String, String)] = collected.variableValues
    let result: OVALResult

    switch collected.flag {
    case .error:
      result = .error
    case .notCollected:
      result = .unknown
    case .notApplicable:
      result = .notApplicable
    case .complete, .incomplete, .doesNotExist:
      let items = collected.itemIDs.compactMap { itemID in record.items[itemID].map { (itemID, $0) } }
      let existence = test.checkExistence.evaluate(items.map(\.1.status))
      if existence != .true || test.stateRefs.isEmpty {
        result = existence
        testedItems = items.map { ($0.0, .notEvaluated) }
      } else {
        let states = test.stateRefs.compactMap { definitions.states[$0] }
        var itemResults: [OVALResult] = []
        for (itemID, item) in items where item.status == .exists {
          let stateResults = states.map { state in
            compare(item, with: state, messages: &messages, variables: &testedVariables)
          }
          let itemResult = ResultCounts(stateResults).combined(by: test.stateOperator)
          itemResults.append(itemResult)
          testedItems.append((itemID, itemResult))
        }
        result = itemResults.isEmpty ? existence : ResultCounts(itemResults).checked(by: test.check)
      }
    }
    record.tests[id] = TestOutcome(
      test: test, result: result, testedItems: testedItems,
      testedVariables: Self.unique(testedVariables), messages: messages)
    return result
  }

  /// Collects the object once per evaluation, resolving variable references in its entities first.
  private func collect(objectID: String) async -> CollectedObjectRecord {
    if let known = record.collectedObjects[objectID] { return known }
    guard let object = definitions.objects[objectID] else {
      return CollectedObjectRecord(
        object: OVALObject(
          id: objectID, version: "1", name: .init(nil, "object"), comment: nil, entities: [], behaviors: [:],
          location: .unknown),
        flag: .error, itemIDs: [], messages: [CollectionMessage(.error, "undefined object '\(objectID)'")],
        variableValues: [])
    }
    var values: [String: [String]] = [:]
    var variableValues: [(String, String)] = []
    var collected: CollectedObject
    var failure: String?
    for entity in object.entities {
      if let ref = entity.varRef {
        switch variables.values(of: ref) {
        case .success(let resolved):
          values[entity.name] = resolved
          variableValues += resolved.map { (ref, $0) }
        case .failure(let error):
          failure = failure ?? error.message
        }
      } else if let value = entity.value {
        values[entity.name] = [value]
      }
    }
    if let feature = object.unsupportedFeature {
      collected = .notCollected(
        "\(object.location): object '\(object.id)' uses \(feature), which Palisade does not evaluate yet")
    } else if let failure {
      collected = .error(failure)
    } else {
      collected = await collector.collect(ObjectRequest(object: object, values: values))
    }
    var itemIDs: [Int] = []
    for item in collected.items {
      record.items[nextItemID] = item
      itemIDs.append(nextItemID)
      nextItemID += 1
    }
    let entry = CollectedObjectRecord(
      object: object, flag: collected.flag, itemIDs: itemIDs, messages: collected.messages,
      variableValues: Self.unique(variableValues))
    record.collectedObjects[objectID] = entry
    return entry
  }

  /// Compares an item with a state: every state entity against the item's entities of that name.
  private func compare(
    _ item: Item, with state: OVALState, messages: inout [String], variables used: inout [(String, String)]
  ) -> OVALResult {
    let entityResults = state.entities.map { expected in
      let actual = item.entities(named: expected.name)
      guard !actual.isEmpty else {
        messages.append("item has no '\(expected.name)' entity to compare with state '\(state.id)'")
        return OVALResult.error
      }
      let perEntity = actual.map { compare($0, with: expected, messages: &messages, variables: &used) }
      return ResultCounts(perEntity).checked(by: expected.entityCheck)
    }
    return ResultCounts(entityResults).combined(by: state.stateOperator)
  }

  private func compare(
    _ actual: ItemEntity, with expected: Entity, messages: inout [String], variables used: inout [(String, String)]
  ) -> OVALResult {
    switch actual.status {
    case .exists: break
    case .doesNotExist: return .false
    case .error: return .error
    case .notCollected: return .unknown
    }
    if expected.datatype == .record || !expected.fields.isEmpty {
      // Each expected field is compared with the record's fields of the same name; all must hold.
      let fieldResults = expected.fields.map { field in
        let matching = actual.fields.filter { $0.name == field.name }
        guard !matching.isEmpty else { return OVALResult.false }
        let perField = matching.map { compare($0, with: field, messages: &messages, variables: &used) }
        return ResultCounts(perField).checked(by: field.entityCheck)
      }
      return ResultCounts(fieldResults).combined(by: .and)
    }
    let expectedValues: [String]
    if let ref = expected.varRef {
      switch variables.values(of: ref) {
      case .success(let values):
        expectedValues = values
        used += values.map { (ref, $0) }
      case .failure(let error):
        messages.append(error.message)
        return .error
      }
    } else if expected.isNil {
      return actual.value.isEmpty ? .true : .false
    } else {
      expectedValues = [expected.value ?? ""]
    }
    let comparison = ValueComparison(datatype: expected.datatype, operation: expected.operation)
    let results = expectedValues.map { value in
      let (result, message) = comparison.compare(actual: actual.value, expected: value)
      if let message { messages.append(message) }
      return result
    }
    return ResultCounts(results).checked(by: expected.varCheck)
  }

  private static func unique(_ pairs: [(String, String)]) -> [(String, String)] {
    var seen: Set<String> = []
    return pairs.filter { seen.insert($0.0 + "\u{0}" + $0.1).inserted }
  }
}
