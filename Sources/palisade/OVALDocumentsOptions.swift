import ArgumentParser
import Reports

/// The OVAL documents `oval eval` and `oval analyse` read and write beside the definitions: external variable
/// values, directives, and the results. Each is a file read or written when the command runs, so a problem in one is
/// reported with its place; nothing here can be refused earlier.
struct OVALDocumentsOptions: ParsableArguments {
  @Option(
    name: .long, help: ArgumentHelp("OVAL variables document with external variable values.", valueName: "file"))
  var variables: String?

  @Option(
    name: .long, help: ArgumentHelp("Write OVAL results (with system characteristics) here.", valueName: "file"))
  var results: String?

  @Option(name: .long, help: ArgumentHelp("OVAL directives deciding what the results report.", valueName: "file"))
  var directives: String?

  /// The report of a run, with the system characteristics alone written to `systemCharacteristicsPath`.
  func report(systemCharacteristicsPath: String? = nil) -> OVALRunReport {
    OVALRunReport(
      resultsPath: results, directivesPath: directives, systemCharacteristicsPath: systemCharacteristicsPath)
  }
}
