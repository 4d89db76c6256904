/// Compares items with states, gathering the messages of comparisons that could not decide and the variable values
/// the states used (OVAL 5.11.2 specification, StateType and EntityStateSimpleBaseType).
struct StateComparison {
  unowned let evaluator: OVALEvaluator
  private(set) var messages: [String] = []
  private(set) var usedVariables: [(String, String)] = []
  /// How many comparisons were undecided because PCRE2 stopped a pattern match at its limits.
  private(set) var stoppedMatches = 0

  init(evaluator: OVALEvaluator) {
    self.evaluator = evaluator
  }

  /// Every state entity against the item's entities of that name, combined by the state's operator.
  mutating func compare(_ item: Item, with state: OVALState) async -> OVALResult {
    var entityResults: [OVALResult] = []
    for expected in state.entities {
      let actual = item.entities(named: Self.itemEntityName(for: expected.name, in: state))
      if actual.isEmpty, evaluator.semantics == .openSCAP {
        // OpenSCAP applies check_existence to the statuses of all the item's entities, and a state entity the item
        // lacks then leaves the comparison open: unknown.
        let existence = expected.checkExistence.evaluate(item.entities.map(\.status))
        entityResults.append(existence == .true ? .unknown : existence)
        continue
      }
      // The entity's check_existence decides first how many such entities the item must have
      // (OVAL 5.11.2, EntityStateSimpleBaseType); an item without the entity fails the default at_least_one_exists.
      let existence = expected.checkExistence.evaluate(actual.map(\.status))
      guard existence == .true, !actual.isEmpty else {
        entityResults.append(existence)
        continue
      }
      var perEntity: [OVALResult] = []
      for entity in actual { perEntity.append(await compare(entity, with: expected)) }
      entityResults.append(ResultCounts(perEntity).checked(by: expected.entityCheck))
    }
    return ResultCounts(entityResults).combined(by: state.stateOperator)
  }

  /// The item entity a state entity is compared with: its namesake, except the deprecated textfilecontent_state's
  /// `line`, which means the matched text (the item's `text`; OpenSCAP records the pattern in the item's `line`).
  static func itemEntityName(for stateEntityName: String, in state: OVALState) -> String {
    state.name.localName == "textfilecontent_state" && stateEntityName == "line" ? "text" : stateEntityName
  }

  private mutating func compare(_ actual: ItemEntity, with expected: Entity) async -> OVALResult {
    switch actual.status {
    case .exists: break
    case .doesNotExist: return .false
    case .error: return .error
    case .notCollected: return .unknown
    }
    if expected.datatype == .record || !expected.fields.isEmpty {
      // Each expected field against the record's fields of that name; all expected fields must hold.
      var fieldResults: [OVALResult] = []
      for field in expected.fields {
        // A field the record lacks is an error (OVAL 5.11.2, EntityStateRecordType); OpenSCAP agrees.
        let matching = actual.fields.filter { $0.name == field.name }
        guard !matching.isEmpty else {
          fieldResults.append(.error)
          continue
        }
        var perField: [OVALResult] = []
        for candidate in matching { perField.append(await compare(candidate, with: field)) }
        fieldResults.append(ResultCounts(perField).checked(by: field.entityCheck))
      }
      return ResultCounts(fieldResults).combined(by: .and)
    }
    let expectedValues: [String]
    if let ref = expected.varRef {
      switch await evaluator.values(ofVariable: ref) {
      case .success(let values):
        expectedValues = values
        usedVariables += values.map { (ref, $0) }
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
      let (result, message, stoppedMatch) = comparison.compareNotingStoppedMatch(actual: actual.value, expected: value)
      if let message { messages.append(message) }
      if stoppedMatch { stoppedMatches += 1 }
      return result
    }
    return ResultCounts(results).checked(by: expected.varCheck)
  }
}
