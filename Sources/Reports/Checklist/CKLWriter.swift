import Engine
public import XMLSupport

/// Writes a DISA STIG Viewer 2.x checklist (CKL) that validates against STIG Viewer's checklist schema 2.5:
/// the asset from the scanned host, one iSTIG for the benchmark, and a VULN per rule with every STIG_DATA
/// attribute in STIG Viewer's order, the status from the rule result and the evidence as finding details.
public struct CKLWriter: XMLReportWriter {
  public static let fileName = "checklist.ckl"

  public let document: ResultDocument

  public init(document: ResultDocument) {
    self.document = document
  }

  /// Writes the whole checklist.
  public func write<Output: XMLOutput>(to writer: inout XMLWriter<Output>) throws {
    let identity = ChecklistIdentity(document: document)
    try writer.startDocument()
    try writer.startElement("CHECKLIST")
    try writeAsset(identity, to: &writer)
    try writer.startElement("STIGS")
    try writer.startElement("iSTIG")
    try writeSTIGInfo(identity, to: &writer)
    for finding in document.reportedFindings {
      try writeVulnerability(finding, identity: identity, to: &writer)
    }
    try writer.endElement()
    try writer.endElement()
    try writer.endElement()
    try writer.endDocument()
  }

  private func writeAsset<Output: XMLOutput>(_ identity: ChecklistIdentity, to writer: inout XMLWriter<Output>) throws {
    try writer.startElement("ASSET")
    let fields: [(String, String)] = [
      ("ROLE", "None"), ("ASSET_TYPE", "Computing"), ("HOST_NAME", identity.target.hostName),
      ("HOST_IP", identity.hostAddresses), ("HOST_MAC", identity.hostMACs), ("HOST_FQDN", identity.fullyQualifiedName),
      ("TARGET_COMMENT", identity.targetComment), ("TECH_AREA", ""),
      ("TARGET_KEY", document.reportedFindings.lazy.compactMap(\.rule.referenceIdentifier).first ?? ""),
      ("WEB_OR_DATABASE", "false"), ("WEB_DB_SITE", ""), ("WEB_DB_INSTANCE", ""),
    ]
    for (name, value) in fields { try writer.element(name, text: value) }
    try writer.endElement()
  }

  private func writeSTIGInfo<Output: XMLOutput>(_ identity: ChecklistIdentity, to writer: inout XMLWriter<Output>)
    throws
  {
    let benchmark = identity.benchmark
    let release = benchmark.checklistRelease
    // STIG Viewer's order; `customname` is left for the reviewer, so it has no data.
    let fields: [(String, String?)] = [
      ("version", release.version), ("classification", ChecklistIdentity.classification), ("customname", nil),
      ("stigid", identity.stigID), ("description", benchmark.description), ("filename", benchmark.fileName),
      ("releaseinfo", release.releaseInfo), ("title", benchmark.title), ("uuid", try identity.stigUUID),
      ("notice", benchmark.noticeID ?? "terms-of-use"), ("source", benchmark.source ?? ""),
    ]
    try writer.startElement("STIG_INFO")
    for (name, value) in fields {
      try writer.startElement("SI_DATA")
      try writer.element("SID_NAME", text: name)
      if let value { try writer.element("SID_DATA", text: value) }
      try writer.endElement()
    }
    try writer.endElement()
  }

  private func writeVulnerability<Output: XMLOutput>(
    _ finding: Finding, identity: ChecklistIdentity, to writer: inout XMLWriter<Output>
  ) throws {
    let rule = finding.rule
    let discussion = rule.discussion
    var attributes: [(String, String)] = [
      ("Vuln_Num", rule.vulnerabilityNumber), ("Severity", rule.severity.rawValue),
      ("Group_Title", rule.groupTitle ?? rule.title), ("Rule_ID", rule.shortID), ("Rule_Ver", rule.version ?? ""),
      ("Rule_Title", rule.title), ("Vuln_Discuss", discussion.vulnerabilityDiscussion),
      ("IA_Controls", discussion.iaControls), ("Check_Content", rule.checkContent ?? ""),
      ("Fix_Text", rule.fixText ?? ""), ("False_Positives", discussion.falsePositives),
      ("False_Negatives", discussion.falseNegatives), ("Documentable", discussion.documentable),
      ("Mitigations", discussion.mitigations), ("Potential_Impact", discussion.potentialImpacts),
      ("Third_Party_Tools", discussion.thirdPartyTools), ("Mitigation_Control", discussion.mitigationControl),
      ("Responsibility", discussion.responsibility),
      ("Security_Override_Guidance", discussion.severityOverrideGuidance),
      ("Check_Content_Ref", rule.checkReference?.name ?? rule.checkReference?.href ?? "M"), ("Weight", rule.weight),
      ("Class", "Unclass"), ("STIGRef", identity.benchmark.stigReference),
      ("TargetKey", rule.referenceIdentifier ?? ""), ("STIG_UUID", try identity.stigUUID),
    ]
    attributes += rule.legacyIDs.map { ("LEGACY_ID", $0) }
    attributes += rule.ccis.map { ("CCI_REF", $0) }
    try writer.startElement("VULN")
    for (name, value) in attributes {
      try writer.startElement("STIG_DATA")
      try writer.element("VULN_ATTRIBUTE", text: name)
      try writer.element("ATTRIBUTE_DATA", text: value)
      try writer.endElement()
    }
    try writer.element("STATUS", text: ChecklistStatus(finding.result).ckl)
    try writer.element("FINDING_DETAILS", text: FindingNarrative(finding: finding, document: document).text)
    try writer.element("COMMENTS", text: finding.checklistComments)
    try writer.element("SEVERITY_OVERRIDE", text: "")
    try writer.element("SEVERITY_JUSTIFICATION", text: "")
    try writer.endElement()
  }
}
