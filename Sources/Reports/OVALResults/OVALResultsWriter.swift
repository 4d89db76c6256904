public import Engine
public import Foundation
import OVAL
public import XMLSupport

/// Writes an OVAL 5.11 results document with full directives: the definitions, every definition, test and
/// collected object with its items, so an auditor can see what was read and how it compared.
public struct OVALResultsWriter {
  public let run: OVALRun
  public let systemInfo: SystemInfoSource
  public let timestamp: Date
  public let directives: OVALDirectives

  public init(run: OVALRun, systemInfo: SystemInfoSource, timestamp: Date, directives: OVALDirectives = .full) {
    self.run = run
    self.systemInfo = systemInfo
    self.timestamp = timestamp
    self.directives = directives
  }

  /// Writes a standalone results document: the XML declaration, then `oval_results`.
  public func writeDocument<Output: XMLOutput>(to writer: inout XMLWriter<Output>) throws {
    try writer.startDocument()
    try write(to: &writer)
    try writer.endDocument()
  }

  /// Writes the `oval_results` element.
  public func write<Output: XMLOutput>(to writer: inout XMLWriter<Output>) throws {
    let results = OVALNamespace.results
    try writer.startElement(
      "oval_results",
      namespaceList: [("", results), ("oval", OVALNamespace.common), ("oval-sc", OVALNamespace.systemCharacteristics)]
        + SystemCharacteristicsWriter.families.map { ($0.prefix, $0.namespace) }, attributeList: [])
    try writeGenerator(to: &writer)
    try writer.startElement("directives")
    for result in OVALDirectives.order {
      let directive = directives.directive(for: result)
      try writer.element(
        "definition_" + result.rawValue.replacingOccurrences(of: " ", with: "_"),
        attributes: ["reported": directive.reported ? "true" : "false", "content": directive.content.rawValue])
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

  private func writeGenerator<Output: XMLOutput>(to writer: inout XMLWriter<Output>) throws {
    try OVALGenerator.write(timestamp: timestamp, to: &writer)
  }

  private func writeDefinitions<Output: XMLOutput>(to writer: inout XMLWriter<Output>) throws {
    try writer.startElement("definitions")
    // Definitions nothing asked for are reported as not evaluated, as the results schema expects every one.
    let evaluated = Set(run.record.definitions.map(\.id))
    let unevaluated = run.definitions.definitions.filter { !evaluated.contains($0.id) }.map {
      DefinitionOutcome(
        id: $0.id, version: $0.version, definitionClass: $0.definitionClass, result: .notEvaluated, criteria: nil)
    }
    for outcome in run.record.definitions + unevaluated {
      let directive = directives.directive(for: outcome.result)
      guard directive.reported else { continue }
      try writer.startElement(
        "definition",
        attributes: [
          "definition_id": outcome.id, "version": outcome.version, "class": outcome.definitionClass,
          "result": outcome.result.rawValue,
        ])
      for message in outcome.messages {
        try writer.element("message", attributes: ["level": "error"], text: message)
      }
      if directive.content == .full, let criteria = outcome.criteria { try write(criteria, to: &writer) }
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
    try SystemCharacteristicsWriter(record: run.record, systemInfo: systemInfo, timestamp: timestamp)
      .write(to: &writer)
  }
}

/// OVAL timestamps: xsd:dateTime without a zone, in UTC.
package enum OVALTimestamp {
  package static func format(_ date: Date) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
    let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
    return String(
      format: "%04d-%02d-%02dT%02d:%02d:%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0,
      parts.minute ?? 0, parts.second ?? 0)
  }

  /// xsd:dateTime with an explicit UTC offset, as XCCDF and ARF use.
  package static func formatWithZone(_ date: Date) -> String { format(date) + "+00:00" }
}
