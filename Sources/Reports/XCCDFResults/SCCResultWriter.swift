import Engine
import Foundation
import SCAPContent
public import XMLSupport

/// Writes XCCDF 1.2 results the way DISA's SCAP Compliance Checker does, which is what STIG Viewer and STIG
/// Manager import: a `Benchmark` with DISA's ids (`xccdf_mil.disa.stig_benchmark_<STIG id>`), its groups and
/// rules, and a `TestResult` with the target, its addresses, `urn:scap:fact:asset:identifier:*` facts, the
/// identity, and a `rule-result` per rule carrying DISA's rule id with its revision, the STIG id as `version`,
/// severity, weight, CCI idents and the evidence as a message.
///
/// The evidence is also written as `check-content/sm:detail`, where STIG Manager reads a review's detail.
public struct SCCResultWriter: XMLReportWriter {
  public static let fileName = "xccdf-results.xml"

  public let document: ResultDocument

  public init(document: ResultDocument) {
    self.document = document
  }

  static let stigManager = "http://github.com/nuwcdivnpt/stig-manager"

  /// Writes the whole result document.
  public func write<Output: XMLOutput>(to writer: inout XMLWriter<Output>) throws {
    let benchmark = document.benchmark
    let benchmarkID = XCCDFIdentifier.xccdf12Form(of: benchmark.id, type: "benchmark")
    try writer.startDocument()
    try writer.startElement(
      "cdf:Benchmark",
      namespaces: ["cdf": SCAPNamespace.xccdf12, "dc": SCAPNamespace.dublinCore, "sm": Self.stigManager],
      attributes: ["id": benchmarkID, "resolved": "1", "style": "SCAP_1.2", "xml:lang": "en"])
    try writer.element("cdf:status", attributes: ["date": benchmark.statusDate], text: "accepted")
    try writer.element("cdf:title", text: benchmark.title)
    if !benchmark.description.isEmpty { try writer.element("cdf:description", text: benchmark.description) }
    if let source = benchmark.source {
      try writer.startElement("cdf:reference", attributes: ["href": "https://cyber.mil"])
      try writer.element("dc:publisher", text: "DISA")
      try writer.element("dc:source", text: source)
      try writer.endElement()
    }
    let release = benchmark.checklistRelease
    if !release.releaseInfo.isEmpty {
      try writer.element("cdf:plain-text", attributes: ["id": "release-info"], text: release.releaseInfo)
    }
    try writer.element("cdf:version", text: benchmark.version.isEmpty ? release.version : benchmark.version)
    try writeRules(to: &writer)
    try writeTestResult(benchmarkID: benchmarkID, to: &writer)
    try writer.endDocument()
  }

  /// The reported rules, each inside its group, groups in order of first appearance.
  private func writeRules<Output: XMLOutput>(to writer: inout XMLWriter<Output>) throws {
    var order: [String?] = []
    var byGroup: [String?: [ReportedRule]] = [:]
    for rule in document.reportedFindings.map(\.rule) {
      if byGroup[rule.groupID] == nil { order.append(rule.groupID) }
      byGroup[rule.groupID, default: []].append(rule)
    }
    for groupID in order {
      let rules = byGroup[groupID] ?? []
      if let groupID {
        try writer.startElement(
          "cdf:Group", attributes: ["id": XCCDFIdentifier.xccdf12Form(of: groupID, type: "group")])
        try writer.element("cdf:title", text: rules.first?.groupTitle ?? "")
      }
      for rule in rules { try write(rule, to: &writer) }
      if groupID != nil { try writer.endElement() }
    }
  }

  private func write<Output: XMLOutput>(_ rule: ReportedRule, to writer: inout XMLWriter<Output>) throws {
    try writer.startElement(
      "cdf:Rule",
      attributes: [
        "id": XCCDFIdentifier.xccdf12Form(of: rule.id, type: "rule"), "severity": rule.severity.rawValue,
        "weight": rule.weight,
      ])
    if let version = rule.version { try writer.element("cdf:version", text: version) }
    try writer.element("cdf:title", text: rule.title)
    try writer.element("cdf:description", text: rule.discussion.vulnerabilityDiscussion)
    for ident in rule.idents {
      try writer.element("cdf:ident", attributes: ["system": ident.system], text: ident.value)
    }
    if let fixText = rule.fixText {
      try writer.element("cdf:fixtext", attributes: ["fixref": rule.fixID], text: fixText)
    }
    if rule.checkReference != nil || rule.checkContent != nil {
      let system = rule.checkReference?.name == "M" ? "C-manual" : SCAPNamespace.ovalDefinitions
      try writer.startElement("cdf:check", attributes: ["system": system])
      if let reference = rule.checkReference {
        try writer.element("cdf:check-content-ref", attributes: ["href": reference.href, "name": reference.name])
      }
      if let content = rule.checkContent { try writer.element("cdf:check-content", text: content) }
      try writer.endElement()
    }
    try writer.endElement()
  }

  private func writeTestResult<Output: XMLOutput>(benchmarkID: String, to writer: inout XMLWriter<Output>) throws {
    let testResult = document.testResult
    let target = testResult.target
    let endTime = testResult.endTime ?? testResult.startTime ?? UTCTimestamp.string(from: Date(), .xsdDateTime)
    try writer.startElement(
      "cdf:TestResult",
      attributes: [
        "id": Self.testResultID(testResult.id), "start-time": testResult.startTime, "end-time": endTime,
        "test-system": testResult.testSystem ?? ProductInfo.cpe, "version": document.benchmark.version,
      ])
    try writer.element(
      "cdf:benchmark",
      attributes: ["href": testResult.benchmarkHref ?? "#" + benchmarkID, "id": benchmarkID])
    try writer.element("cdf:title", text: "\(document.scanner) results for \(target.hostName)")
    if let identity = testResult.identity {
      try writer.element(
        "cdf:identity",
        attributes: ["authenticated": "false", "privileged": testResult.isPrivileged ? "true" : "false"],
        text: identity)
    }
    if let profile = testResult.profileID { try writer.element("cdf:profile", attributes: ["idref": profile]) }
    try writer.element("cdf:target", text: target.hostName)
    for address in target.addresses { try writer.element("cdf:target-address", text: address) }
    try writer.startElement("cdf:target-facts")
    for (name, value) in facts(target) {
      try writer.element("cdf:fact", attributes: ["name": name, "type": "string"], text: value)
    }
    try writer.endElement()
    try writer.element(
      "cdf:target-id-ref",
      attributes: [
        "system": SCAPNamespace.assetIdentification, "name": target.hostName, "href": "",
      ])
    for (id, value) in testResult.setValues.sorted(by: { $0.key < $1.key }) {
      try writer.element("cdf:set-value", attributes: ["idref": id], text: value)
    }
    for finding in document.reportedFindings { try write(finding, to: &writer) }
    if let score = testResult.score {
      try writer.element(
        "cdf:score", attributes: ["system": "urn:xccdf:scoring:default", "maximum": score.maximum],
        text: score.value)
    }
    try writer.endElement()
  }

  private func write<Output: XMLOutput>(_ finding: Finding, to writer: inout XMLWriter<Output>) throws {
    let rule = finding.rule
    try RuleResultStart(
      idref: XCCDFIdentifier.xccdf12Form(of: rule.id, type: "rule"), role: "full", time: finding.time,
      severity: rule.severity.rawValue, version: rule.version, weight: rule.weight
    ).write(as: "cdf:rule-result", to: &writer)
    try writer.element("cdf:result", text: finding.result.rawValue)
    for ident in rule.idents {
      try writer.element("cdf:ident", attributes: ["system": ident.system], text: ident.value)
    }
    for message in finding.messages {
      try writer.element(
        "cdf:message", attributes: ["severity": message.severity.rawValue], text: message.text)
    }
    let narrative = FindingNarrative(finding: finding, document: document).text
    if !narrative.isEmpty { try writer.element("cdf:message", attributes: ["severity": "info"], text: narrative) }
    if finding.wasEvaluated {
      let system = finding.definition == nil ? "urn:palisade:check:none" : SCAPNamespace.ovalDefinitions
      try writer.startElement("cdf:check", attributes: ["system": system])
      if let definition = finding.definition, let reference = rule.checkReference {
        try writer.element("cdf:check-content-ref", attributes: ["href": reference.href, "name": definition.id])
      }
      try writer.startElement("cdf:check-content")
      try writer.element("sm:detail", text: narrative)
      try writer.endElement()
      try writer.endElement()
    }
    try writer.endElement()
  }

  /// SCC's facts: the asset identifiers under `urn:scap:fact:asset:identifier:`, and the scanner.
  private func facts(_ target: ReportedTarget) -> [(String, String)] {
    let prefix = "urn:scap:fact:asset:identifier:"
    var facts: [(String, String)] = [(prefix + "host_name", target.hostName)]
    if let fqdn = target.fullyQualifiedName { facts.append((prefix + "fqdn", fqdn)) }
    if let name = target.operatingSystem { facts.append((prefix + "os_name", name)) }
    if let version = target.operatingSystemVersion { facts.append((prefix + "os_version", version)) }
    if let architecture = target.architecture { facts.append((prefix + "processor_architecture", architecture)) }
    for address in target.addresses {
      facts.append((prefix + (address.contains(":") ? "ipv6" : "ipv4"), address))
    }
    for mac in target.macAddresses { facts.append((prefix + "mac", mac)) }
    let scanner = document.scanner
    facts.append(("urn:xccdf:fact:scanner:name", scanner.name))
    if !scanner.version.isEmpty { facts.append(("urn:xccdf:fact:scanner:version", scanner.version)) }
    return facts
  }

  /// The TestResult id in XCCDF 1.2 form.
  static func testResultID(_ id: String) -> String {
    if id.hasPrefix("xccdf_") && id.contains("_testresult_") { return id }
    return XCCDFIdentifier.xccdf12Form(of: id.isEmpty ? "result" : id, type: "testresult")
      .replacingOccurrences(of: "xccdf_mil.disa.stig_", with: "xccdf_dev.palisade_")
  }
}
