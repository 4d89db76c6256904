public import Engine

/// The one-screen summary `palisade scan` prints: each rule that needs attention, then the counts and score.
public struct TerminalSummary {
  public let outcome: ScanOutcome
  /// Where the results were written, shown on the last line.
  public let resultPath: String?

  public init(outcome: ScanOutcome, resultPath: String?) {
    self.outcome = outcome
    self.resultPath = resultPath
  }

  public var text: String {
    var lines: [String] = []
    let benchmark = outcome.benchmark
    lines.append("Palisade \(ProductInfo.version): \(benchmark.title)")
    lines.append("Target: \(outcome.target.hostname)    Profile: \(outcome.profile?.id ?? "(benchmark defaults)")")
    if let engine = outcome.target.containerEngine { lines.append("Engine: \(engine.summary)") }
    lines.append("")
    let shown = outcome.ruleResults.filter { $0.result != .notselected }
    for result in shown {
      let label = result.result.rawValue.uppercased().padding(toLength: 13, withPad: " ", startingAt: 0)
      let ruleName = result.rule.version.map { "\($0) " } ?? ""
      lines.append("  \(label) \(ruleName)\(result.rule.title)")
      lines.append("                \(result.rule.id) (severity \(result.severity.rawValue))")
      for message in result.messages where result.result != .pass {
        lines.append("                \(message.severity.rawValue): \(message.text)")
      }
    }
    lines.append("")
    let counts = outcome.counts
    let order: [RuleResultValue] = [
      .pass, .fail, .error, .unknown, .notapplicable, .notchecked, .informational, .fixed,
    ]
    let tally = order.compactMap { kind in counts[kind].map { "\($0) \(kind.rawValue)" } }.joined(separator: ", ")
    lines.append("Rules: \(tally.isEmpty ? "none selected" : tally)")
    lines.append("Score: \(String(format: "%.2f", outcome.score.score)) of \(Int(outcome.score.maximum))")
    if let resultPath { lines.append("Results: \(resultPath)") }
    // Each line is escaped whole: a value holding a line break cannot start a line of its own.
    return lines.map { TerminalText.escaped($0) }.joined(separator: "\n") + "\n"
  }
}
