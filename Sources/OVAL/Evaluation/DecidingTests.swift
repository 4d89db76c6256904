extension EvaluationRecord {
  /// The tests that decided a definition's result, in criteria order: under an AND that is false, the first false
  /// child (where evaluation in order stops); under an OR that is true, the first true one; under any other result of
  /// AND or OR, the children with that result (every true child of a true AND, every error of an error); and so on
  /// down, through extended definitions. A test whose branch lost (a false branch of a true OR) did not decide the
  /// result, so what it says does not explain it. ONE and XOR depend on every child.
  /// - Parameter definitionID: a definition this record evaluated; none evaluated gives no test.
  public func decidingTestIDs(of definitionID: String) -> [String] {
    var testIDs: [String] = []
    var visited: Set<String> = []
    func walkDefinition(_ id: String) {
      guard visited.insert(id).inserted, let criteria = definitions.first(where: { $0.id == id })?.criteria else {
        return
      }
      walk(criteria)
    }
    func walk(_ criteria: CriteriaOutcome) {
      let combined = criteria.result.negated(criteria.negate)
      let children = criteria.children.map { child in (child, Self.result(of: child)) }
      let matching = children.filter { $0.1 == combined }
      let stopsAtFirst =
        (criteria.logicalOperator == .and && combined == .false)
        || (criteria.logicalOperator == .or && combined == .true)
      let deciding =
        ![.and, .or].contains(criteria.logicalOperator) || matching.isEmpty
        ? children : stopsAtFirst ? Array(matching.prefix(1)) : matching
      for (child, _) in deciding {
        switch child {
        case .criteria(let nested): walk(nested)
        case .criterion(let testRef, _, _, _, _): testIDs.append(testRef)
        case .extendDefinition(let ref, _, _, _, _): walkDefinition(ref)
        }
      }
    }
    walkDefinition(definitionID)
    return testIDs
  }

  private static func result(of child: CriteriaOutcome.Child) -> OVALResult {
    switch child {
    case .criteria(let nested): nested.result
    case .criterion(_, _, _, _, let result): result
    case .extendDefinition(_, _, _, _, let result): result
    }
  }
}
