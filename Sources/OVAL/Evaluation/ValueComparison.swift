/// Compares one collected value with one expected value under a datatype and an operation
/// (OVAL 5.11.2 specification, "Operation Enumeration" and the datatype sections).
struct ValueComparison {
  let datatype: Datatype
  let operation: Operation

  /// The comparison's result; `error` with a reason when the values or the operation do not fit the datatype.
  func compare(actual: String, expected: String) -> (OVALResult, String?) {
    do {
      return (try decide(actual: actual, expected: expected) ? .true : .false, nil)
    } catch {
      return (.error, error.message)
    }
  }

  private func decide(actual: String, expected: String) throws(ComparisonError) -> Bool {
    switch datatype {
    case .string:
      return try compareStrings(actual, expected)
    case .int:
      let lhs = try Self.integer(actual)
      let rhs = try Self.integer(expected)
      switch operation {
      case .bitwiseAnd: return lhs & rhs == rhs
      case .bitwiseOr: return lhs | rhs == rhs
      default: return try ordered(lhs, rhs)
      }
    case .float:
      guard let lhs = Double(actual.trimmed), let rhs = Double(expected.trimmed) else {
        throw ComparisonError("'\(Double(actual.trimmed) == nil ? actual : expected)' is not a float")
      }
      return try ordered(lhs, rhs)
    case .boolean:
      let lhs = try Self.boolean(actual)
      let rhs = try Self.boolean(expected)
      switch operation {
      case .equals: return lhs == rhs
      case .notEqual: return lhs != rhs
      default: throw unsupported
      }
    case .version:
      return try ordered(VersionValue(actual), VersionValue(expected))
    default:
      throw ComparisonError("comparing '\(datatype.rawValue)' values is not supported yet")
    }
  }

  private func compareStrings(_ actual: String, _ expected: String) throws(ComparisonError) -> Bool {
    switch operation {
    case .equals: return actual == expected
    case .notEqual: return actual != expected
    case .caseInsensitiveEquals: return actual.lowercased() == expected.lowercased()
    case .caseInsensitiveNotEqual: return actual.lowercased() != expected.lowercased()
    case .patternMatch:
      do {
        return try PatternCache.shared.pattern(expected).matches(actual)
      } catch {
        throw ComparisonError(error.description)
      }
    default: throw unsupported
    }
  }

  private func ordered<Value: Comparable>(_ lhs: Value, _ rhs: Value) throws(ComparisonError) -> Bool {
    switch operation {
    case .equals: return lhs == rhs
    case .notEqual: return lhs != rhs
    case .greaterThan: return lhs > rhs
    case .greaterThanOrEqual: return lhs >= rhs
    case .lessThan: return lhs < rhs
    case .lessThanOrEqual: return lhs <= rhs
    default: throw unsupported
    }
  }

  private var unsupported: ComparisonError {
    ComparisonError("operation '\(operation.rawValue)' is not defined for datatype '\(datatype.rawValue)'")
  }

  /// OVAL ints are decimal or, with a 0x prefix, hexadecimal.
  static func integer(_ text: String) throws(ComparisonError) -> Int64 {
    let trimmed = text.trimmed
    let value =
      trimmed.lowercased().hasPrefix("0x") ? Int64(trimmed.dropFirst(2), radix: 16) : Int64(trimmed, radix: 10)
    guard let value else { throw ComparisonError("'\(text)' is not an integer") }
    return value
  }

  /// OVAL booleans are true/false or 1/0, case-insensitively.
  static func boolean(_ text: String) throws(ComparisonError) -> Bool {
    switch text.trimmed.lowercased() {
    case "true", "1": return true
    case "false", "0": return false
    default: throw ComparisonError("'\(text)' is not a boolean")
    }
  }
}

/// Why two values could not be compared.
struct ComparisonError: Error {
  let message: String
  init(_ message: String) { self.message = message }
}

/// A dotted version such as 1.2.10, compared component by component as integers.
struct VersionValue: Comparable {
  let components: [Int64]

  init(_ text: String) throws(ComparisonError) {
    var parsed: [Int64] = []
    for part in text.trimmed.split(whereSeparator: { !$0.isNumber }) {
      guard let number = Int64(part) else { throw ComparisonError("'\(text)' is not a version") }
      parsed.append(number)
    }
    guard !parsed.isEmpty else { throw ComparisonError("'\(text)' is not a version") }
    components = parsed
  }

  static func < (lhs: VersionValue, rhs: VersionValue) -> Bool {
    let length = max(lhs.components.count, rhs.components.count)
    for index in 0..<length {
      let left = index < lhs.components.count ? lhs.components[index] : 0
      let right = index < rhs.components.count ? rhs.components[index] : 0
      if left != right { return left < right }
    }
    return false
  }

  static func == (lhs: VersionValue, rhs: VersionValue) -> Bool { !(lhs < rhs) && !(rhs < lhs) }
}

extension String {
  var trimmed: String {
    var scalars = Substring(self).unicodeScalars
    while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
    while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
    return String(scalars)
  }
}
