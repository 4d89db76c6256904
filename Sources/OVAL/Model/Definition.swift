public import XMLSupport

/// An OVAL definition: metadata and the criteria that decide it.
public struct Definition: Sendable {
  public let id: String
  public let version: String
  public let definitionClass: String
  public let title: String
  public let isDeprecated: Bool
  public let criteria: Criteria?
  public let location: SourceLocation
}

/// A criteria block: an operator over criteria, criterion and extend_definition children.
public struct Criteria: Sendable {
  public let logicalOperator: LogicalOperator
  public let negate: Bool
  public let applicabilityCheck: Bool?
  public let children: [CriteriaNode]
}

/// One child of a criteria block.
public enum CriteriaNode: Sendable {
  case criteria(Criteria)
  /// A reference to a test.
  case criterion(testRef: String, negate: Bool, applicabilityCheck: Bool?)
  /// A reference to another definition whose result is used here.
  case extendDefinition(definitionRef: String, negate: Bool, applicabilityCheck: Bool?)
}
