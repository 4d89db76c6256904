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
  /// An OVAL feature the object uses that Palisade does not evaluate yet; such objects are `not collected`.
  public let unsupportedFeature: String?
  public let location: SourceLocation

  public init(
    id: String, version: String, name: XMLName, comment: String?, entities: [Entity], behaviors: [String: String],
    unsupportedFeature: String? = nil, location: SourceLocation
  ) {
    self.id = id
    self.version = version
    self.name = name
    self.comment = comment
    self.entities = entities
    self.behaviors = behaviors
    self.unsupportedFeature = unsupportedFeature
    self.location = location
  }

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
