public import ArgumentParser
import Foundation
import Reports
import XMLSupport

extension Palisade {
  /// `palisade report`: convert an existing result into a checklist, HDF, XCCDF, HTML or text.
  struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "report",
      abstract: "Convert a scan result into a STIG checklist, HDF, SCC-style XCCDF, HTML or text report.",
      discussion: """
        RESULT is an ARF report collection or an XCCDF result (a Benchmark holding a TestResult, or a lone \
        TestResult), written by Palisade or by oscap. Each finding carries the evidence the OVAL results hold: \
        the file read, the value found, the value expected.

        With --stig, the checklists and reports are laid over a DISA STIG manual benchmark (the XCCDF in DISA's \
        STIG zip files): every STIG rule appears with DISA's official text, and rules no scanned rule matched \
        are Not Reviewed.

        Formats:
          ckl     STIG Viewer 2.x checklist
          cklb    STIG Viewer 3 checklist
          xccdf   XCCDF 1.2 results as SCC writes them, for STIG Viewer and STIG Manager import
          hdf     Heimdall Data Format JSON
          html    a self-contained HTML report
          text    plain text

        Examples:
          palisade report results/web01/latest/arf.xml --format html --output web01.html
          palisade report arf.xml --format ckl --stig U_Docker_Enterprise_2-x_Linux-Unix_STIG_V2R2_Manual-xccdf.xml
        """)

    @Argument(help: ArgumentHelp("An ARF or XCCDF result file.", valueName: "result"))
    var result: String

    @Option(name: .long, help: ArgumentHelp("The report format.", valueName: "format"))
    var format: ReportFormat

    @OptionGroup var stig: STIGBenchmarkOption

    @Option(name: [.short, .long], help: ArgumentHelp("Where to write (default: standard output).", valueName: "file"))
    var output: String?

    func run() async throws {
      // A report that outgrows `ulimit -f` must fail its write and be cleaned up, not kill the process.
      signal(SIGXFSZ, SIG_IGN)
      try await CommandFailure.reported {
        var document = try ResultDocumentReader().read(contentsOf: result)
        if let benchmark = try stig.benchmark() { document = document.mergingSTIG(benchmark) }
        for note in document.notes {
          StandardStreams.write(Diagnostic(.note, note))
        }
        if let output {
          try ReportFile.write(document, as: format, to: output)
        } else {
          var standardOutput = StandardOutput()
          try format.write(document, to: &standardOutput)
          standardOutput.flush()
        }
      }
    }
  }
}

// ReportFormat and ExpressibleByArgument are both public, so the conformance is, and needs the public import above.
extension ReportFormat: ExpressibleByArgument {}

/// Collects a report and writes it to standard output in one piece.
private struct StandardOutput: XMLOutput {
  private var buffer = ""

  mutating func write(_ text: String) {
    buffer += text
  }

  func flush() {
    StandardStreams.writeOutput(buffer)
  }
}
