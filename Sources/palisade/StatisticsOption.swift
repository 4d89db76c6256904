import ArgumentParser
import XMLSupport

/// `--stats` and `--stats-format` of `scan`, `xccdf eval` and `oval eval`: where the run's time and memory went
/// (`RunStatistics`), printed on standard error when the run ends, as a table or as JSON.
struct StatisticsOption: ParsableArguments {
  /// How the statistics are printed.
  enum Format: String, ExpressibleByArgument, CaseIterable {
    case table, json
  }

  @Flag(
    name: .customLong("stats"),
    help: ArgumentHelp(
      "Print where the time and memory went (parse, resolve, collect by object type, the file-system walk, "
        + "evaluate, write, peak RSS) on standard error."))
  var isEnabled = false

  @Option(
    name: .customLong("stats-format"),
    help: ArgumentHelp(
      "Print the statistics as a 'table' (the default) or as 'json'; implies --stats.", valueName: "format"))
  var format: Format?

  /// Runs the command's work, measured when statistics were asked for, and prints them once it ends (failed or
  /// not).
  func measuring(_ body: () async throws -> Void) async throws {
    guard isEnabled || format != nil else { return try await body() }
    let statistics = RunStatistics()
    defer {
      let report = statistics.report
      let text = format == .json ? report.json : report.table
      for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
        StandardStreams.writeError(String(line))
      }
    }
    try await RunStatistics.$current.withValue(statistics) { try await body() }
  }
}
