import OVAL

/// The words reports use for OVAL's terms, so the text, checklist and HTML reports describe evidence alike.
enum EvidenceWording {
  /// `check_existence` (OVAL 5.11.2 specification, section 5.3.4.1.1) as a requirement.
  static func existence(_ value: ExistenceEnumeration) -> String {
    switch value {
    case .allExist: "every item looked for must exist"
    case .anyExist: "any number of items may exist"
    case .atLeastOneExists: "at least one item must exist"
    case .noneExist: "no item may exist"
    case .onlyOneExists: "exactly one item must exist"
    }
  }

  /// `check` (section 5.3.4.1.2) as a requirement on the items found.
  static func check(_ value: CheckEnumeration) -> String {
    switch value {
    case .all: "every item found must match"
    case .atLeastOne: "at least one item found must match"
    case .noneSatisfy, .noneExist: "no item found may match"
    case .onlyOne: "exactly one item found must match"
    }
  }

  /// What the test required of the items: existence, then how they must match the states. Filters on the object
  /// apply first, which matters most for "no item may exist" checks that find what the filters let through.
  static func requirement(of evidence: TestEvidence) -> String {
    var requirement = existence(evidence.checkExistence)
    if let object = evidence.object, !object.filters.isEmpty { requirement += " after the filters" }
    if !evidence.states.isEmpty { requirement += "; " + check(evidence.check) }
    return requirement
  }

  /// An entity's operation, with its values and how several values combine.
  static func comparison(_ entity: ExpectedEntity) -> String {
    let operation = entity.operation.rawValue
    let quoted = entity.values.map { "\"\($0)\"" }
    guard quoted.count != 1 else { return "\(operation) \(quoted[0])" }
    if quoted.isEmpty {
      return entity.variableID == nil ? "\(operation) \"\"" : "\(operation) the values of \(entity.variableID ?? "")"
    }
    let combination: String
    switch entity.variableCheck ?? .all {
    case .atLeastOne: combination = "at least one of"
    case .onlyOne: combination = "exactly one of"
    case .noneSatisfy, .noneExist: combination = "none of"
    case .all: combination = "each of"
    }
    return "\(operation) \(combination) \(quoted.joined(separator: ", "))"
  }

  /// `name equals "x"`; a record's fields as `name field "f" equals "x"`; with where variable values came from.
  static func expectations(of entity: ExpectedEntity) -> [String] {
    if !entity.fields.isEmpty {
      return entity.fields.flatMap { field in
        expectations(of: field).map { "\(entity.name) field \($0)" }
      }
    }
    var line = "\(entity.name) \(comparison(entity))"
    if let source = valueSource(of: entity) { line += " (\(source))" }
    return [line]
  }

  /// `from variable V, set by XCCDF Value X = "..."`, when the values came from a variable.
  static func valueSource(of entity: ExpectedEntity) -> String? {
    guard let variableID = entity.variableID else { return nil }
    let bound = entity.boundValues.map { value in
      let shown = value.value.map { " = \"\($0)\"" } ?? ""
      return "XCCDF Value \(value.valueID)\(shown)"
    }
    return bound.isEmpty
      ? "from variable \(variableID)" : "from variable \(variableID), set by \(bound.joined(separator: ", "))"
  }

  /// An item's values: `filepath = /etc/docker/daemon.json`, a record as `value: # = json-file`.
  static func itemValues(_ entity: ItemEntity) -> String {
    let status = entity.status.map { $0 == .exists ? "" : " (\($0.rawValue))" } ?? ""
    if !entity.fields.isEmpty {
      return "\(entity.name): " + entity.fields.map { "\($0.name) = \($0.value)" }.joined(separator: ", ") + status
    }
    return "\(entity.name) = \(entity.value)\(status)"
  }

  /// What the object's collection found, in words: "1 item", "nothing (does not exist)".
  static func found(_ evidence: TestEvidence) -> String {
    let count = evidence.items.count + evidence.omittedItemCount
    let flag = evidence.object?.flag.map { " (collection: \($0.rawValue))" } ?? ""
    switch count {
    case 0: return "nothing\(flag)"
    case 1: return "1 item\(flag)"
    default: return "\(count) items\(flag)"
    }
  }
}
