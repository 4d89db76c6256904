public import XMLSupport

/// An OVAL object: what to collect from the system.
public struct OVALObject: Sendable {
  public let id: String
  public let version: String
  /// The element name, such as `{...#independent}yamlfilecontent_object`; collectors are looked up by it.
  public let name: XMLName
  public let comment: String?
  /// The object's entities in document order (behaviors and filters are kept apart).
  public let entities: [Entity]
  /// The attributes of the `behaviors` element, if any.
  public let behaviors: [String: String]
  public let location: SourceLocation

  /// The first entity with the given name.
  public func entity(_ name: String) -> Entity? {
    entities.first { $0.name == name }
  }
}

/// An OVAL state: the values an item's entities are compared with.
public struct OVALState: Sendable {
  public let id: String
  public let version: String
  public let name: XMLName
  public let stateOperator: LogicalOperator
  public let entities: [Entity]
  public let location: SourceLocation
}
