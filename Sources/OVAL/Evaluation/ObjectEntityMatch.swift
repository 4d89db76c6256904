/// Decides whether a value found on the scanned system satisfies an object entity: the entity's operation and
/// datatype against each of its values (the literal, or every value of the variable it refers to), combined by its
/// `var_check` (OVAL 5.11.2 specification, EntityObjectBaseType and "Variable References in Objects").
///
/// `package`, so that collectors select what they collect (package names, sysctl names, file names) with the same
/// comparisons the evaluator applies to states.
package struct ObjectEntityMatch: Sendable {
  package let entity: Entity
  /// The values compared with, already resolved.
  package let values: [String]
  private let comparators: [ValueComparator]

  /// A match for `entity` against `values`: the literal value, or the resolved values of its variable.
  package init(_ entity: Entity, values: [String]) {
    self.entity = entity
    self.values = values
    comparators = values.map { ValueComparator(datatype: entity.datatype, operation: entity.operation, expected: $0) }
  }

  /// The comparison's result for one collected value, with a message when it could not be decided
  /// (a pattern PCRE2 refuses, a value that is not of the entity's datatype).
  package func result(for actual: String) -> (result: OVALResult, message: String?) {
    if comparators.count == 1, let only = comparators.first {
      let (result, message) = only.compare(actual)
      return (ResultCounts([result]).checked(by: entity.varCheck), message)
    }
    var message: String?
    var counts = ResultCounts([])
    for comparator in comparators {
      let (result, reason) = comparator.compare(actual)
      if message == nil { message = reason }
      counts.add(result)
    }
    return (counts.checked(by: entity.varCheck), message)
  }

  /// Whether the collected value satisfies the entity (an undecidable comparison does not).
  package func matches(_ actual: String) -> Bool {
    result(for: actual).result == .true
  }
}
