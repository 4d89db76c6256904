/// Compares one collected value with one expected value under a datatype and an operation
/// (OVAL 5.11.2 specification, "Operation Enumeration" and the datatype sections of DatatypeEnumeration).
struct ValueComparison {
  let datatype: Datatype
  let operation: Operation

  /// The comparison's result; `error` with a reason when the values or the operation do not fit the datatype.
  func compare(actual: String, expected: String) -> (OVALResult, String?) {
    let (result, message, _) = compareNotingStoppedMatch(actual: actual, expected: expected)
    return (result, message)
  }

  /// The comparison's result, and whether an `error` comes from a pattern match PCRE2 stopped at its limits (the
  /// one undecided comparison a filter must not take as "no match").
  func compareNotingStoppedMatch(actual: String, expected: String) -> (OVALResult, String?, stoppedMatch: Bool) {
    do {
      return (try decide(actual: actual, expected: expected) ? .true : .false, nil, false)
    } catch {
      return (.error, error.message, error.isStoppedMatch)
    }
  }

  private func decide(actual: String, expected: String) throws(ComparisonError) -> Bool {
    switch datatype {
    case .string, .record:
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
      return try ordered(try Self.float(actual), try Self.float(expected))
    case .boolean:
      return try equality(try Self.boolean(actual), try Self.boolean(expected))
    case .binary:
      return try equality(try Self.binary(actual), try Self.binary(expected))
    case .version:
      return try ordered(try VersionValue(actual), try VersionValue(expected))
    case .filesetRevision:
      return try ordered(try VersionValue(actual), try VersionValue(expected))
    case .iosVersion:
      return try ordered(try IOSVersion(actual), try IOSVersion(expected))
    case .evrString:
      return try ordered(try EVRString(actual), try EVRString(expected))
    case .debianEVRString:
      return try ordered(try DebianVersion(actual), try DebianVersion(expected))
    case .ipv4Address:
      return try compareAddresses(try IPAddressValue(actual, version: 4), try IPAddressValue(expected, version: 4))
    case .ipv6Address:
      return try compareAddresses(try IPAddressValue(actual, version: 6), try IPAddressValue(expected, version: 6))
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
        throw ComparisonError(error.description, isStoppedMatch: error.stage == .matching)
      }
    default: throw unsupported
    }
  }

  private func equality<Value: Equatable>(_ lhs: Value, _ rhs: Value) throws(ComparisonError) -> Bool {
    switch operation {
    case .equals: return lhs == rhs
    case .notEqual: return lhs != rhs
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

  /// Addresses with prefixes: equality takes the prefix into account, ordering needs equal prefixes, and
  /// `subset of` / `superset of` compare the networks.
  private func compareAddresses(_ actual: IPAddressValue, _ expected: IPAddressValue) throws(ComparisonError) -> Bool {
    switch operation {
    case .equals:
      return actual.prefixLength == expected.prefixLength && actual.compareAddress(expected) == 0
    case .notEqual:
      return actual.prefixLength != expected.prefixLength || actual.compareAddress(expected) != 0
    case .subsetOf:
      return actual.isSubset(of: expected)
    case .supersetOf:
      return expected.isSubset(of: actual)
    case .greaterThan, .greaterThanOrEqual, .lessThan, .lessThanOrEqual:
      guard actual.prefixLength == expected.prefixLength else {
        throw ComparisonError("addresses with different prefix lengths cannot be ordered")
      }
      let order = actual.compareAddress(expected)
      switch operation {
      case .greaterThan: return order > 0
      case .greaterThanOrEqual: return order >= 0
      case .lessThan: return order < 0
      default: return order <= 0
      }
    default:
      throw unsupported
    }
  }

  private var unsupported: ComparisonError {
    ComparisonError("operation '\(operation.rawValue)' is not defined for datatype '\(datatype.rawValue)'")
  }

  /// OVAL ints are xsd:integer: decimal with an optional sign.
  static func integer(_ text: String) throws(ComparisonError) -> Int64 {
    let trimmed = text.trimmed
    guard let value = Int64(trimmed.hasPrefix("+") ? String(trimmed.dropFirst()) : trimmed) else {
      throw ComparisonError("'\(text)' is not an integer")
    }
    return value
  }

  /// OVAL floats are xsd:float, including INF, -INF and NaN (read without regard to case, as C's strtod does).
  static func float(_ text: String) throws(ComparisonError) -> Double {
    guard let value = Double(text.trimmed) else { throw ComparisonError("'\(text)' is not a float") }
    return value
  }

  /// OVAL booleans are true/false or 1/0.
  static func boolean(_ text: String) throws(ComparisonError) -> Bool {
    switch text.trimmed.lowercased() {
    case "true", "1": return true
    case "false", "0": return false
    default: throw ComparisonError("'\(text)' is not a boolean")
    }
  }

  /// OVAL binary values are hexadecimal digits, compared without regard to case.
  static func binary(_ text: String) throws(ComparisonError) -> String {
    let trimmed = text.trimmed
    guard trimmed.allSatisfy(\.isHexDigit) else { throw ComparisonError("'\(text)' is not a binary (hex) value") }
    return trimmed.uppercased()
  }
}

/// Why two values could not be compared.
struct ComparisonError: Error {
  let message: String
  /// A pattern match PCRE2 stopped at its limits, rather than values or an operation that do not fit.
  let isStoppedMatch: Bool
  init(_ message: String, isStoppedMatch: Bool = false) {
    self.message = message
    self.isStoppedMatch = isStoppedMatch
  }
}

/// A version such as 1.2.10: numeric components split at any non-digit, compared in turn, missing ones as zero
/// (OVAL 5.11.2, version and fileset_revision datatypes).
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

/// A Cisco IOS version such as 12.2(58)SE2: digit runs compare as numbers, letter runs alphabetically, in turn
/// (OVAL 5.11.2, ios_version datatype).
struct IOSVersion: Comparable {
  enum Token: Comparable {
    case number(Int64)
    case word(String)
  }

  let tokens: [Token]

  init(_ text: String) throws(ComparisonError) {
    var tokens: [Token] = []
    var current = ""
    var currentIsDigits = false
    func flush() {
      guard !current.isEmpty else { return }
      tokens.append(currentIsDigits ? .number(Int64(current) ?? 0) : .word(current))
      current = ""
    }
    for character in text.trimmed {
      if character.isNumber {
        if !currentIsDigits { flush() }
        currentIsDigits = true
        current.append(character)
      } else if character.isLetter {
        if currentIsDigits { flush() }
        currentIsDigits = false
        current.append(character)
      } else {
        flush()
      }
    }
    flush()
    guard !tokens.isEmpty else { throw ComparisonError("'\(text)' is not an IOS version") }
    self.tokens = tokens
  }

  static func < (lhs: IOSVersion, rhs: IOSVersion) -> Bool { lhs.tokens.lexicographicallyPrecedes(rhs.tokens) }
}

extension String {
  var trimmed: String {
    var scalars = Substring(self).unicodeScalars
    while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
    while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
    return String(scalars)
  }
}
