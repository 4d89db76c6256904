/// A collected item: what a probe found on the system for an object (one file, one YAML value, ...).
public struct Item: Sendable {
  /// The item element name without namespace, such as `yamlfilecontent_item`.
  public let type: String
  /// The platform family whose system-characteristics namespace holds the item (`independent`, `unix`, ...).
  public let family: String
  public let status: ItemStatus
  public let entities: [ItemEntity]

  public init(type: String, family: String, status: ItemStatus = .exists, entities: [ItemEntity]) {
    self.type = type
    self.family = family
    self.status = status
    self.entities = entities
  }

  /// The item's entities with the given name (an item may have several, such as several `value`s).
  public func entities(named name: String) -> [ItemEntity] {
    entities.filter { $0.name == name }
  }
}

/// One entity of an item; a `record` entity has fields instead of a value.
public struct ItemEntity: Sendable {
  public let name: String
  public let value: String
  public let datatype: Datatype
  public let status: ItemStatus
  public let fields: [ItemEntity]

  public init(
    _ name: String, _ value: String, datatype: Datatype = .string, status: ItemStatus = .exists,
    fields: [ItemEntity] = []
  ) {
    self.name = name
    self.value = value
    self.datatype = datatype
    self.status = status
    self.fields = fields
  }
}

/// A message attached to a collected object (OVAL MessageType), such as why it could not be collected.
public struct CollectionMessage: Sendable {
  public enum Level: String, Sendable { case debug, info, warning, error, fatal }
  public let level: Level
  public let text: String

  public init(_ level: Level, _ text: String) {
    self.level = level
    self.text = text
  }
}

/// What collecting one object produced.
public struct CollectedObject: Sendable {
  public let flag: CollectedObjectFlag
  public let items: [Item]
  public let messages: [CollectionMessage]

  public init(flag: CollectedObjectFlag, items: [Item] = [], messages: [CollectionMessage] = []) {
    self.flag = flag
    self.items = items
    self.messages = messages
  }

  /// Items were found: `complete`; none: `does not exist`.
  public static func found(_ items: [Item], messages: [CollectionMessage] = []) -> CollectedObject {
    CollectedObject(flag: items.isEmpty ? .doesNotExist : .complete, items: items, messages: messages)
  }

  /// The object could not be collected because of a problem on the system or in the object.
  public static func error(_ message: String, items: [Item] = []) -> CollectedObject {
    CollectedObject(flag: .error, items: items, messages: [CollectionMessage(.error, message)])
  }

  /// The scanner does not collect this kind of object.
  public static func notCollected(_ message: String) -> CollectedObject {
    CollectedObject(flag: .notCollected, messages: [CollectionMessage(.warning, message)])
  }
}
