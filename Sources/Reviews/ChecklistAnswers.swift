import Engine
public import Foundation
import Probes
import Reports
import XMLSupport

/// The answers a STIG Viewer checklist holds: a CKL (STIG Viewer 2) or CKLB (STIG Viewer 3, STIG Manager's
/// export), for the host its asset names.
public struct ChecklistAnswers: Sendable {
  /// One VULN's (CKL) or rule's (CKLB) answer.
  public struct Answer: Sendable, Equatable {
    /// The rule id as the checklist writes it, `SV-235787r960912_rule`.
    public let ruleID: String
    /// nil for Not Reviewed.
    public let status: Review.Status?
    public let findingDetails: String
    public let comments: String
    /// Whether the answer is what a Palisade scan wrote itself: its finding details open with the scan's headline,
    /// the status is the one that headline gives, and the comments are the scan's own (empty, or the reviews it
    /// applied). Such an answer is not a reviewer's, so importing it changes nothing.
    public let isScanOwn: Bool
  }

  /// The host the checklist's asset names.
  public let host: String
  public let answers: [Answer]

  /// Reads a `.ckl` or `.cklb` file, by its content (a CKLB is JSON).
  /// - Throws: `FileReadError`, or `LocatedError` naming the file and place when it is not a checklist.
  public init(contentsOf path: String) throws {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw FileReadError(path: path, reason: error.localizedDescription)
    }
    let firstByte = data.first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
    if firstByte == UInt8(ascii: "{") {
      try self.init(checklistJSON: data, path: path)
    } else {
      try self.init(checklistXML: try XMLDocument(contentsOf: path).rootElement(), path: path)
    }
  }

  private init(checklistXML root: XMLElement, path: String) throws {
    guard root.localName == "CHECKLIST" else {
      throw LocatedError("expected a STIG Viewer checklist (CHECKLIST), found '\(root.localName)'", at: root.location)
    }
    host = root.firstElement(named: "ASSET")?.firstElement(named: "HOST_NAME")?.trimmedText ?? ""
    var answers: [Answer] = []
    for stig in root.firstElement(named: "STIGS")?.elements(named: "iSTIG") ?? [] {
      for vulnerability in stig.elements(named: "VULN") {
        let attributes = vulnerability.elements(named: "STIG_DATA").map {
          (
            $0.firstElement(named: "VULN_ATTRIBUTE")?.trimmedText ?? "",
            $0.firstElement(named: "ATTRIBUTE_DATA")?.text ?? ""
          )
        }
        guard let ruleID = attributes.first(where: { $0.0 == "Rule_ID" })?.1, !ruleID.isEmpty else {
          throw LocatedError("VULN without a Rule_ID", at: vulnerability.location)
        }
        let statusText = vulnerability.firstElement(named: "STATUS")?.trimmedText ?? ""
        guard let status = ChecklistStatus.allCases.first(where: { $0.ckl == statusText }) else {
          throw LocatedError("unknown STATUS '\(statusText)' for \(ruleID)", at: vulnerability.location)
        }
        answers.append(
          Self.answer(
            ruleID: ruleID, status: status, details: vulnerability.firstElement(named: "FINDING_DETAILS")?.text ?? "",
            comments: vulnerability.firstElement(named: "COMMENTS")?.text ?? ""))
      }
    }
    self.answers = answers
  }

  private init(checklistJSON data: Data, path: String) throws {
    let root: JSONValue
    do {
      root = try JSONParser.parse([UInt8](data))
    } catch {
      throw LocatedError(error.message, at: SourceLocation(file: path, line: error.line, column: error.column))
    }
    func problem(_ message: String) -> LocatedError {
      LocatedError(message, at: SourceLocation(file: path, line: 0, column: 0))
    }
    guard let stigs = root["stigs"]?.elements else { throw problem("expected a CKLB checklist (no 'stigs' array)") }
    host = root["target_data"]?["host_name"]?.string ?? ""
    var answers: [Answer] = []
    for (stigIndex, stig) in stigs.enumerated() {
      for (index, rule) in (stig["rules"]?.elements ?? []).enumerated() {
        let place = "stigs[\(stigIndex)].rules[\(index)]"
        guard let ruleID = rule["rule_id_src"]?.string ?? rule["rule_id"]?.string.map({ $0 + "_rule" }) else {
          throw problem("\(place) has no rule_id_src or rule_id")
        }
        let statusText = rule["status"]?.string ?? ""
        guard let status = ChecklistStatus.allCases.first(where: { $0.cklb == statusText }) else {
          throw problem("\(place).status is '\(statusText)', not a CKLB status")
        }
        answers.append(
          Self.answer(
            ruleID: ruleID, status: status, details: rule["finding_details"]?.string ?? "",
            comments: rule["comments"]?.string ?? ""))
      }
    }
    self.answers = answers
  }

  private static func answer(ruleID: String, status: ChecklistStatus, details: String, comments: String) -> Answer {
    let reviewed: Review.Status? =
      switch status {
      case .notAFinding: .pass
      case .open: .fail
      case .notApplicable: .notapplicable
      case .notReviewed: nil
      }
    return Answer(
      ruleID: ruleID, status: reviewed, findingDetails: details, comments: comments,
      isScanOwn: isScanOwn(status: status, details: details, comments: comments))
  }

  /// Whether the details open with a Palisade scan's headline giving this status, and the comments add nothing of a
  /// reviewer's (see `FindingNarrative.headline` and `Finding.checklistComments`).
  private static func isScanOwn(status: ChecklistStatus, details: String, comments: String) -> Bool {
    let headline = details.prefix { $0 != "\n" }
    guard headline.hasPrefix(ProductInfo.name + " "), let resultStart = headline.range(of: "(rule result: "),
      let resultEnd = headline[resultStart.upperBound...].firstIndex(of: ")"),
      let result = RuleResultValue(rawValue: String(headline[resultStart.upperBound..<resultEnd]))
    else { return false }
    // The scan writes each review it applied both as a COMMENTS line and as a line of the finding details.
    let detailLines = Set(details.split(separator: "\n"))
    let ownComments = comments.split(separator: "\n").allSatisfy { detailLines.contains($0) }
    return ChecklistStatus(result) == status && ownComments
  }
}
