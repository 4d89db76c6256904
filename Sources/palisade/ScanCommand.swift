import ArgumentParser
import Engine
import Foundation
import Probes
import Reports
import XMLSupport

extension Palisade {
  /// `palisade scan`: evaluate content against a host and write the results.
  struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "scan",
      abstract: "Check a host against SCAP content and write ARF results.",
      discussion: """
        Each run writes OUTPUT-DIR/HOST/TIMESTAMP/arf.xml (an ARF 1.1 report holding the XCCDF TestResult and \
        full OVAL results) and then points OUTPUT-DIR/HOST/latest at that folder. Nothing is written when the \
        content cannot be loaded. With --format, the folder also gets checklists and reports converted from that \
        ARF (as 'palisade report' converts it) before latest moves.

        Examples:
          palisade scan                     (this host, bundled content)
          palisade scan --root /mnt/image   (a host tree mounted there)
          palisade scan --profile MAC-1_Classified --output-dir /var/lib/palisade
          palisade scan --keep 30 --timeout 1800 --syslog --quiet   (from cron or a systemd timer)

        One scan at a time writes to a host's folder: another exits 1 naming it, or waits (--wait). Exit codes: 0 \
        every rule passed or did not apply, 2 some rule needs attention, 1 the scan itself failed. Scheduling, \
        log messages and SIEM forwarding: docs/operations.md.
        """)

    @Option(
      name: .long, help: ArgumentHelp("SCAP content: a source data stream or an XCCDF benchmark.", valueName: "file"))
    var content: String?

    @OptionGroup var selection: ProfileSelectionOptions

    @OptionGroup var host: HostRootOptions

    @OptionGroup var docker: DockerHostOption

    @OptionGroup var semantics: OVALSemanticsOption

    @Option(name: .long, help: ArgumentHelp("Where results go.", valueName: "dir"))
    var outputDir: String = "results"

    @Flag(name: .long, help: "Print only the result file's path and the counts.")
    var quiet = false

    @OptionGroup var reports: ReportFormatsOption

    @OptionGroup var stig: STIGBenchmarkOption

    @OptionGroup(title: "Unattended runs (cron, systemd timers)")
    var schedule: ScheduleOptions

    func run() async throws {
      // A result file that outgrows `ulimit -f` must fail its write (EFBIG) and be cleaned up, not kill the scan.
      signal(SIGXFSZ, SIG_IGN)
      let unattended = UnattendedRun(
        schedule: schedule.runSchedule, outputFolder: outputDir, report: StandardStreams.write, exit: { _exit($0) })
      TerminationSignals.handle { unattended.stop(bySignal: $0, named: TerminationSignals.name(of: $0)) }
      unattended.arm()
      // A run being ended by a signal or the deadline (whose removal of the run folder may be what failed) stays
      // inside `fail` until the process ends, so that only the stop is reported.
      let outcome = try await CommandFailure.reported(whenFailing: unattended.fail) {
        let stigBenchmark = try stig.benchmark()
        guard let contentPath = content ?? BundledContent.locate() else {
          throw ScanError(
            "cannot find Palisade's bundled content (\(BundledContent.fileName)); give one with --content or set "
              + "PALISADE_CONTENT")
        }
        let outcome = try await unattended.scan(contentAt: contentPath) { document, target in
          ScanRequest(
            document: document, dataStreamID: selection.datastreamID, profileID: selection.profile,
            collector: host.collector(askingDockerThrough: docker),
            target: target, ovalSemantics: semantics.ovalSemantics)
        }
        let written = try unattended.write(outcome, formats: reports.formats, stig: stigBenchmark)
        for note in written.notes { StandardStreams.write(Diagnostic(.note, note)) }
        let summary = TerminalSummary(outcome: outcome, resultPath: written.resultPath)
        print(
          quiet ? summary.text.split(separator: "\n").suffix(3).joined(separator: "\n") : summary.text,
          terminator: quiet ? "\n" : "")
        return outcome
      }
      if outcome.needsAttention { throw ExitStatus.findings }
    }
  }
}
