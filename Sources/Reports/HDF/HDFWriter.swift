import Engine
public import Foundation
public import XMLSupport

/// Writes Heimdall Data Format JSON: the platform, one profile for the benchmark with a control per rule (tags
/// gid, rid, stig_id, cci, nist, severity), each control's result with the evidence as its description, and the
/// run's statistics.
public struct HDFWriter: JSONReportWriter {
  public static let fileName = "hdf.json"

  public let document: ResultDocument

  public init(document: ResultDocument) {
    self.document = document
  }

  /// The HDF document.
  public func report() throws(DigestError) -> HDFDocument {
    let benchmark = document.benchmark
    let testResult = document.testResult
    let findings = document.reportedFindings
    let controls = findings.map(control)
    let statuses = findings.map { Self.status(of: $0.result) }
    let start = testResult.startTime.flatMap(UTCTimestamp.date(fromXSDDateTime:))
    let end = testResult.endTime.flatMap(UTCTimestamp.date(fromXSDDateTime:))
    let fingerprint = ([benchmark.id, benchmark.version, benchmark.releaseInfo ?? ""] + benchmark.rules.map(\.id))
      .joined(separator: "\n")
    let profile = HDFProfile(
      name: benchmark.stigID, title: benchmark.title,
      version: benchmark.checklistRelease.releaseInfo.isEmpty
        ? benchmark.version : "\(benchmark.version) (\(benchmark.checklistRelease.releaseInfo))",
      summary: benchmark.description.isEmpty ? nil : benchmark.description, maintainer: benchmark.source,
      status: "loaded",
      sha256: MessageDigest.hexadecimal(try MessageDigest.digest(of: Array(fingerprint.utf8), .sha256)), supports: [],
      attributes: testResult.setValues.sorted { $0.key < $1.key }.map { id, value in
        HDFAttribute(
          name: id, options: HDFAttributeOptions(value: value, description: benchmark.values[id]?.title))
      },
      groups: [HDFGroup(id: benchmark.fileName, title: benchmark.title, controls: controls.map(\.id))],
      controls: controls)
    let target = testResult.target
    return HDFDocument(
      platform: HDFPlatform(
        name: target.operatingSystem ?? "unknown", release: target.operatingSystemVersion ?? "unknown",
        targetID: target.fullyQualifiedName ?? target.hostName),
      profiles: [profile],
      statistics: HDFStatistics(
        duration: start.flatMap { start in end.map { $0.timeIntervalSince(start) } },
        controls: HDFControlStatistics(
          passed: HDFTotal(total: statuses.filter { $0 == "passed" }.count),
          failed: HDFTotal(total: statuses.filter { $0 == "failed" }.count),
          skipped: HDFTotal(total: statuses.filter { $0 == "skipped" }.count))),
      version: ProductInfo.version)
  }

  private func control(_ finding: Finding) -> HDFControl {
    let rule = finding.rule
    let narrative = FindingNarrative(finding: finding, document: document)
    var descriptions = [HDFDescription(label: "default", data: rule.discussion.vulnerabilityDiscussion)]
    if let check = rule.checkContent, !check.isEmpty {
      descriptions.append(HDFDescription(label: "check", data: check))
    }
    if let fix = rule.fixText, !fix.isEmpty { descriptions.append(HDFDescription(label: "fix", data: fix)) }
    let status = Self.status(of: finding.result)
    let evidence = narrative.text.isEmpty ? narrative.headline : narrative.text
    let explanation = finding.messages.map(\.text) + (finding.wasEvaluated ? [] : ["no automated check covers it"])
    let result = HDFResult(
      status: status, codeDescription: evidence,
      startTime: finding.time ?? document.testResult.endTime ?? document.testResult.startTime ?? "",
      message: status == "failed" || status == "error"
        ? (explanation.isEmpty ? "rule result: \(finding.result.rawValue)" : explanation.joined(separator: "\n"))
        : nil,
      skipMessage: status == "skipped"
        ? "rule result: \(finding.result.rawValue)"
          + (explanation.isEmpty ? "" : "; " + explanation.joined(separator: "; ")) : nil,
      resource: finding.evidence.first(where: { !$0.isApplicabilityCheck })?.testType)
    return HDFControl(
      id: rule.vulnerabilityNumber, title: rule.title, desc: rule.discussion.vulnerabilityDiscussion,
      descriptions: descriptions, impact: Self.impact(of: finding),
      refs: rule.references.filter { $0.nistControl == nil && $0.identifier == nil }.map {
        HDFReference(ref: $0.text.isEmpty ? nil : $0.text, url: $0.href)
      }.filter { $0.ref != nil || $0.url != nil },
      tags: HDFTags(
        gid: rule.shortGroupID ?? rule.vulnerabilityNumber, rid: rule.shortID, stigID: rule.version,
        gtitle: rule.groupTitle, fixID: rule.fixID, cci: rule.ccis, nist: rule.nistControls,
        legacy: rule.legacyIDs, severity: rule.severity.rawValue),
      code: finding.definition.map { "OVAL definition \($0.id)" },
      sourceLocation: HDFSourceLocation(ref: document.benchmark.fileName, line: nil), results: [result])
  }

  /// HDF's result status for an XCCDF result: Heimdall shows skipped controls with impact 0 as not applicable
  /// and the others as not reviewed.
  static func status(of result: RuleResultValue) -> String {
    switch result {
    case .pass, .fixed: "passed"
    case .fail: "failed"
    case .error, .unknown: "error"
    default: "skipped"
    }
  }

  /// Impact from severity (low 0.3, medium 0.5, high 0.7, as Heimdall's converters use); 0 for a rule that did
  /// not apply; 0.1 for an unrated rule, so that a finding on it is still shown as one.
  static func impact(of finding: Finding) -> Double {
    if finding.result == .notapplicable { return 0 }
    switch finding.rule.severity {
    case .high: return 0.7
    case .medium: return 0.5
    case .low: return 0.3
    case .info, .unknown: return 0.1
    }
  }
}
