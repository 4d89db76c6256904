import Engine
import Foundation
public import XMLSupport

/// The text form of a converted result (`palisade report --format text`): the counts and score, then each rule
/// that needs attention with its evidence, then one line for each other rule. Values from the host and the content
/// are escaped (`TerminalText`): the report is read on terminals.
public struct ResultTextReport: ReportWriter {
  public static let fileName = "report.txt"

  public let document: ResultDocument

  public init(document: ResultDocument) {
    self.document = document
  }

  public func write<Output: XMLOutput>(to output: inout Output) throws {
    try output.write(text)
  }

  public var text: String {
    let testResult = document.testResult
    var lines = ["\(ProductInfo.name) \(ProductInfo.version) report: \(document.benchmark.title)"]
    lines.append(
      "Result: \(document.sourcePath) (\(document.scanner) on \(testResult.target.hostName)"
        + "\(testResult.endTime.map { " at \($0)" } ?? ""))")
    let counts = document.counts
    let tally = HTMLReportWriter.resultOrder.compactMap { result in counts[result].map { "\($0) \(result.rawValue)" } }
    lines.append("Rules: \(tally.isEmpty ? "none selected" : tally.joined(separator: ", "))")
    if let score = testResult.score {
      let value = Double(score.value).map { String(format: "%.2f", $0) } ?? score.value
      let maximum = score.maximum.flatMap(Double.init).map { String(format: "%.0f", $0) } ?? "100"
      lines.append("Score: \(value) of \(maximum)")
    }
    for note in document.notes { lines.append("Note: \(note)") }
    let attention = document.reportedFindings.filter { $0.result.needsAttention }
    for finding in attention {
      lines.append("")
      lines.append(heading(finding))
      let narrativeLines = FindingNarrative(finding: finding, document: document).lines.map {
        TerminalText.escaped($0)
      }
      let narrative = FindingNarrative.limited(narrativeLines.joined(separator: "\n"))
      lines += narrative.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().map {
        $0.isEmpty ? "" : "    " + $0
      }
    }
    let others = document.reportedFindings.filter { !$0.result.needsAttention }
    if !others.isEmpty { lines.append("") }
    for finding in others { lines.append(heading(finding)) }
    return lines.map { TerminalText.escaped($0) }.joined(separator: "\n") + "\n"
  }

  private func heading(_ finding: Finding) -> String {
    let rule = finding.rule
    let label = finding.result.rawValue.uppercased().padding(toLength: 13, withPad: " ", startingAt: 0)
    let name = rule.version.map { "\($0) " } ?? ""
    return "  \(label) \(name)\(rule.title) [\(rule.shortID), severity \(rule.severity.rawValue)]"
  }
}
