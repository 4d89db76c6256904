import ArgumentParser
import Foundation
import Reports

extension Palisade {
  /// `palisade diff OLD NEW`: the rules whose result changed between two scans.
  struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "diff",
      abstract: "List the rules whose result changed between two scans, newly failing first.",
      discussion: """
        OLD and NEW are result files (ARF, or XCCDF results) or run folders: a run's folder \
        (results/HOST/TIMESTAMP) stands for its arf.xml, a host's folder (results/HOST) for its latest run.

        Changes are grouped as: newly failing (a rule that needs attention now: fail, error or unknown, and did not \
        before, or is new and needs attention), still failing with another result, resolved, changed (between \
        results that need no attention), added, removed.

        Exit codes: 0 nothing regressed; 2 at least one rule is newly failing; 1 a result could not be read.

        Examples:
          palisade diff results/web1/20261127T020000Z results/web1/latest
          palisade diff --json old-arf.xml new-arf.xml
        """)

    @Argument(help: ArgumentHelp("The older scan: a result file or a run folder.", valueName: "old"))
    var old: String

    @Argument(help: ArgumentHelp("The newer scan: a result file or a run folder.", valueName: "new"))
    var new: String

    @Flag(name: .long, help: "Print JSON instead of text.")
    var json = false

    func run() async throws {
      let drift = try await CommandFailure.reported {
        let reader = ResultDocumentReader()
        let older = try reader.read(contentsOf: try ResultFileLocation.resultFile(named: old))
        let newer = try reader.read(contentsOf: try ResultFileLocation.resultFile(named: new))
        let drift = ResultDrift(from: older, to: newer)
        if json {
          StandardStreams.writeOutput(String(decoding: try ResultDriftJSON(drift: drift).data(), as: UTF8.self))
        } else {
          print(ResultDriftText(drift: drift).text, terminator: "")
        }
        return drift
      }
      if drift.hasRegressions { throw ExitStatus.findings }
    }
  }
}
