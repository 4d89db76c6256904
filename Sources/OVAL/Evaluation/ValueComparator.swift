/// One comparison of collected values with one expected value, prepared once and run for many values: the expected
/// value parsed, a pattern compiled, so that collectors and filters deciding every file of a host do not parse and
/// look up the same things again for each file.
///
/// The results are `ValueComparison`'s: the common cases (strings compared or searched, booleans and integers as
/// probes write them) are decided directly, and anything else goes to `ValueComparison`.
struct ValueComparator: Sendable {
  private enum Fast: Sendable {
    case stringEquals(String, negated: Bool)
    case pattern(PCREPattern)
    case boolean(Bool, negated: Bool)
    case integer(Int64)
    case always
    case none
  }

  private let comparison: ValueComparison
  private let expected: String
  private let fast: Fast

  init(datatype: Datatype, operation: Operation, expected: String) {
    comparison = ValueComparison(datatype: datatype, operation: operation)
    self.expected = expected
    switch (datatype, operation) {
    case (.string, .equals), (.record, .equals): fast = .stringEquals(expected, negated: false)
    case (.string, .notEqual), (.record, .notEqual): fast = .stringEquals(expected, negated: true)
    case (.string, .patternMatch), (.record, .patternMatch):
      // `.*` and `^.*` match every value (an empty match at least): no need to run them on each file name.
      fast =
        expected == ".*" || expected == "^.*"
        ? .always : (try? PatternCache.shared.pattern(expected)).map(Fast.pattern) ?? .none
    case (.boolean, .equals), (.boolean, .notEqual):
      fast =
        (try? ValueComparison.boolean(expected)).map { .boolean($0, negated: operation == .notEqual) } ?? .none
    case (.int, _):
      fast = (try? ValueComparison.integer(expected)).map(Fast.integer) ?? .none
    default:
      fast = .none
    }
  }

  /// The result for one collected value, with a reason when it could not be decided.
  func compare(_ actual: String) -> (OVALResult, String?) {
    switch fast {
    case .stringEquals(let value, let negated):
      return ((actual == value) != negated ? .true : .false, nil)
    case .pattern(let pattern):
      do {
        return (try pattern.matches(actual) ? .true : .false, nil)
      } catch {
        return (.error, error.description)
      }
    case .always:
      return (.true, nil)
    case .boolean(let value, let negated):
      switch actual {
      case "true", "1": return ((value == true) != negated ? .true : .false, nil)
      case "false", "0": return ((value == false) != negated ? .true : .false, nil)
      default: break
      }
    case .integer(let value):
      if let number = Int64(actual), let decided = decide(number, value) { return (decided ? .true : .false, nil) }
    case .none:
      break
    }
    return comparison.compare(actual: actual, expected: expected)
  }

  private func decide(_ actual: Int64, _ expected: Int64) -> Bool? {
    switch comparison.operation {
    case .equals: actual == expected
    case .notEqual: actual != expected
    case .greaterThan: actual > expected
    case .greaterThanOrEqual: actual >= expected
    case .lessThan: actual < expected
    case .lessThanOrEqual: actual <= expected
    case .bitwiseAnd: actual & expected == expected
    case .bitwiseOr: actual | expected == expected
    default: nil
    }
  }
}
