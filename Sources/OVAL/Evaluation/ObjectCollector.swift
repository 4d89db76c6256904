/// An object whose variable references have been resolved, as handed to a collector.
public struct ObjectRequest: Sendable {
  public let object: OVALObject
  /// For each entity name, the values to look for: the literal value, or every value of the variable it refers to.
  public let values: [String: [String]]

  public init(object: OVALObject, values: [String: [String]]) {
    self.object = object
    self.values = values
  }

  /// The entity's values; empty when the entity is absent or nil.
  public func values(of entityName: String) -> [String] {
    values[entityName] ?? []
  }
}

/// Collects the items for an object from the system being scanned.
public protocol ObjectCollector: Sendable {
  /// Collects the object; problems become an `error` or `not collected` flag with a message, never a throw.
  func collect(_ request: ObjectRequest) async -> CollectedObject
}
