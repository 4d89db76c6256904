/// Tallies of results, and OVAL's truth tables over them for operators and check enumerations
/// (OVAL 5.11.2 specification, "Operator Enumeration" and "Check Enumeration" evaluation tables).
struct ResultCounts {
  var trueCount = 0
  var falseCount = 0
  var errorCount = 0
  var unknownCount = 0
  var notEvaluatedCount = 0
  var notApplicableCount = 0

  init<Results: Sequence>(_ results: Results) where Results.Element == OVALResult {
    for result in results { add(result) }
  }

  mutating func add(_ result: OVALResult) {
    switch result {
    case .true: trueCount += 1
    case .false: falseCount += 1
    case .error: errorCount += 1
    case .unknown: unknownCount += 1
    case .notEvaluated: notEvaluatedCount += 1
    case .notApplicable: notApplicableCount += 1
    }
  }

  private var allNotApplicable: Bool {
    notApplicableCount > 0 && trueCount + falseCount + errorCount + unknownCount + notEvaluatedCount == 0
  }

  /// The result of combining the tallied results with a logical operator.
  func combined(by logicalOperator: LogicalOperator) -> OVALResult {
    if allNotApplicable { return .notApplicable }
    let undecided = errorCount + unknownCount + notEvaluatedCount
    switch logicalOperator {
    case .and:
      if falseCount > 0 { return .false }
      if undecided == 0 { return trueCount > 0 ? .true : .notApplicable }
    case .or:
      if trueCount > 0 { return .true }
      if undecided == 0 { return falseCount > 0 ? .false : .notApplicable }
    case .one:
      if trueCount > 1 { return .false }
      if undecided == 0 { return trueCount == 1 ? .true : (falseCount > 0 ? .false : .notApplicable) }
    case .xor:
      if undecided == 0 { return trueCount % 2 == 1 ? .true : .false }
    }
    return undecidedResult
  }

  /// The result of a check enumeration over the tallied results.
  func checked(by check: CheckEnumeration) -> OVALResult {
    if allNotApplicable { return .notApplicable }
    let undecided = errorCount + unknownCount + notEvaluatedCount
    switch check {
    case .all:
      return combined(by: .and)
    case .atLeastOne:
      return combined(by: .or)
    case .onlyOne:
      return combined(by: .one)
    case .noneSatisfy, .noneExist:
      if trueCount > 0 { return .false }
      if undecided == 0 { return falseCount > 0 ? .true : .notApplicable }
    }
    return undecidedResult
  }

  /// When nothing decided the outcome, the most severe undecided result wins: error, then unknown.
  private var undecidedResult: OVALResult {
    if errorCount > 0 { return .error }
    if unknownCount > 0 { return .unknown }
    return .notEvaluated
  }
}

extension OVALResult {
  /// `negate="true"`: true and false swap; every other result stays.
  func negated(_ negate: Bool) -> OVALResult {
    guard negate else { return self }
    switch self {
    case .true: return .false
    case .false: return .true
    default: return self
    }
  }
}
