import ArgumentParser
import Engine
import Foundation
import OVAL
import Probes
import Reports
import RunControl
import XMLSupport

extension Palisade {
  /// `palisade oval`: OVAL definitions on their own, with oscap's command line.
  struct OVALCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "oval",
      abstract: "Evaluate OVAL definitions on their own (oscap-compatible).",
      subcommands: [Eval.self, Analyse.self])
  }
}

extension Palisade.OVALCommand {
  /// `palisade oval eval`: every definition (or the chosen ones) against this host.
  struct Eval: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Evaluate OVAL definitions against this host and print each definition's result.",
      discussion: """
        CONTENT is an OVAL definitions file or a source data stream holding one. Each result is printed as \
        'Definition ID: result'. Exit 0 when the evaluation ran, 1 when it could not (bad content, options or \
        output).
        """)

    @Option(name: .customLong("id"), help: ArgumentHelp("Evaluate only this definition (repeatable).", valueName: "id"))
    var definitionIDs: [String] = []

    @Option(
      name: .long, help: ArgumentHelp("OVAL variables document with external variable values.", valueName: "file"))
    var variables: String?

    @Option(
      name: .long, help: ArgumentHelp("Write OVAL results (with system characteristics) here.", valueName: "file"))
    var results: String?

    @Option(name: .long, help: ArgumentHelp("OVAL directives deciding what the results report.", valueName: "file"))
    var directives: String?

    @Option(name: .long, help: ArgumentHelp("Write the system characteristics alone here.", valueName: "file"))
    var syschar: String?

    @OptionGroup var host: HostRootOptions

    @OptionGroup var docker: DockerHostOption

    @OptionGroup var semantics: OVALSemanticsOption

    @OptionGroup var timeout: EvaluationTimeoutOption

    @OptionGroup var statistics: StatisticsOption

    @Argument(help: ArgumentHelp("OVAL definitions or a data stream.", valueName: "content"))
    var content: String

    func run() async throws {
      try await statistics.measuring { try await evaluate() }
    }

    private func evaluate() async throws {
      try await OVALRunReport.run(
        OVALEvaluation(
          definitionsPath: content, definitionIDs: definitionIDs, variablesPath: variables,
          collector: SystemCollector(
            root: host.systemRoot, dockerHost: docker.host, dockerRequestTimeout: docker.requestTimeout),
          semantics: semantics.ovalSemantics),
        resultsPath: results, directivesPath: directives, systemCharacteristicsPath: syschar,
        deadline: timeout.armedDeadline())
    }
  }

  /// `palisade oval analyse`: definitions against a recorded system-characteristics document.
  struct Analyse: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "analyse",
      abstract: "Evaluate OVAL definitions against recorded system characteristics, without probing.",
      aliases: ["analyze"])

    @Option(
      name: .long, help: ArgumentHelp("OVAL variables document with external variable values.", valueName: "file"))
    var variables: String?

    @Option(name: .long, help: ArgumentHelp("Write OVAL results here.", valueName: "file"))
    var results: String?

    @Option(name: .long, help: ArgumentHelp("OVAL directives deciding what the results report.", valueName: "file"))
    var directives: String?

    @OptionGroup var semantics: OVALSemanticsOption

    @Argument(help: ArgumentHelp("OVAL definitions or a data stream.", valueName: "content"))
    var content: String

    @Argument(help: ArgumentHelp("An OVAL system-characteristics document.", valueName: "syschar"))
    var systemCharacteristics: String

    func run() async throws {
      try await OVALRunReport.run(
        OVALEvaluation(
          definitionsPath: content, variablesPath: variables, collector: SystemCollector(root: .host),
          systemCharacteristicsPath: systemCharacteristics, semantics: semantics.ovalSemantics),
        resultsPath: results, directivesPath: directives, systemCharacteristicsPath: nil)
    }
  }
}

/// Runs an OVAL evaluation, prints each definition's result and writes the documents asked for.
enum OVALRunReport {
  /// - Parameter deadline: bounds the evaluation (`--timeout`); the results are written after it is committed.
  static func run(
    _ evaluation: OVALEvaluation, resultsPath: String?, directivesPath: String?, systemCharacteristicsPath: String?,
    deadline: ScanDeadline = .unbounded
  ) async throws {
    do {
      let directives =
        try directivesPath.map {
          try OVALDirectives(parsing: try XMLDocument(contentsOf: $0).rootElement())
        } ?? .full
      let (run, results, recorded) = try await evaluation.run()
      try deadline.commit {}
      let systemInfo: SystemInfoSource =
        recorded?.systemInfo.map { .recorded($0) } ?? .target(.ofThisHost())
      let now = Date()
      let writing = RunStatistics.startPhase("write")
      defer { writing?.end() }
      if let resultsPath {
        try AtomicFileOutput.writeDocument(to: resultsPath) { writer in
          try OVALResultsWriter(run: run, systemInfo: systemInfo, timestamp: now, directives: directives)
            .writeDocument(to: &writer)
        }
      }
      if let systemCharacteristicsPath {
        try AtomicFileOutput.writeDocument(to: systemCharacteristicsPath) { writer in
          try SystemCharacteristicsWriter(record: run.record, systemInfo: systemInfo, timestamp: now)
            .writeDocument(to: &writer)
        }
      }
      for (id, result) in results {
        print("Definition \(TerminalText.escaped(id)): \(result.rawValue)")
      }
    } catch {
      StandardStreams.writeError(Palisade.Scan.diagnostic(for: error))
      throw ExitStatus.scanFailed
    }
  }

}
