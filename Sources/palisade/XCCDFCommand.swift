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
  /// `palisade xccdf`: XCCDF benchmarks and data streams with oscap's command line.
  struct XCCDFCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "xccdf",
      abstract: "Evaluate XCCDF benchmarks and SCAP data streams (oscap-compatible).",
      subcommands: [Eval.self, Generate.self])
  }
}

extension Palisade.XCCDFCommand {
  /// `palisade xccdf eval`: a benchmark against this host, printing each rule's result as oscap does.
  struct Eval: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Evaluate a benchmark against this host.",
      discussion: """
        CONTENT is a source data stream or an XCCDF 1.1/1.2 benchmark (its OVAL files beside it). Each rule's \
        Title, Rule, Ident and Result lines are printed as oscap prints them. Exit codes: 0 every rule passed or did \
        not apply; 2 a rule failed or could not be decided; 1 the evaluation could not run.
        """)

    @Option(name: .long, help: ArgumentHelp("Profile id, or its part after '_profile_'.", valueName: "id"))
    var profile: String?

    @OptionGroup var selection: ContentSelectionOptions

    @Option(name: .customLong("rule"), help: ArgumentHelp("Evaluate only this rule (repeatable).", valueName: "id"))
    var rules: [String] = []

    @Option(
      name: .customLong("skip-rule"), help: ArgumentHelp("Do not evaluate this rule (repeatable).", valueName: "id"))
    var skippedRules: [String] = []

    @Option(
      name: .long, help: ArgumentHelp("Write XCCDF results (the benchmark with its TestResult).", valueName: "file"))
    var results: String?

    @Option(name: .long, help: ArgumentHelp("Write an ARF report collection.", valueName: "file"))
    var resultsARF: String?

    @Flag(name: .long, help: "Also write each OVAL document's results as NAME.result.xml in the current folder.")
    var ovalResults = false

    @Option(
      name: .long, help: ArgumentHelp("Write an HTML report (with the evidence of each finding).", valueName: "file"))
    var report: String?

    @OptionGroup var answers: ManualAnswersOptions

    @OptionGroup var host: HostRootOptions

    @OptionGroup var targetName: TargetNameOption

    @OptionGroup var docker: DockerHostOption

    @OptionGroup var semantics: OVALSemanticsOption

    @OptionGroup var timeout: EvaluationTimeoutOption

    @OptionGroup(title: "Containers and images (read through the Docker Engine API)")
    var containers: ContainerTargetOptions

    @OptionGroup var statistics: StatisticsOption

    @OptionGroup var remediation: RemediationOptions

    @Argument(help: ArgumentHelp("A source data stream or XCCDF benchmark.", valueName: "content"))
    var content: String

    func validate() throws {
      if containers.allContainers {
        throw ValidationError("'--all-containers' writes a result folder per container: use 'palisade scan'")
      }
      if containers.target != nil && host.root != "/" {
        throw ValidationError("'--root' scans a host tree; '--container' and '--image' do not take it")
      }
      if containers.target != nil && remediation.remediate {
        throw ValidationError("'--remediate' changes a host; a container or an image is not fixed in place")
      }
    }

    func run() async throws {
      try await statistics.measuring { try await evaluate() }
    }

    private func evaluate() async throws {
      signal(SIGXFSZ, SIG_IGN)
      let unpackedFolders = UnpackedFolders()
      let deadline = timeout.armedDeadline { unpackedFolders.removeAll() }
      if containers.target != nil {
        TerminationSignals.handle { number in
          unpackedFolders.removeAll()
          StandardStreams.write(Diagnostic(.error, "stopped by \(TerminationSignals.name(of: number))"))
          _exit(128 + number)
        }
      }
      let outcome = try await CommandFailure.reported {
        let document = try SCAPDocument(contentsOf: content)
        let container = try containers.resolvedTarget(from: docker)
        let unpacked = try container.map {
          try containers.unpack($0, from: docker) { unpackedFolders.record($0, unpacking: $1) }
        }
        defer { unpackedFolders.removeAll() }
        let target = targetName.identity(root: host.systemRoot, container: container)
        let collector = docker.collector(root: unpacked?.root ?? host.systemRoot)
        let described = ScanRequest(
          document: document, dataStreamID: selection.datastreamID,
          checklistID: selection.checklistID, profileID: profile, tailoringID: selection.tailoringID,
          tailoringPath: selection.tailoringFile, ruleIDs: rules, skippedRuleIDs: skippedRules,
          collector: collector, target: target, ovalSemantics: semantics.ovalSemantics,
          answers: try answers.answers(for: target))
        let request = container == nil ? docker.fitted(described, to: collector) : described
        let resultsFile = resultsARF ?? results ?? "./results"
        let outcome = try await remediation.remediated(
          try await Scanner().scan(container == nil ? request : ContainerTargetOptions.forContainer(request)),
          request: request,
          collector: host.collector(askingDockerThrough: docker), root: host.root, dockerHost: docker.dockerHost,
          backupBase: URL(fileURLWithPath: resultsFile).deletingLastPathComponent().path)
        try deadline.commit {}
        let writing = RunStatistics.startPhase("write")
        defer { writing?.end() }
        print(RuleResultListing(outcome: outcome).text, terminator: "")
        try XCCDFEvaluationFiles(
          xccdfResultsPath: results, arfPath: resultsARF, htmlReportPath: report,
          ovalResultsFolder: ovalResults ? "" : nil
        ).write(outcome)
        return outcome
      }
      if outcome.needsAttention { throw ExitStatus.findings }
    }
  }
}
