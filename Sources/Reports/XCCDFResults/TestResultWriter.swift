import Engine
import Foundation
import SCAPContent
import XMLSupport

/// Writes an XCCDF 1.2 `TestResult`: who scanned what, with which profile and values, each rule's result with its
/// idents and check, and the score (XCCDF 1.2 specification, section 6.6).
struct TestResultWriter {
  let outcome: ScanOutcome
  /// Maps a check document (its `OVALRun.key`) to the href under which its results are reported, when they are.
  let checkResultHref: (String) -> String?

  /// `xccdf_dev.palisade_testresult_<profile>`, with the profile's own suffix so repeated scans line up.
  var testResultID: String {
    let profileName = outcome.profile.map { id in
      id.id.range(of: "_profile_").map { String(id.id[$0.upperBound...]) } ?? id.id
    }
    let suffix = (profileName ?? "default-profile").map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" }
    return "xccdf_dev.palisade_testresult_" + String(suffix)
  }

  func write<Output: XMLOutput>(to writer: inout XMLWriter<Output>) throws {
    let target = outcome.target
    try writer.startElement(
      "TestResult", namespaces: ["": SCAPNamespace.xccdf12],
      attributes: [
        "id": testResultID, "start-time": UTCTimestamp.string(from: outcome.startTime, .xsdDateTime),
        "end-time": UTCTimestamp.string(from: outcome.endTime, .xsdDateTime), "version": outcome.benchmark.version,
        "test-system": ProductInfo.cpe,
      ])
    try writer.element(
      "benchmark",
      attributes: ["href": outcome.benchmarkComponentID.map { "#" + $0 }, "id": outcome.benchmark.id])
    try writer.element("title", text: "Palisade scan of \(target.hostname)")
    try writer.element(
      "identity",
      attributes: ["authenticated": "false", "privileged": target.isPrivileged ? "true" : "false"],
      text: target.userName)
    if let profile = outcome.profile {
      try writer.element("profile", attributes: ["idref": profile.id])
    }
    // A container is named as oscap-docker names it (`docker-container://web01`).
    try writer.element("target", text: target.container?.targetName ?? target.hostname)
    for address in target.ipAddresses {
      try writer.element("target-address", text: address)
    }
    try writer.startElement("target-facts")
    let facts: [(String, String)] =
      [
        ("urn:xccdf:fact:scanner:name", ProductInfo.name),
        ("urn:xccdf:fact:scanner:version", ProductInfo.version),
        ("urn:xccdf:fact:asset:identifier:fqdn", target.fullyQualifiedName),
        ("urn:xccdf:fact:asset:identifier:host_name", target.hostname),
      ]
      + target.macAddresses.map { ("urn:xccdf:fact:asset:identifier:mac", $0) }
      + target.ipAddresses.map {
        ($0.contains(":") ? "urn:xccdf:fact:asset:identifier:ipv6" : "urn:xccdf:fact:asset:identifier:ipv4", $0)
      }
      + (target.containerEngine.map { engine in
        [
          (ContainerEngine.FactName.name, engine.name), (ContainerEngine.FactName.version, engine.version),
          (ContainerEngine.FactName.address, engine.address),
        ]
      } ?? [])
    for (name, value) in facts {
      try writer.element("fact", attributes: ["name": name, "type": "string"], text: value)
    }
    try writer.endElement()
    try writer.element(
      "target-id-ref",
      attributes: ["system": SCAPNamespace.assetIdentification, "name": "asset0", "href": ""])
    for (id, value) in outcome.values.values.sorted(by: { $0.key < $1.key }) {
      try writer.element("set-value", attributes: ["idref": id], text: value)
    }
    for result in outcome.ruleResults {
      try write(result, to: &writer)
    }
    for score in outcome.scores {
      try writer.element(
        "score", attributes: ["system": score.system, "maximum": Self.decimal(score.maximum)],
        text: Self.decimal(score.score))
    }
    try writer.endElement()
  }

  private func write<Output: XMLOutput>(_ result: RuleResult, to writer: inout XMLWriter<Output>) throws {
    let rule = result.rule
    try RuleResultStart(
      idref: rule.id, role: result.role.rawValue, time: UTCTimestamp.string(from: result.time, .xsdDateTime),
      severity: result.severity.rawValue, version: rule.version, weight: Self.decimal(result.weight)
    ).write(as: "rule-result", to: &writer)
    try writer.element("result", text: result.result.rawValue)
    for override in result.overrides {
      try writer.startElement(
        "override",
        attributes: ["time": UTCTimestamp.string(from: override.time, .xsdDateTime), "authority": override.authority])
      try writer.element("old-result", text: override.oldResult.rawValue)
      try writer.element("new-result", text: override.newResult.rawValue)
      try writer.element("remark", text: override.remark)
      try writer.endElement()
    }
    for ident in rule.idents {
      try writer.element("ident", attributes: ["system": ident.system], text: ident.value)
    }
    for message in result.messages {
      try writer.element("message", attributes: ["severity": message.severity.rawValue], text: message.text)
    }
    if let complexCheck = result.complexCheck {
      try write(complexCheck, to: &writer)
    } else if let check = result.check {
      try write(check, documentKey: result.checkDocumentKey, name: result.checkContentName, to: &writer)
    }
    try writer.endElement()
  }

  /// A check as the rule result reports it: its exports, and the reference to the results of the document it used
  /// (the definition alone for one result of a multi-check).
  private func write<Output: XMLOutput>(
    _ check: Check, documentKey: String?, name: String?, to writer: inout XMLWriter<Output>
  ) throws {
    try writer.startElement(
      "check", attributes: ["system": check.system, "negate": check.negate ? "true" : nil, "selector": check.selector])
    for export in check.exports {
      try writer.element("check-export", attributes: ["value-id": export.valueID, "export-name": export.exportName])
    }
    let reported = documentKey.flatMap(checkResultHref)
    if let reported {
      let contentName = name ?? check.contentRefs.first?.name
      try writer.element("check-content-ref", attributes: ["href": reported, "name": contentName])
    } else {
      for reference in check.contentRefs {
        try writer.element("check-content-ref", attributes: ["href": reference.href, "name": name ?? reference.name])
      }
    }
    if let content = check.content, check.contentRefs.isEmpty {
      try writer.element("check-content", text: content)
    }
    try writer.endElement()
  }

  private func write<Output: XMLOutput>(_ complexCheck: ComplexCheck, to writer: inout XMLWriter<Output>) throws {
    try writer.startElement(
      "complex-check",
      attributes: ["operator": complexCheck.checkOperator.rawValue, "negate": complexCheck.negate ? "true" : nil])
    for child in complexCheck.children {
      switch child {
      case .check(let check):
        // Checks inside a complex check report the results of the document their href names, when it ran.
        let key = check.contentRefs.lazy.compactMap { reference in
          outcome.ovalRuns.first { $0.href == reference.href }?.key
        }.first
        try write(check, documentKey: key, name: nil, to: &writer)
      case .complexCheck(let nested): try write(nested, to: &writer)
      }
    }
    try writer.endElement()
  }

  static func decimal(_ value: Double) -> String { String(format: "%.6f", value) }
}
