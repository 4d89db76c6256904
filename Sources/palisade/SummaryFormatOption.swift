import ArgumentParser
import Engine
import Reports

/// `--summary-format` of `scan`: the summary a run prints on standard output, for people (the default) or as one
/// line of JSON for log collectors (a Kubernetes pod's log).
struct SummaryFormatOption: ParsableArguments {
  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text, json
  }

  @Option(
    name: .customLong("summary-format"),
    help: ArgumentHelp(
      "Print the summary as 'text' (the default) or as one line of 'json' (status, host, counts, score, results).",
      valueName: "format"))
  var format: Format = .text

  /// The summary of a written run; `quiet` keeps only the text summary's last three lines (JSON is one line).
  func summary(of outcome: ScanOutcome, resultPath: String, quiet: Bool) -> String {
    switch format {
    case .json:
      return ScanSummaryJSON(outcome: outcome, resultPath: resultPath).line
    case .text:
      let text = TerminalSummary(outcome: outcome, resultPath: resultPath).text
      return quiet ? text.split(separator: "\n").suffix(3).joined(separator: "\n") + "\n" : text
    }
  }
}
