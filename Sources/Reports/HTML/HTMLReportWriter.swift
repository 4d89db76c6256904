import Engine
import Foundation
import OVAL
public import XMLSupport

/// Writes the auditor's report: one self-contained HTML file (inline style and script, nothing fetched) with the
/// summary counts and score, filters by result and severity, and for each rule its description, the evidence
/// collected (which file was read, what was found, what was expected), and the fix text. It reads on a phone-width
/// screen and prints with every finding expanded.
public struct HTMLReportWriter: ReportWriter {
  public static let fileName = "report.html"

  public let document: ResultDocument

  public init(document: ResultDocument) {
    self.document = document
  }

  /// Results in the order the summary and filters list them.
  static let resultOrder: [RuleResultValue] = [
    .fail, .error, .unknown, .pass, .fixed, .notchecked, .informational, .notapplicable,
  ]

  /// Writes the report's HTML text.
  public func write<Output: XMLOutput>(to output: inout Output) throws {
    var html = HTMLBuilder()
    let benchmark = document.benchmark
    let target = document.testResult.target
    html.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
    html.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
    html.raw("<meta name=\"generator\" content=\"\(ProductInfo.name) \(ProductInfo.version)\">\n")
    html.element("title", "\(target.hostName): \(benchmark.title)")
    html.raw("\n<style>\n\(HTMLReportStyle.css)\n</style>\n</head>\n<body>\n")
    writeHeader(&html)
    writeSummary(&html)
    writeFilters(&html)
    html.raw("<main>\n")
    for finding in sortedFindings { writeFinding(finding, to: &html) }
    if document.reportedFindings.isEmpty { html.element("p", "The result holds no selected rules.") }
    html.raw("</main>\n<footer>")
    html.text(
      "Written by \(ProductInfo.name) \(ProductInfo.version) from \(document.sourcePath). Results: "
        + "\(document.scanner), TestResult \(document.testResult.id).")
    html.raw("</footer>\n<script>\n\(HTMLReportStyle.script)\n</script>\n</body>\n</html>\n")
    try output.write(html.text)
  }

  /// Findings that need attention first, then in benchmark order.
  private var sortedFindings: [Finding] {
    document.reportedFindings.enumerated().sorted { left, right in
      let leftRank = left.element.result.attentionRank
      let rightRank = right.element.result.attentionRank
      return leftRank != rightRank ? leftRank < rightRank : left.offset < right.offset
    }.map(\.element)
  }

  private func writeHeader(_ html: inout HTMLBuilder) {
    let testResult = document.testResult
    html.raw("<header>\n")
    html.element("h1", document.benchmark.title)
    var meta = ["\(testResult.target.hostName)", "scanned by \(document.scanner)"]
    if let time = testResult.endTime ?? testResult.startTime { meta.append(time) }
    if let profile = testResult.profileID { meta.append("profile \(XCCDFIdentifier.shortForm(of: profile))") }
    let release = document.benchmark.checklistRelease
    if !release.releaseInfo.isEmpty { meta.append("Version \(release.version), \(release.releaseInfo)") }
    html.element("p", meta.joined(separator: " · "), className: "meta")
    html.raw("</header>\n")
  }

  private func writeSummary(_ html: inout HTMLBuilder) {
    let testResult = document.testResult
    let target = testResult.target
    let counts = document.counts
    html.raw("<section class=\"summary\" aria-label=\"Summary\">\n<div class=\"score\">")
    if let score = testResult.score {
      let value = Double(score.value).map { String(format: "%.2f", $0) } ?? score.value
      let maximum = score.maximum.flatMap(Double.init).map { String(format: "%.0f", $0) } ?? "100"
      html.text("\(value)")
      html.raw("<small>")
      html.text("score of \(maximum)")
      html.raw("</small>")
    } else {
      html.text("\(document.reportedFindings.count)")
      html.raw("<small>rules</small>")
    }
    html.raw("</div>\n<ul class=\"counts\">")
    for result in Self.resultOrder {
      guard let count = counts[result] else { continue }
      html.element("li", "\(count) \(result.rawValue)", className: result.rawValue)
    }
    html.raw("</ul>\n<dl class=\"target\">")
    var rows: [(String, String)] = [("Host", target.hostName)]
    if let fqdn = target.fullyQualifiedName, fqdn != target.hostName { rows.append(("FQDN", fqdn)) }
    if !target.routableAddresses.isEmpty {
      rows.append(("Addresses", target.routableAddresses.joined(separator: ", ")))
    }
    if let system = target.operatingSystem {
      rows.append(("System", ([system] + [target.architecture].compactMap { $0 }).joined(separator: " ")))
    }
    if let engine = target.containerEngine { rows.append(("Container engine", engine)) }
    if let identity = testResult.identity {
      rows.append(("Scanned as", identity + (testResult.isPrivileged ? " (privileged)" : "")))
    }
    rows.append(("Benchmark", document.benchmark.stigID))
    for (name, value) in rows {
      html.element("dt", name)
      html.element("dd", value)
    }
    html.raw("</dl>\n</section>\n")
    if !document.notes.isEmpty {
      html.raw("<section class=\"summary\"><div class=\"notes\">")
      for note in document.notes { html.element("p", note) }
      html.raw("</div></section>\n")
    }
  }

  private func writeFilters(_ html: inout HTMLBuilder) {
    let counts = document.counts
    html.raw("<nav class=\"filters\" aria-label=\"Filter rules\" hidden>\n<fieldset><legend>Result</legend>")
    for result in Self.resultOrder where counts[result] != nil {
      html.raw("<label><input type=\"checkbox\" data-kind=\"result\" value=\"\(result.rawValue)\" checked> ")
      html.text(result.rawValue)
      html.raw("</label>")
    }
    html.raw("</fieldset>\n<fieldset><legend>Severity</legend>")
    let severities = Set(document.reportedFindings.map(\.rule.severity)).sorted()
    for severity in severities {
      html.raw("<label><input type=\"checkbox\" data-kind=\"severity\" value=\"\(severity.rawValue)\" checked> ")
      html.text(severity.rawValue)
      html.raw("</label>")
    }
    html.raw(
      "</fieldset>\n<input type=\"search\" id=\"search\" placeholder=\"Search rules\" aria-label=\"Search rules\">")
    html.raw("<span id=\"shown\" aria-live=\"polite\"></span>\n</nav>\n")
  }

  private func writeFinding(_ finding: Finding, to html: inout HTMLBuilder) {
    let rule = finding.rule
    let result = finding.result.rawValue
    let severity = rule.severity.rawValue
    html.raw(
      "<article class=\"finding \(result)\" id=\"\(HTMLEscaping.identifier(rule.shortID))\" "
        + "data-result=\"\(result)\" data-severity=\"\(severity)\" data-rule=\"\(HTMLEscaping.escape(rule.id))\">\n")
    let opens = finding.result == .fail || finding.result == .error || finding.result == .unknown
    html.raw(opens ? "<details open>\n<summary>" : "<details>\n<summary>")
    html.element("span", result, className: "badge \(result)")
    html.element("span", severity, className: "severity \(severity)")
    if let version = rule.version { html.element("span", version, className: "stigid") }
    html.element("span", rule.title, className: "title")
    html.raw("</summary>\n<div class=\"body\">\n")
    html.element("p", identifiers(of: finding).joined(separator: " · "), className: "ids")
    writeEvidence(finding, to: &html)
    if !rule.discussion.vulnerabilityDiscussion.isEmpty {
      html.element("h3", "Description")
      html.element("p", rule.discussion.vulnerabilityDiscussion, className: "text")
    }
    if let check = rule.checkContent, !check.isEmpty {
      html.element("h3", "Check")
      html.element("p", check, className: "text")
    }
    if let fix = rule.fixText, !fix.isEmpty {
      html.element("h3", "Fix")
      html.element("p", fix, className: "text")
    }
    html.raw("</div>\n</details>\n</article>\n")
  }

  private func identifiers(of finding: Finding) -> [String] {
    let rule = finding.rule
    var ids = ["Rule \(rule.shortID)"]
    if let group = rule.shortGroupID { ids.append("Group \(group)") }
    ids += rule.ccis
    ids += rule.nistControls.map { "NIST \($0)" }
    ids += rule.idents.filter { !rule.ccis.contains($0.value) && !rule.legacyIDs.contains($0.value) }.map(\.value)
    if let time = finding.time { ids.append("checked \(time)") }
    return ids
  }

  private func writeEvidence(_ finding: Finding, to html: inout HTMLBuilder) {
    html.raw("<section class=\"evidence\">\n")
    html.element("h3", "Evidence")
    if !finding.wasEvaluated {
      html.element("p", "No automated check covered this rule: review it by hand with the check text below.")
    }
    for note in finding.notes { html.element("p", note, className: "notes") }
    for override in finding.overrides {
      html.element("p", override.sentence, className: override.replacesAutomatedResult ? "override" : "review")
    }
    if !finding.messages.isEmpty {
      html.raw("<ul class=\"messages\">")
      for message in finding.messages { html.element("li", "\(message.severity.rawValue): \(message.text)") }
      html.raw("</ul>\n")
    }
    for evidence in finding.evidence where !evidence.isApplicabilityCheck {
      writeTest(evidence, to: &html)
    }
    let applicability = finding.evidence.filter(\.isApplicabilityCheck)
    if !applicability.isEmpty {
      let summary = applicability.map { "\($0.comment ?? $0.testID): \($0.result.rawValue)" }.joined(separator: "; ")
      html.element("p", "Applies when: \(summary)", className: "applicability")
    }
    if finding.wasEvaluated && finding.evidence.isEmpty && finding.messages.isEmpty {
      html.element("p", "The result file records no evidence for this rule.")
    }
    html.raw("</section>\n")
  }

  private func writeTest(_ evidence: TestEvidence, to html: inout HTMLBuilder) {
    html.raw("<div class=\"test\">\n<h4>")
    html.text(evidence.comment ?? evidence.testID)
    html.raw(" ")
    html.element("span", evidence.result.rawValue, className: "badge \(Self.ovalResultClass(evidence.result))")
    html.raw("</h4>\n<dl>\n")
    let files = evidence.filesRead
    if !files.isEmpty {
      html.element("dt", "Read")
      html.raw("<dd class=\"read\">")
      html.codeList(files)
      html.raw("</dd>\n")
    }
    if let object = evidence.object {
      html.element("dt", "Looked for")
      html.raw("<dd class=\"looked-for\">")
      html.element("span", "\(object.type) \(object.id)", className: "ids")
      html.list(object.entities.flatMap(EvidenceWording.expectations) + object.remarks)
      for (action, state) in object.filters {
        html.text("\(action.rawValue) items matching \(state.comment ?? state.id):")
        html.list(state.entities.flatMap(EvidenceWording.expectations))
      }
      if !object.messages.isEmpty { html.list(object.messages.map { "collection message: \($0)" }) }
      html.raw("</dd>\n")
    }
    html.element("dt", "Found")
    html.raw("<dd class=\"found\">")
    html.text(EvidenceWording.found(evidence))
    for item in evidence.items { writeItem(item, to: &html) }
    if evidence.omittedItemCount > 0 {
      html.element("p", "… and \(evidence.omittedItemCount) more, listed in the OVAL results.")
    }
    html.raw("</dd>\n")
    html.element("dt", "Expected")
    html.raw("<dd class=\"expected\">")
    html.text(EvidenceWording.requirement(of: evidence) + (evidence.states.isEmpty ? "." : ":"))
    for state in evidence.states {
      for entity in state.entities { writeExpectation(entity, prefix: "", to: &html) }
    }
    html.raw("</dd>\n")
    if !evidence.messages.isEmpty {
      html.element("dt", "Messages")
      html.raw("<dd>")
      html.list(evidence.messages)
      html.raw("</dd>\n")
    }
    html.raw("</dl>\n")
    html.element("p", "\(evidence.testType) \(evidence.testID)", className: "ids")
    html.raw("</div>\n")
  }

  private func writeItem(_ item: ItemEvidence, to html: inout HTMLBuilder) {
    html.raw("<table class=\"item\"><caption>")
    let compared = item.result.map { ", compared: \($0.rawValue)" } ?? ""
    html.text("\(item.type) \(item.id) (\(item.status.rawValue)\(compared))")
    html.raw("</caption>")
    for entity in item.entities {
      if entity.fields.isEmpty {
        html.raw("<tr><th>")
        html.text(entity.name)
        html.raw("</th><td class=\"value\"><code>")
        html.text(entity.value)
        html.raw("</code></td></tr>")
      } else {
        for field in entity.fields {
          html.raw("<tr><th>")
          html.text("\(entity.name) · \(field.name)")
          html.raw("</th><td class=\"value\"><code>")
          html.text(field.value)
          html.raw("</code></td></tr>")
        }
      }
    }
    html.raw("</table>")
  }

  /// One state entity: `value · # equals at least one of` with the allowed values listed, and their source.
  private func writeExpectation(_ entity: ExpectedEntity, prefix: String, to html: inout HTMLBuilder) {
    if !entity.fields.isEmpty {
      for field in entity.fields { writeExpectation(field, prefix: prefix + entity.name + " · ", to: &html) }
      return
    }
    html.raw("<div class=\"expectation\">")
    html.raw("<strong>")
    html.text(prefix + entity.name)
    html.raw("</strong> ")
    if entity.values.count > 1 {
      let combination =
        EvidenceWording.comparison(entity).components(separatedBy: " \"").first ?? entity.operation.rawValue
      html.text(combination + ":")
      html.raw("<ul class=\"allowed\">")
      for value in entity.values {
        html.raw("<li><code>")
        html.text(value)
        html.raw("</code></li>")
      }
      html.raw("</ul>")
    } else {
      html.text(entity.operation.rawValue + " ")
      html.raw("<code>")
      html.text(entity.values.first ?? "")
      html.raw("</code>")
    }
    if let source = EvidenceWording.valueSource(of: entity) {
      html.element("div", source, className: "ids")
    }
    html.raw("</div>")
  }

  static func ovalResultClass(_ result: OVALResult) -> String {
    switch result {
    case .true: "pass"
    case .false: "fail"
    case .error, .unknown: "error"
    case .notApplicable: "notapplicable"
    case .notEvaluated: "notchecked"
    }
  }
}
