import Engine
public import Foundation
public import XMLSupport

/// Writes a DISA STIG Viewer 3 checklist (CKLB): the content of the CKL in its JSON form, with uuids derived from
/// the benchmark, host and rule ids so that converting the same result twice gives the same file.
public struct CKLBWriter: JSONReportWriter {
  public static let fileName = "checklist.cklb"

  public let document: ResultDocument

  public init(document: ResultDocument) {
    self.document = document
  }

  /// The checklist.
  public func report() throws(DigestError) -> CKLBDocument {
    let identity = ChecklistIdentity(document: document)
    let benchmark = document.benchmark
    let release = benchmark.checklistRelease
    let target = identity.target
    var rules: [CKLBRule] = []
    for finding in document.reportedFindings { rules.append(try rule(finding, identity: identity)) }
    let stig = CKLBSTIG(
      stigName: benchmark.title, displayName: Self.displayName(benchmark.title), stigID: identity.stigID,
      version: release.version, releaseInfo: release.releaseInfo, uuid: try identity.stigUUID,
      referenceIdentifier: document.reportedFindings.lazy.compactMap(\.rule.referenceIdentifier).first ?? "",
      size: rules.count, rules: rules)
    return CKLBDocument(
      title: identity.title, id: try identity.checklistUUID, active: false, mode: 1, hasPath: true,
      targetData: CKLBTargetData(
        targetType: "Computing", hostName: target.hostName, ipAddress: identity.hostAddresses,
        macAddress: identity.hostMACs, fqdn: identity.fullyQualifiedName, comments: identity.targetComment,
        role: "None", isWebDatabase: false, technologyArea: "", webDatabaseSite: "", webDatabaseInstance: ""),
      stigs: [stig], cklbVersion: "1.0")
  }

  private func rule(_ finding: Finding, identity: ChecklistIdentity) throws(DigestError) -> CKLBRule {
    let rule = finding.rule
    let discussion = rule.discussion
    let stigUUID = try identity.stigUUID
    let time = Self.checklistTime(finding.time ?? document.testResult.endTime)
    let groupID = rule.vulnerabilityNumber
    let groupTitle = rule.groupTitle ?? rule.title
    return CKLBRule(
      uuid: try identity.ruleUUID(rule), stigUUID: stigUUID, targetKey: rule.referenceIdentifier ?? "",
      stigReference: document.benchmark.stigReference, groupID: groupID, groupIDSource: rule.shortGroupID ?? groupID,
      ruleID: rule.shortIDWithoutSuffix, ruleIDSource: rule.shortID, weight: rule.weight,
      classification: ChecklistIdentity.classification, severity: rule.severity.rawValue,
      ruleVersion: rule.version ?? "",
      groupTitle: groupTitle, ruleTitle: rule.title, fixText: rule.fixText ?? "",
      falsePositives: discussion.falsePositives, falseNegatives: discussion.falseNegatives,
      discussion: discussion.vulnerabilityDiscussion, checkContent: rule.checkContent ?? "",
      documentable: discussion.documentable, mitigations: discussion.mitigations,
      potentialImpacts: discussion.potentialImpacts, thirdPartyTools: discussion.thirdPartyTools,
      mitigationControl: discussion.mitigationControl, responsibility: discussion.responsibility,
      securityOverrideGuidance: discussion.severityOverrideGuidance, iaControls: discussion.iaControls,
      checkContentReference: CKLBCheckContentReference(
        href: rule.checkReference?.href ?? "", name: rule.checkReference?.name ?? "M"),
      legacyIDs: rule.legacyIDs, ccis: rule.ccis,
      groupTree: [CKLBGroup(id: groupID, title: groupTitle, description: "<GroupDescription></GroupDescription>")],
      createdAt: time, updatedAt: time, repeatedSTIGUUID: stigUUID, status: ChecklistStatus(finding.result).cklb,
      overrides: CKLBOverrides(), comments: finding.checklistComments,
      findingDetails: FindingNarrative(finding: finding, document: document).text)
  }

  /// `Docker Enterprise 2.x Linux/UNIX Security Technical Implementation Guide` shown as STIG Viewer 3 does,
  /// without the trailing "Security Technical Implementation Guide".
  static func displayName(_ title: String) -> String {
    let suffix = " Security Technical Implementation Guide"
    return title.hasSuffix(suffix) ? String(title.dropLast(suffix.count)) : title
  }

  /// An XCCDF time as the CKLB samples write theirs: UTC with milliseconds, `2023-11-13T16:30:36.000Z`.
  static func checklistTime(_ xsdDateTime: String?) -> String {
    guard let xsdDateTime, let date = UTCTimestamp.date(fromXSDDateTime: xsdDateTime) else { return "" }
    return UTCTimestamp.string(from: date, .milliseconds)
  }
}
