public import XMLSupport

/// An OVAL system-characteristics document: what was collected on some system, to evaluate definitions against
/// without probing (`oval analyse`).
public struct SystemCharacteristics: Sendable {
  /// A collected object as recorded: its flag, messages and the ids of its items.
  public struct RecordedObject: Sendable {
    public let flag: CollectedObjectFlag
    public let itemIDs: [String]
    public let messages: [CollectionMessage]
  }

  public let objects: [String: RecordedObject]
  public let items: [String: Item]
  /// The `system_info` element, copied into results as it was recorded.
  public let systemInfo: XMLElement?

  /// Loads an `oval_system_characteristics` element.
  /// - Throws: `LocatedError` for an unknown flag or status, or an object referring to a missing item.
  public init(parsing element: XMLElement) throws {
    guard element.name == XMLName(OVALNamespace.systemCharacteristics, "oval_system_characteristics") else {
      throw LocatedError(
        "expected an 'oval_system_characteristics' element, found '\(element.localName)'", at: element.location)
    }
    systemInfo = element.firstElement(named: "system_info", in: OVALNamespace.systemCharacteristics)
    var items: [String: Item] = [:]
    for itemElement in element.firstElement(named: "system_data")?.elements ?? [] {
      let id = try itemElement.requiredAttribute("id")
      let namespace = itemElement.name.namespace ?? ""
      let family = namespace.split(separator: "#").last.map(String.init) ?? "independent"
      items[id] = Item(
        type: itemElement.localName, family: family,
        status: try itemElement.enumAttribute("status", default: .exists),
        entities: try itemElement.elements.map(Self.entity(from:)))
    }
    var objects: [String: RecordedObject] = [:]
    for objectElement in element.firstElement(named: "collected_objects")?.elements(named: "object") ?? [] {
      let id = try objectElement.requiredAttribute("id")
      let references = try objectElement.elements(named: "reference").map { try $0.requiredAttribute("item_ref") }
      for reference in references where items[reference] == nil {
        throw LocatedError("object '\(id)' refers to missing item '\(reference)'", at: objectElement.location)
      }
      objects[id] = RecordedObject(
        flag: try objectElement.enumAttribute("flag", default: .complete), itemIDs: references,
        messages: objectElement.elements(named: "message").map {
          CollectionMessage(CollectionMessage.Level(rawValue: $0[attribute: "level"] ?? "info") ?? .info, $0.text)
        })
    }
    self.items = items
    self.objects = objects
  }

  private static func entity(from element: XMLElement) throws -> ItemEntity {
    ItemEntity(
      element.localName == "field" ? (element[attribute: "name"] ?? "") : element.localName,
      element.elements.isEmpty ? element.text : "",
      datatype: try element.enumAttribute("datatype", default: .string),
      status: try element.enumAttribute("status", default: .exists),
      fields: try element.elements(named: "field").map(entity(from:)))
  }
}
