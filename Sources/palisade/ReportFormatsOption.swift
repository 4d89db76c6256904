import ArgumentParser
import Reports
import XMLSupport

/// `scan --format`: the reports converted from a run's ARF into its folder. A list naming a format Palisade does not
/// write is refused before anything runs: `palisade: error: unknown format 'NAME'; use ...` and exit 1, the line a
/// scan gave when it met the name later.
struct ReportFormatsOption: ParsableArguments {
  @Option(
    name: .customLong("format"),
    help: ArgumentHelp(
      "Result formats, comma-separated: arf (always written), \(ReportFormat.names); each is "
        + "converted from the ARF into the run's folder.", valueName: "list"))
  var list: String = "arf"

  func validate() throws {
    do {
      _ = try ReportFormat.list(list)
    } catch {
      StandardStreams.write(Diagnostic(error: error))
      throw ExitStatus.scanFailed
    }
  }

  /// The formats to convert into, `arf` left out (a scan always writes it).
  var formats: [ReportFormat] {
    // validate() has refused a list that does not parse.
    (try? ReportFormat.list(list)) ?? []
  }
}
