/// The namespaces of the OVAL 5.11 documents Palisade reads and writes.
public enum OVALNamespace {
  public static let common = "http://oval.mitre.org/XMLSchema/oval-common-5"
  public static let definitions = "http://oval.mitre.org/XMLSchema/oval-definitions-5"
  public static let systemCharacteristics = "http://oval.mitre.org/XMLSchema/oval-system-characteristics-5"
  public static let results = "http://oval.mitre.org/XMLSchema/oval-results-5"
  public static let variables = "http://oval.mitre.org/XMLSchema/oval-variables-5"

  /// The definitions namespace of a platform family (`independent`, `unix`, `linux`).
  public static func definitions(_ family: String) -> String { definitions + "#" + family }
  /// The system-characteristics namespace of a platform family.
  public static func systemCharacteristics(_ family: String) -> String { systemCharacteristics + "#" + family }
}

/// OVAL's logical operators for criteria and states (OVAL 5.11.2 spec, OperatorEnumeration).
public enum LogicalOperator: String, Sendable {
  case and = "AND"
  case one = "ONE"
  case or = "OR"
  case xor = "XOR"
}

/// How many collected items must satisfy the states, or how many values a variable check needs
/// (OVAL 5.11.2 spec, CheckEnumeration).
public enum CheckEnumeration: String, Sendable {
  case all
  case atLeastOne = "at least one"
  case noneExist = "none exist"
  case noneSatisfy = "none satisfy"
  case onlyOne = "only one"
}

/// How many items must exist for a test (OVAL 5.11.2 spec, ExistenceEnumeration).
public enum ExistenceEnumeration: String, Sendable {
  case allExist = "all_exist"
  case anyExist = "any_exist"
  case atLeastOneExists = "at_least_one_exists"
  case noneExist = "none_exist"
  case onlyOneExists = "only_one_exists"
}

/// The datatypes an OVAL entity may carry (OVAL 5.11.2 spec, DatatypeEnumeration).
public enum Datatype: String, Sendable {
  case binary, boolean, float, int, string, version, record
  case evrString = "evr_string"
  case debianEVRString = "debian_evr_string"
  case filesetRevision = "fileset_revision"
  case iosVersion = "ios_version"
  case ipv4Address = "ipv4_address"
  case ipv6Address = "ipv6_address"
}

/// The comparisons an entity can ask for (OVAL 5.11.2 spec, OperationEnumeration).
public enum Operation: String, Sendable {
  case equals
  case notEqual = "not equal"
  case caseInsensitiveEquals = "case insensitive equals"
  case caseInsensitiveNotEqual = "case insensitive not equal"
  case greaterThan = "greater than"
  case lessThan = "less than"
  case greaterThanOrEqual = "greater than or equal"
  case lessThanOrEqual = "less than or equal"
  case bitwiseAnd = "bitwise and"
  case bitwiseOr = "bitwise or"
  case patternMatch = "pattern match"
  case subsetOf = "subset of"
  case supersetOf = "superset of"
}

/// The result of a definition, criterion, test or item comparison (OVAL 5.11.2 spec, ResultEnumeration).
public enum OVALResult: String, Sendable {
  case `true`
  case `false`
  case unknown
  case error
  case notEvaluated = "not evaluated"
  case notApplicable = "not applicable"
}

/// What collecting an object produced (OVAL 5.11.2 spec, FlagEnumeration).
public enum CollectedObjectFlag: String, Sendable {
  case error
  case complete
  case incomplete
  case doesNotExist = "does not exist"
  case notCollected = "not collected"
  case notApplicable = "not applicable"
}

/// The status of an item or of one of its entities (OVAL 5.11.2 spec, StatusEnumeration).
public enum ItemStatus: String, Sendable {
  case error
  case exists
  case doesNotExist = "does not exist"
  case notCollected = "not collected"
}
