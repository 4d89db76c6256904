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
  /// A set of other objects' items that this object stands for, instead of entities.
  public let set: ObjectSet?
  /// Filters applied to the collected items, in order.
  public let filters: [ObjectFilter]
  public let location: SourceLocation

  public init(
    id: String, version: String, name: XMLName, comment: String?, entities: [Entity], behaviors: [String: String],
    set: ObjectSet? = nil, filters: [ObjectFilter] = [], location: SourceLocation
  ) {
    self.id = id
    self.version = version
    self.name = name
    self.comment = comment
    self.entities = entities
    self.behaviors = behaviors
    self.set = set
    self.filters = filters
    self.location = location
  }

  /// The first entity with the given name.
  public func entity(_ name: String) -> Entity? {
    entities.first { $0.name == name }
  }
}

/// An object set: the union, intersection or complement of other objects' items, or of nested sets, each
/// filtered (OVAL 5.11.2 specification, SetElement).
public struct ObjectSet: Sendable {
  public enum Operator: String, Sendable {
    case union = "UNION"
    case intersection = "INTERSECTION"
    case complement = "COMPLEMENT"
  }

  public let setOperator: Operator
  /// The objects whose items are combined, or (when empty) the nested sets.
  public let objectRefs: [String]
  public let sets: [ObjectSet]
  public let filters: [ObjectFilter]

  public init(setOperator: Operator, objectRefs: [String], sets: [ObjectSet], filters: [ObjectFilter]) {
    self.setOperator = setOperator
    self.objectRefs = objectRefs
    self.sets = sets
    self.filters = filters
  }
}

/// Keeps (`include`) or drops (`exclude`) the items that match a state.
public struct ObjectFilter: Sendable {
  public enum Action: String, Sendable { case include, exclude }
  public let action: Action
  public let stateRef: String

  public init(action: Action, stateRef: String) {
    self.action = action
    self.stateRef = stateRef
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
