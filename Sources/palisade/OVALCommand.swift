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

    @OptionGroup var documents: OVALDocumentsOptions

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
      let deadline = timeout.armedDeadline()
      let listing = try await CommandFailure.reported {
        try await documents.report(systemCharacteristicsPath: syschar).run(
          OVALEvaluation(
            definitionsPath: content, definitionIDs: definitionIDs, variablesPath: documents.variables,
            collector: host.collector(askingDockerThrough: docker),
            semantics: semantics.ovalSemantics),
          beforeWriting: { try deadline.commit {} })
      }
      print(listing, terminator: "")
    }
  }

  /// `palisade oval analyse`: definitions against a recorded system-characteristics document.
  struct Analyse: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "analyse",
      abstract: "Evaluate OVAL definitions against recorded system characteristics, without probing.",
      aliases: ["analyze"])

    @OptionGroup var documents: OVALDocumentsOptions

    @OptionGroup var semantics: OVALSemanticsOption

    @Argument(help: ArgumentHelp("OVAL definitions or a data stream.", valueName: "content"))
    var content: String

    @Argument(help: ArgumentHelp("An OVAL system-characteristics document.", valueName: "syschar"))
    var systemCharacteristics: String

    func run() async throws {
      let listing = try await CommandFailure.reported {
        try await documents.report().run(
          OVALEvaluation(
            definitionsPath: content, variablesPath: documents.variables, collector: SystemCollector(root: .host),
            systemCharacteristicsPath: systemCharacteristics, semantics: semantics.ovalSemantics))
      }
      print(listing, terminator: "")
    }
  }
}
