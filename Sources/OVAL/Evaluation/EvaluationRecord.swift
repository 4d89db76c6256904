/// Everything an OVAL evaluation decided and collected, in the shape the OVAL results document reports it.
public struct EvaluationRecord: Sendable {
  /// Definition results in the order they were first evaluated.
  public private(set) var definitions: [DefinitionOutcome] = []
  /// The position in `definitions` of each definition's first outcome, by definition id.
  private var definitionPositions: [String: Int] = [:]
  public internal(set) var tests: [String: TestOutcome] = [:]
  /// Collected objects by object id, with the ids given to their items.
  public internal(set) var collectedObjects: [String: CollectedObjectRecord] = [:]
  /// Items by the id assigned to them.
  public internal(set) var items: [Int: Item] = [:]
  /// Values of the variables that were computed.
  public internal(set) var variableValues: [String: [String]] = [:]

  public init() {}

  /// The outcome of a definition this record evaluated (its first, should it have been recorded twice).
  public func definition(_ id: String) -> DefinitionOutcome? {
    definitionPositions[id].map { definitions[$0] }
  }

  /// Adds a definition's outcome.
  mutating func record(_ outcome: DefinitionOutcome) {
    if definitionPositions[outcome.id] == nil { definitionPositions[outcome.id] = definitions.count }
    definitions.append(outcome)
  }
}

/// A definition's result and the result of each node of its criteria.
public struct DefinitionOutcome: Sendable {
  public let id: String
  public let version: String
  public let definitionClass: String
  public let result: OVALResult
  public let criteria: CriteriaOutcome?
  /// Why the definition could not be evaluated, when it could not (the results' `message` elements).
  public let messages: [String]

  public init(
    id: String, version: String, definitionClass: String, result: OVALResult, criteria: CriteriaOutcome?,
    messages: [String] = []
  ) {
    self.id = id
    self.version = version
    self.definitionClass = definitionClass
    self.result = result
    self.criteria = criteria
    self.messages = messages
  }
}

/// The result of a criteria block and of its children, for the results document.
public struct CriteriaOutcome: Sendable {
  public let logicalOperator: LogicalOperator
  public let negate: Bool
  public let applicabilityCheck: Bool?
  public let result: OVALResult
  public let children: [Child]

  public enum Child: Sendable {
    case criteria(CriteriaOutcome)
    case criterion(testRef: String, version: String, negate: Bool, applicabilityCheck: Bool?, result: OVALResult)
    case extendDefinition(
      definitionRef: String, version: String, negate: Bool, applicabilityCheck: Bool?, result: OVALResult)
  }
}

/// A test's result and the result of each item it compared.
public struct TestOutcome: Sendable {
  public let test: OVALTest
  public let result: OVALResult
  public let testedItems: [(itemID: Int, result: OVALResult)]
  /// Variables the test's states and object used, with their values.
  public let testedVariables: [(variableID: String, value: String)]
  /// Why comparisons failed to decide (bad regex, non-numeric int, missing variable value).
  public let messages: [String]
}

/// A collected object with the ids of its items.
public struct CollectedObjectRecord: Sendable {
  public let objectID: String
  public let version: String
  public let flag: CollectedObjectFlag
  public let itemIDs: [Int]
  public let messages: [CollectionMessage]
  public let variableValues: [(variableID: String, value: String)]
}
