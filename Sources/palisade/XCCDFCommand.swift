import ArgumentParser
import Engine
import Foundation
import Probes
import Reports
import SCAPContent
import XMLSupport

extension Palisade {
  /// `palisade xccdf`: XCCDF benchmarks and data streams with oscap's command line.
  struct XCCDFCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "xccdf",
      abstract: "Evaluate XCCDF benchmarks and SCAP data streams (oscap-compatible).",
      subcommands: [Eval.self])
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

    @OptionGroup var selection: ProfileSelectionOptions

    @Option(name: .long, help: ArgumentHelp("An XCCDF tailoring file.", valueName: "file"))
    var tailoringFile: String?

    @Option(name: .long, help: ArgumentHelp("A tailoring component-ref inside the data stream.", valueName: "id"))
    var tailoringID: String?

    @Option(name: .long, help: ArgumentHelp("The checklist component-ref to use.", valueName: "id"))
    var xccdfID: String?

    @Option(name: .long, help: ArgumentHelp("The benchmark to use, by its id.", valueName: "id"))
    var benchmarkID: String?

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

    @OptionGroup var host: HostRootOptions

    @OptionGroup var docker: DockerHostOption

    @OptionGroup var semantics: OVALSemanticsOption

    @OptionGroup var timeout: EvaluationTimeoutOption

    @Argument(help: ArgumentHelp("A source data stream or XCCDF benchmark.", valueName: "content"))
    var content: String

    func validate() throws {
      if xccdfID != nil && benchmarkID != nil {
        throw ValidationError("'--xccdf-id' and '--benchmark-id' both choose the benchmark; give one")
      }
    }

    func run() async throws {
      signal(SIGXFSZ, SIG_IGN)
      let deadline = timeout.armedDeadline()
      let outcome = try await CommandFailure.reported {
        let request = ScanRequest(
          document: try SCAPDocument(contentsOf: content), dataStreamID: selection.datastreamID,
          checklistID: xccdfID ?? benchmarkID, profileID: selection.profile, tailoringID: tailoringID,
          tailoringPath: tailoringFile, ruleIDs: rules, skippedRuleIDs: skippedRules,
          collector: host.collector(askingDockerThrough: docker),
          target: .ofThisHost(),
          ovalSemantics: semantics.ovalSemantics)
        let outcome = try await Scanner().scan(request)
        try deadline.commit {}
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
