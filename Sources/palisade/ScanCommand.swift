import ArgumentParser
import Engine
import Foundation
import Probes
import Reports
import Reviews
import RunControl
import SCAPContent
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

    @Option(
      name: .long,
      help: ArgumentHelp(
        "Profile id, or its part after '_profile_' (default: the benchmark's own selection).", valueName: "id"))
    var profile: String?

    @OptionGroup var selection: ContentSelectionOptions

    @OptionGroup var host: HostRootOptions

    @OptionGroup var targetName: TargetNameOption

    @OptionGroup var docker: DockerHostOption

    @OptionGroup(title: "Containers and images (read through the Docker Engine API)")
    var containers: ContainerTargetOptions

    @OptionGroup var semantics: OVALSemanticsOption

    @OptionGroup var statistics: StatisticsOption

    @OptionGroup var remediation: RemediationOptions

    @Option(name: .long, help: ArgumentHelp("Where results go.", valueName: "dir"))
    var outputDir: String = "results"

    @Flag(name: .long, help: "Print only the result file's path and the counts.")
    var quiet = false

    @OptionGroup var summaryFormat: SummaryFormatOption

    @OptionGroup var reports: ReportFormatsOption

    @OptionGroup var stig: STIGBenchmarkOption

    @OptionGroup var answers: ManualAnswersOptions

    @OptionGroup(title: "Unattended runs (cron, systemd timers)")
    var schedule: ScheduleOptions

    func validate() throws {
      if (containers.target != nil || containers.allContainers) && host.root != "/" {
        throw ValidationError(
          "'--root' scans a host tree; '--container', '--image' and '--all-containers' do not take it")
      }
      if (containers.target != nil || containers.allContainers) && remediation.remediate {
        throw ValidationError("'--remediate' changes a host; a container or an image is not fixed in place")
      }
    }

    func run() async throws {
      try await statistics.measuring { try await scanAndWrite() }
    }

    private func scanAndWrite() async throws {
      if containers.allContainers { try scanAllContainers() }
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
        let outcome = try await scan(unattended)
        let written = try unattended.write(outcome, formats: reports.formats, stig: stigBenchmark)
        for note in written.notes { StandardStreams.write(Diagnostic(.note, note)) }
        print(summaryFormat.summary(of: outcome, resultPath: written.resultPath, quiet: quiet), terminator: "")
        return outcome
      }
      if outcome.needsAttention { throw ExitStatus.findings }
    }

    /// Scans this host (remediating it when asked) or the container or image given, through the run's order: the
    /// content, the target, the lock on the target's folder, then the scan.
    private func scan(_ unattended: UnattendedRun) async throws -> ScanOutcome {
      unattended.enter(.loadingContent)
      guard let contentPath = content ?? BundledContent.locate() else {
        throw ScanError(
          "cannot find Palisade's bundled content (\(BundledContent.fileName)); give one with --content or set "
            + "PALISADE_CONTENT")
      }
      return try await unattended.scan(
        contentAt: contentPath,
        target: { targetName.identity(root: host.systemRoot, container: try containers.resolvedTarget(from: docker)) }
      ) { document, target in
        try await scan(document, on: target, in: unattended)
      }
    }

    /// The scan of this host or, when `target` is a container or an image, of its unpacked tree.
    private func scan(_ document: SCAPDocument, on target: TargetIdentity, in unattended: UnattendedRun) async throws
      -> ScanOutcome
    {
      guard let container = target.container else {
        let collector = host.collector(askingDockerThrough: docker)
        let request = docker.fitted(try request(document, collector: collector, target: target), to: collector)
        var outcome = try await Scanner().scan(request)
        outcome.target.containerEngine = collector.dockerEngine.map(ContainerEngine.init)
        let folder = ScanResultFolder(base: outputDir, host: target.hostname)
        if remediation.remediate && !remediation.dryRun { try folder.prepareHostFolder() }
        return try await remediation.remediated(
          outcome, request: request, collector: host.collector(askingDockerThrough: docker), root: host.root,
          dockerHost: docker.dockerHost, backupBase: folder.hostFolder)
      }
      let unpacked = try containers.unpack(container, from: docker) {
        unattended.removeWhenEnding($0, stoppingFirst: $1)
      }
      defer { unpacked.remove() }
      return try await Scanner().scan(
        ContainerTargetOptions.forContainer(
          try request(document, collector: docker.collector(root: unpacked.root), target: target)))
    }

    /// The scan of `target`, with the reviewers' answers kept for its host and the OCIL results given.
    private func request(_ document: SCAPDocument, collector: SystemCollector, target: TargetIdentity) throws
      -> ScanRequest
    {
      ScanRequest(
        document: document, dataStreamID: selection.datastreamID, checklistID: selection.checklistID,
        profileID: profile, tailoringID: selection.tailoringID, tailoringPath: selection.tailoringFile,
        collector: collector, target: target, ovalSemantics: semantics.ovalSemantics,
        answers: try answers.answers(for: target, reviewFileByDefault: ReviewFile.path(inResultsFolder: outputDir)))
    }

    /// `--all-containers`: lists the running containers (exit 1 when the daemon cannot be asked, nothing written),
    /// then scans each in a run of its own (`AllContainersRun`) and ends with the worst status.
    private func scanAllContainers() throws -> Never {
      let ids: [String]
      do {
        ids = try DockerTargetSource(host: docker.host, requestTimeout: docker.requestTimeout).runningContainerIDs()
      } catch {
        StandardStreams.write(Diagnostic(error: error))
        Palisade.exit(withError: ExitStatus.scanFailed)
      }
      if ids.isEmpty { print("No running container on \(docker.host).") }
      Palisade.exit(withError: ExitCode(AllContainersRun.run(ids, arguments: Array(CommandLine.arguments.dropFirst()))))
    }
  }
}
