public import Engine
public import Foundation
public import OVAL
public import XMLSupport

/// Where a system-characteristics document's `system_info` comes from: the scanned host, or a recorded document.
public enum SystemInfoSource: Sendable {
  case target(TargetIdentity)
  case recorded(XMLElement)
}

/// Writes OVAL system characteristics: the system's description, each collected object with its flag, messages
/// and item references, and every item (OVAL 5.11.2 system-characteristics schema).
public struct SystemCharacteristicsWriter {
  public let record: EvaluationRecord
  public let systemInfo: SystemInfoSource
  public let timestamp: Date

  public init(record: EvaluationRecord, systemInfo: SystemInfoSource, timestamp: Date) {
    self.record = record
    self.systemInfo = systemInfo
    self.timestamp = timestamp
  }

  /// Writes a standalone system-characteristics document.
  public func writeDocument<Output: XMLOutput>(to writer: inout XMLWriter<Output>) throws {
    try writer.startDocument()
    try write(to: &writer, standalone: true)
    try writer.endDocument()
  }

  /// Writes the `oval_system_characteristics` element; with `standalone`, also the namespaces a document root needs.
  public func write<Output: XMLOutput>(to writer: inout XMLWriter<Output>, standalone: Bool = false) throws {
    try writer.startElement(
      "oval_system_characteristics",
      namespaceList: [("", OVALNamespace.systemCharacteristics)]
        + (standalone ? [("oval", OVALNamespace.common)] + Self.families.map { ($0.prefix, $0.namespace) } : []),
      attributeList: [])
    try OVALGenerator.write(timestamp: timestamp, to: &writer)
    switch systemInfo {
    case .recorded(let element):
      try writer.copy(element)
    case .target(let target):
      try writer.startElement("system_info")
      try writer.element("os_name", text: target.operatingSystem)
      try writer.element("os_version", text: target.operatingSystemVersion)
      try writer.element("architecture", text: target.architecture)
      try writer.element("primary_host_name", text: target.fullyQualifiedName)
      try writer.startElement("interfaces")
      for interface in target.interfaces {
        try writer.startElement("interface")
        try writer.element("interface_name", text: interface.name)
        try writer.element("ip_address", text: interface.ipAddress)
        try writer.element("mac_address", text: interface.macAddress)
        try writer.endElement()
      }
      try writer.endElement()
      try writer.endElement()
    }

    let collected = record.collectedObjects.values.sorted { $0.objectID < $1.objectID }
    if !collected.isEmpty {
      try writer.startElement("collected_objects")
      for entry in collected {
        try writer.startElement(
          "object", attributes: ["id": entry.objectID, "version": entry.version, "flag": entry.flag.rawValue])
        for message in entry.messages {
          try writer.element("message", attributes: ["level": message.level.rawValue], text: message.text)
        }
        for variable in entry.variableValues {
          try writer.element("variable_value", attributes: ["variable_id": variable.variableID], text: variable.value)
        }
        for itemID in entry.itemIDs {
          try writer.element("reference", attributes: ["item_ref": String(itemID)])
        }
        try writer.endElement()
      }
      try writer.endElement()
    }
    let items = record.items.sorted { $0.key < $1.key }
    if !items.isEmpty {
      try writer.startElement("system_data")
      for (id, item) in items {
        let prefix = Self.prefix(forFamily: item.family)
        try writer.startElement(
          "\(prefix):\(item.type)", attributes: ["id": String(id), "status": item.status.rawValue])
        for entity in item.entities {
          try write(entity, prefix: prefix, to: &writer)
        }
        try writer.endElement()
      }
      try writer.endElement()
    }
    try writer.endElement()
  }

  private func write<Output: XMLOutput>(_ entity: OVAL.ItemEntity, prefix: String, to writer: inout XMLWriter<Output>)
    throws
  {
    let name = prefix.isEmpty ? entity.name : "\(prefix):\(entity.name)"
    try writer.startElement(
      name,
      attributes: [
        "datatype": entity.datatype == .string ? nil : entity.datatype.rawValue,
        "status": entity.status == .exists ? nil : entity.status.rawValue,
      ])
    if entity.datatype == .record {
      for field in entity.fields {
        try writer.startElement(
          "field",
          attributes: [
            "name": field.name, "datatype": field.datatype == .string ? nil : field.datatype.rawValue,
            "status": field.status == .exists ? nil : field.status.rawValue,
          ])
        try writer.text(field.value)
        try writer.endElement()
      }
    } else {
      try writer.text(entity.value)
    }
    try writer.endElement()
  }

  /// The item families Palisade writes, with the prefix and namespace each is declared under: OVAL's own, and
  /// Palisade's Docker extension (content/schemas).
  static let families: [(family: String, prefix: String, namespace: String)] = [
    ("independent", "ind-sc", OVALNamespace.systemCharacteristics("independent")),
    ("unix", "unix-sc", OVALNamespace.systemCharacteristics("unix")),
    ("linux", "lin-sc", OVALNamespace.systemCharacteristics("linux")),
    ("docker", "docker-sc", "http://palisade.dev/XMLSchema/oval-system-characteristics-5#docker"),
  ]

  static func prefix(forFamily family: String) -> String {
    families.first { $0.family == family }?.prefix ?? "ind-sc"
  }

}
