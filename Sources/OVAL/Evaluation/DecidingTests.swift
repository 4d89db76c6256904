extension EvaluationRecord {
  /// The tests that decided a definition's result, in criteria order: under an AND that is false, the first false
  /// child (where evaluation in order stops); under an OR that is true, the first true one; under any other result of
  /// AND or OR, the children with that result (every true child of a true AND, every error of an error); and so on
  /// down, through extended definitions. A test whose branch lost (a false branch of a true OR) did not decide the
  /// result, so what it says does not explain it. ONE and XOR depend on every child.
  /// - Parameter definitionID: a definition this record evaluated; none evaluated gives no test.
  public func decidingTestIDs(of definitionID: String) -> [String] {
    deciding(of: definitionID).testIDs
  }

  /// The tests that decided a definition's result (see `decidingTestIDs(of:)`), and the definitions on the way to
  /// them: the definition itself and the extended definitions that decided it, in the order the walk met them.
  public func deciding(of definitionID: String) -> (testIDs: [String], definitionIDs: [String]) {
    var testIDs: [String] = []
    var definitionIDs: [String] = []
    var visited: Set<String> = []
    // Depth first in criteria order, with a stack of its own: a chain of extended definitions thousands long must
    // not overflow the thread's stack.
    var pending: [CriteriaOutcome.Child] = []
    func enter(_ id: String) {
      guard visited.insert(id).inserted else { return }
      definitionIDs.append(id)
      if let criteria = definition(id)?.criteria { pending.append(.criteria(criteria)) }
    }
    enter(definitionID)
    while let child = pending.popLast() {
      switch child {
      case .criteria(let criteria): pending += Self.decidingChildren(of: criteria).reversed()
      case .criterion(let testRef, _, _, _, _): testIDs.append(testRef)
      case .extendDefinition(let ref, _, _, _, _): enter(ref)
      }
    }
    return (testIDs, definitionIDs)
  }

  /// The children of `criteria` that decided its result, in order.
  private static func decidingChildren(of criteria: CriteriaOutcome) -> [CriteriaOutcome.Child] {
    let combined = criteria.result.negated(criteria.negate)
    let matching = criteria.children.filter { result(of: $0) == combined }
    let stopsAtFirst =
      (criteria.logicalOperator == .and && combined == .false)
      || (criteria.logicalOperator == .or && combined == .true)
    if ![.and, .or].contains(criteria.logicalOperator) || matching.isEmpty { return criteria.children }
    return stopsAtFirst ? Array(matching.prefix(1)) : matching
  }

  private static func result(of child: CriteriaOutcome.Child) -> OVALResult {
    switch child {
    case .criteria(let nested): nested.result
    case .criterion(_, _, _, _, let result): result
    case .extendDefinition(_, _, _, _, let result): result
    }
  }
}
