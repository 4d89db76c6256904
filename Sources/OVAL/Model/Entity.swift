/// An entity of an object or a state: a value (or a variable reference) and how to compare with it.
public struct Entity: Sendable {
  public let name: String
  /// The literal value; nil when the entity refers to a variable or is nil.
  public let value: String?
  public let datatype: Datatype
  public let operation: Operation
  public let mask: Bool
  public let varRef: String?
  /// How many of a variable's values must match (default: all).
  public let varCheck: CheckEnumeration
  /// How many of an item's entities of this name must match (default: all).
  public let entityCheck: CheckEnumeration
  /// How many item entities of this name must exist (state entities; default at_least_one_exists).
  public let checkExistence: ExistenceEnumeration
  /// `xsi:nil="true"`: the entity explicitly has no value.
  public let isNil: Bool
  /// The fields of a `record` entity.
  public let fields: [Entity]

  public init(
    name: String, value: String?, datatype: Datatype = .string, operation: Operation = .equals, mask: Bool = false,
    varRef: String? = nil, varCheck: CheckEnumeration = .all, entityCheck: CheckEnumeration = .all,
    checkExistence: ExistenceEnumeration = .atLeastOneExists, isNil: Bool = false, fields: [Entity] = []
  ) {
    self.name = name
    self.value = value
    self.datatype = datatype
    self.operation = operation
    self.mask = mask
    self.varRef = varRef
    self.varCheck = varCheck
    self.entityCheck = entityCheck
    self.checkExistence = checkExistence
    self.isNil = isNil
    self.fields = fields
  }
}
