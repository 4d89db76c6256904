public import OVAL

/// What one OVAL test of a rule's check examined: the object it collected (which file, which key), the items it
/// found with their values, and the states those were expected to match (OVAL 5.11.2 specification, section 5).
public struct TestEvidence: Sendable {
  public let testID: String
  /// The test's element name, such as `yamlfilecontent_test`.
  public let testType: String
  public let comment: String?
  /// The OVAL result of the test; `not evaluated` when the results do not give one.
  public let result: OVALResult
  public let checkExistence: ExistenceEnumeration
  public let check: CheckEnumeration
  public let stateOperator: LogicalOperator
  /// True for tests reached through an `applicability_check` criterion: they decide whether the rule applies.
  public let isApplicabilityCheck: Bool
  public let object: ObjectEvidence?
  public let items: [ItemEvidence]
  /// Items the test evaluated beyond those kept in `items`.
  public let omittedItemCount: Int
  public let states: [StateExpectation]
  public let messages: [String]

  public init(
    testID: String, testType: String, comment: String?, result: OVALResult, checkExistence: ExistenceEnumeration,
    check: CheckEnumeration, stateOperator: LogicalOperator, isApplicabilityCheck: Bool, object: ObjectEvidence?,
    items: [ItemEvidence],
    omittedItemCount: Int, states: [StateExpectation], messages: [String]
  ) {
    self.testID = testID
    self.testType = testType
    self.comment = comment
    self.result = result
    self.checkExistence = checkExistence
    self.check = check
    self.stateOperator = stateOperator
    self.isApplicabilityCheck = isApplicabilityCheck
    self.object = object
    self.items = items
    self.omittedItemCount = omittedItemCount
    self.states = states
    self.messages = messages
  }

  /// The files the test read: the `filepath` (or `path` and `filename`) of its items, else of its object.
  public var filesRead: [String] {
    var files: [String] = []
    for item in items {
      if let file = item.filePath, !files.contains(file) { files.append(file) }
    }
    // Without items, the object names the file it looked for, when it names one exactly (not by a pattern).
    guard files.isEmpty, let object else { return files }
    func exact(_ name: String) -> [String]? {
      guard let entity = object.entities.first(where: { $0.name == name }), entity.operation == .equals,
        !entity.values.isEmpty
      else { return nil }
      return entity.values
    }
    if let paths = exact("filepath") { return paths }
    // `path` names a folder only beside `filename`; alone it may be anything (a JSON path of an API object).
    guard object.entities.contains(where: { $0.name == "filename" }), let folders = exact("path") else {
      return files
    }
    guard let names = exact("filename") else { return folders }
    return folders.flatMap { folder in names.map { folder.hasSuffix("/") ? folder + $0 : folder + "/" + $0 } }
  }
}

/// The object a test collected: its entities (what to look for) and what collecting it gave.
public struct ObjectEvidence: Sendable {
  public let id: String
  /// The object's element name, such as `yamlfilecontent_object`.
  public let type: String
  public let comment: String?
  /// The collected object's flag (`complete`, `does not exist`, `error`, ...), when the results have one.
  public let flag: CollectedObjectFlag?
  public let entities: [ExpectedEntity]
  /// `filter` elements: items matching the state are excluded (or kept, with `include`).
  public let filters: [(action: ObjectFilter.Action, state: StateExpectation)]
  /// Set operations and behaviors, described in words.
  public let remarks: [String]
  public let messages: [String]

  public init(
    id: String, type: String, comment: String?, flag: CollectedObjectFlag?, entities: [ExpectedEntity],
    filters: [(action: ObjectFilter.Action, state: StateExpectation)], remarks: [String], messages: [String]
  ) {
    self.id = id
    self.type = type
    self.comment = comment
    self.flag = flag
    self.entities = entities
    self.filters = filters
    self.remarks = remarks
    self.messages = messages
  }
}

/// An item the scanner collected, and how it compared with the test's states.
public struct ItemEvidence: Sendable {
  public let id: String
  /// The item's element name, such as `yamlfilecontent_item`.
  public let type: String
  public let status: ItemStatus
  /// The `tested_item` result: whether the item matched the states.
  public let result: OVALResult?
  public let entities: [ItemEntity]

  public init(id: String, type: String, status: ItemStatus, result: OVALResult?, entities: [ItemEntity]) {
    self.id = id
    self.type = type
    self.status = status
    self.result = result
    self.entities = entities
  }

  /// The file the item describes, when it is about a file.
  public var filePath: String? {
    if let path = entities.first(where: { $0.name == "filepath" })?.value, !path.isEmpty { return path }
    guard let folder = entities.first(where: { $0.name == "path" })?.value else { return nil }
    guard let name = entities.first(where: { $0.name == "filename" })?.value, !name.isEmpty else { return nil }
    return folder.hasSuffix("/") ? folder + name : folder + "/" + name
  }
}

/// A value in a collected item; a record's fields are listed in `fields`.
public struct ItemEntity: Sendable {
  public let name: String
  public let value: String
  public let status: ItemStatus?
  public let fields: [ItemEntity]

  public init(name: String, value: String, status: ItemStatus? = nil, fields: [ItemEntity] = []) {
    self.name = name
    self.value = value
    self.status = status
    self.fields = fields
  }
}

/// An OVAL state: what items must look like.
public struct StateExpectation: Sendable {
  public let id: String
  public let comment: String?
  /// How the state's entities combine (`AND` unless written otherwise).
  public let stateOperator: LogicalOperator
  public let entities: [ExpectedEntity]

  public init(id: String, comment: String?, stateOperator: LogicalOperator, entities: [ExpectedEntity]) {
    self.id = id
    self.comment = comment
    self.stateOperator = stateOperator
    self.entities = entities
  }
}

/// An entity of an object or state: a name compared by an operation with one or more values. Values from a
/// variable are resolved from the results (`tested_variable`, `variable_value`) or the content.
public struct ExpectedEntity: Sendable {
  public let name: String
  public let operation: Operation
  public let datatype: Datatype?
  /// The values compared with: the literal value, or the variable's values.
  public let values: [String]
  /// The variable the values came from, when they came from one.
  public let variableID: String?
  /// How several variable values combine (`all`, `at least one`, ...).
  public let variableCheck: CheckEnumeration?
  /// The XCCDF Values the variable is bound to through `check-export`, directly or through local variables.
  public let boundValues: [BoundValue]
  /// A record's fields.
  public let fields: [ExpectedEntity]

  public init(
    name: String, operation: Operation, datatype: Datatype?, values: [String], variableID: String?,
    variableCheck: CheckEnumeration?, boundValues: [BoundValue], fields: [ExpectedEntity]
  ) {
    self.name = name
    self.operation = operation
    self.datatype = datatype
    self.values = values
    self.variableID = variableID
    self.variableCheck = variableCheck
    self.boundValues = boundValues
    self.fields = fields
  }
}
