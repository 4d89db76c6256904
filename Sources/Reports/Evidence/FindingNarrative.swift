import Engine

/// A finding told in plain text: who decided it and when, then for each OVAL test what it read, what it found and
/// what was expected. Checklists carry it as FINDING_DETAILS, HDF as the result description, and the text report
/// prints it.
struct FindingNarrative {
  let finding: Finding
  let document: ResultDocument

  /// STIG Manager cuts finding details at 32,767 characters; the narrative stays below that.
  static let characterLimit = 30_000

  /// The full narrative; empty for a STIG rule no scanned rule covered.
  var text: String { Self.limited(lines.joined(separator: "\n")) }

  /// The narrative's lines, uncut; none for a STIG rule no scanned rule covered. Each is one line of the narrative
  /// (a value read from the host may still hold line breaks of its own).
  var lines: [String] {
    guard finding.wasEvaluated else { return [] }
    var lines = [headline]
    lines += finding.overrides.map(\.sentence)
    if let definition = finding.definition {
      lines.append("OVAL definition \(definition.id): \(definition.result.rawValue).")
    }
    for note in finding.notes { lines.append("Note: \(note)") }
    for message in finding.messages { lines.append("Message (\(message.severity.rawValue)): \(message.text)") }
    let decisive = finding.evidence.filter { !$0.isApplicabilityCheck }
    for evidence in decisive {
      lines.append("")
      lines += Self.lines(for: evidence)
    }
    let applicability = finding.evidence.filter(\.isApplicabilityCheck)
    if !applicability.isEmpty {
      lines.append("")
      for evidence in applicability {
        lines.append("Applicability: \(Self.title(of: evidence)): \(evidence.result.rawValue).")
      }
    }
    if decisive.isEmpty && finding.definition == nil && finding.messages.isEmpty {
      lines.append("The result file records no evidence for this rule.")
    }
    return lines
  }

  /// `text` cut at `characterLimit`, saying so.
  static func limited(_ text: String) -> String {
    guard text.count > Self.characterLimit else { return text }
    return String(text.prefix(Self.characterLimit)) + "\n[evidence cut at \(Self.characterLimit) characters]"
  }

  /// `Palisade 0.1.0 found this to be OPEN (rule result: fail) on vm at 2026-...`.
  var headline: String {
    let scanner = document.scanner
    let status = ChecklistStatus(finding.result).words
    let time = finding.time ?? document.testResult.endTime ?? "an unrecorded time"
    var line =
      "\(scanner) found this to be \(status) (rule result: \(finding.result.rawValue)) on "
      + "\(document.testResult.target.hostName) at \(time)."
    if scanner.name != ProductInfo.name {
      line += " Converted by \(ProductInfo.name) \(ProductInfo.version)."
    }
    return line
  }

  static func title(of evidence: TestEvidence) -> String {
    let comment = evidence.comment.map { ": \($0)" } ?? ""
    return "test \(evidence.testID) (\(evidence.testType))\(comment)"
  }

  static func lines(for evidence: TestEvidence) -> [String] {
    var lines = [
      "Test \(evidence.testID) (\(evidence.testType)): \(evidence.comment ?? "no comment"). Result: "
        + "\(evidence.result.rawValue)."
    ]
    let files = evidence.filesRead
    if !files.isEmpty { lines.append("  Read: \(files.joined(separator: ", "))") }
    if let object = evidence.object {
      let wanted = object.entities.flatMap(EvidenceWording.expectations)
      let comment = object.comment.map { " (\($0))" } ?? ""
      lines.append("  Looked for: \(object.type) \(object.id)\(comment)")
      for entity in wanted { lines.append("    \(entity)") }
      for remark in object.remarks { lines.append("    \(remark)") }
      for (action, state) in object.filters {
        let comment = state.comment.map { " (\($0))" } ?? ""
        lines.append("    \(action.rawValue) items matching state \(state.id)\(comment):")
        for entity in state.entities.flatMap(EvidenceWording.expectations) { lines.append("      \(entity)") }
      }
      for message in object.messages { lines.append("    collection message: \(message)") }
    }
    lines.append("  Found: \(EvidenceWording.found(evidence))")
    for item in evidence.items {
      let compared = item.result.map { ", compared \($0.rawValue)" } ?? ""
      lines.append("    item \(item.id) (\(item.status.rawValue)\(compared)):")
      for entity in item.entities { lines.append("      \(EvidenceWording.itemValues(entity))") }
    }
    if evidence.omittedItemCount > 0 {
      lines.append("    ... and \(evidence.omittedItemCount) more item(s), listed in the OVAL results")
    }
    lines.append("  Expected: \(EvidenceWording.requirement(of: evidence))")
    for state in evidence.states {
      let comment = state.comment.map { " (\($0))" } ?? ""
      lines.append("    state \(state.id)\(comment):")
      for entity in state.entities.flatMap(EvidenceWording.expectations) { lines.append("      \(entity)") }
    }
    for message in evidence.messages { lines.append("  Message: \(message)") }
    return lines
  }
}
