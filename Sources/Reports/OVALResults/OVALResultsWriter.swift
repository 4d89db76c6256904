import Engine
import Foundation
import OVAL
import XMLSupport

/// Writes an OVAL 5.11 results document with full directives: the definitions, every definition, test and
/// collected object with its items, so an auditor can see what was read and how it compared.
struct OVALResultsWriter {
  let run: OVALRun
  let target: TargetIdentity
  let timestamp: Date

  static let schemaVersion = "5.11.2"

  func write<Output: XMLOutput>(to writer: inout XMLWriter<Output>) throws {
    let results = OVALNamespace.results
    try writer.startElement(
      "oval_results",
      namespaces: [
        "": results, "oval": OVALNamespace.common, "oval-sc": OVALNamespace.systemCharacteristics,
        "ind-sc": OVALNamespace.systemCharacteristics("independent"),
        "unix-sc": OVALNamespace.systemCharacteristics("unix"), "lin-sc": OVALNamespace.systemCharacteristics("linux"),
      ])
    try writeGenerator(to: &writer)
    try writer.startElement("directives")
    for kind in [
      "definition_true", "definition_false", "definition_unknown", "definition_error",
      "definition_not_evaluated", "definition_not_applicable",
    ] {
      try writer.element(kind, attributes: ["reported": "true", "content": "full"])
    }
    try writer.endElement()
    try writer.copy(run.definitions.source)
    try writer.startElement("results")
    try writer.startElement("system")
    try writeDefinitions(to: &writer)
    try writeTests(to: &writer)
    try writeSystemCharacteristics(to: &writer)
    try writer.endElement()
    try writer.endElement()
    try writer.endElement()
  }

  private func writeGenerator<Output: XMLOutput>(to writer: inout XMLWriter<Output>, prefix: String = "") throws {
    try writer.startElement(prefix + "generator")
    try writer.element("oval:product_name", text: ProductInfo.name)
    try writer.element("oval:product_version", text: ProductInfo.version)
    try writer.element("oval:schema_version", text: Self.schemaVersion)
    try writer.element("oval:timestamp", text: OVALTimestamp.format(timestamp))
    try writer.endElement()
  }

  private func writeDefinitions<Output: XMLOutput>(to writer: inout XMLWriter<Output>) throws {
    try writer.startElement("definitions")
    for outcome in run.record.definitions {
      try writer.startElement(
        "definition",
        attributes: ["definition_id": outcome.id, "version": outcome.version, "result": outcome.result.rawValue])
      if let criteria = outcome.criteria { try write(criteria, to: &writer) }
      try writer.endElement()
    }
    try writer.endElement()
  }

  private func write<Output: XMLOutput>(_ criteria: CriteriaOutcome, to writer: inout XMLWriter<Output>) throws {
    try writer.startElement(
      "criteria",
      attributes: [
        "applicability_check": criteria.applicabilityCheck.map(String.init),
        "operator": criteria.logicalOperator.rawValue, "negate": criteria.negate ? "true" : nil,
        "result": criteria.result.rawValue,
      ])
    for child in criteria.children {
      switch child {
      case .criteria(let nested):
        try write(nested, to: &writer)
      case .criterion(let testRef, let version, let negate, let applicability, let result):
        try writer.element(
          "criterion",
          attributes: [
            "applicability_check": applicability.map(String.init), "test_ref": testRef, "version": version,
            "negate": negate ? "true" : nil, "result": result.rawValue,
          ])
      case .extendDefinition(let definitionRef, let version, let negate, let applicability, let result):
        try writer.element(
          "extend_definition",
          attributes: [
            "applicability_check": applicability.map(String.init), "definition_ref": definitionRef,
            "version": version, "negate": negate ? "true" : nil, "result": result.rawValue,
          ])
      }
    }
    try writer.endElement()
  }

  private func writeTests<Output: XMLOutput>(to writer: inout XMLWriter<Output>) throws {
    guard !run.record.tests.isEmpty else { return }
    try writer.startElement("tests")
    for outcome in run.record.tests.values.sorted(by: { $0.test.id < $1.test.id }) {
      let test = outcome.test
      try writer.startElement(
        "test",
        attributes: [
          "test_id": test.id, "version": test.version, "check_existence": test.checkExistence.rawValue,
          "check": test.check.rawValue, "state_operator": test.stateOperator.rawValue,
          "result": outcome.result.rawValue,
        ])
      for message in outcome.messages {
        try writer.element("message", attributes: ["level": "error"], text: message)
      }
      for item in outcome.testedItems {
        try writer.element("tested_item", attributes: ["item_id": String(item.itemID), "result": item.result.rawValue])
      }
      for variable in outcome.testedVariables {
        try writer.element("tested_variable", attributes: ["variable_id": variable.variableID], text: variable.value)
      }
      try writer.endElement()
    }
    try writer.endElement()
  }

  private func writeSystemCharacteristics<Output: XMLOutput>(to writer: inout XMLWriter<Output>) throws {
    try writer.startElement("oval_system_characteristics", namespaces: ["": OVALNamespace.systemCharacteristics])
    try writeGenerator(to: &writer)
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

    let collected = run.record.collectedObjects.values.sorted { $0.object.id < $1.object.id }
    if !collected.isEmpty {
      try writer.startElement("collected_objects")
      for entry in collected {
        try writer.startElement(
          "object", attributes: ["id": entry.object.id, "version": entry.object.version, "flag": entry.flag.rawValue])
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
    let items = run.record.items.sorted { $0.key < $1.key }
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

  private func write<Output: XMLOutput>(_ entity: ItemEntity, prefix: String, to writer: inout XMLWriter<Output>) throws
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

  static func prefix(forFamily family: String) -> String {
    switch family {
    case "independent": "ind-sc"
    case "unix": "unix-sc"
    case "linux": "lin-sc"
    default: "ind-sc"
    }
  }
}

/// OVAL timestamps: xsd:dateTime without a zone, in UTC.
enum OVALTimestamp {
  static func format(_ date: Date) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
    let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
    return String(
      format: "%04d-%02d-%02dT%02d:%02d:%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0,
      parts.minute ?? 0, parts.second ?? 0)
  }

  /// xsd:dateTime with an explicit UTC offset, as XCCDF and ARF use.
  static func formatWithZone(_ date: Date) -> String { format(date) + "+00:00" }
}
