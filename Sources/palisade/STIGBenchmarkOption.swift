import ArgumentParser
import Reports

/// `--stig` of `scan` and `report`: a DISA STIG manual benchmark laid over the result, whose official text the
/// checklists and reports carry. The file is read when the command runs, so a problem in it is reported with its
/// place (`file:line:col: error: ...`).
struct STIGBenchmarkOption: ParsableArguments {
  @Option(
    name: .customLong("stig"),
    help: ArgumentHelp(
      "A DISA STIG manual benchmark (XCCDF) whose official text the checklists and reports carry.",
      valueName: "file"))
  var path: String?

  /// The benchmark, when one is given.
  /// - Throws: `LocatedError` or `FileReadError` naming the file.
  func benchmark() throws -> ReportedBenchmark? {
    try path.map { try ResultDocumentReader().readSTIG(contentsOf: $0) }
  }
}
