public import Engine
import Foundation
import OVAL
import XMLSupport

/// What `oval eval` and `oval analyse` give for an OVAL evaluation: the OVAL results (reported as the directives
/// ask), the system characteristics alone, and each definition's result as oscap lists it.
public struct OVALRunReport: Sendable {
  /// Where the OVAL results go (with the system characteristics); nil writes none.
  public var resultsPath: String?
  /// An OVAL directives document deciding what the results report; nil reports everything in full.
  public var directivesPath: String?
  /// Where the system characteristics alone go; nil writes none.
  public var systemCharacteristicsPath: String?

  public init(resultsPath: String? = nil, directivesPath: String? = nil, systemCharacteristicsPath: String? = nil) {
    self.resultsPath = resultsPath
    self.directivesPath = directivesPath
    self.systemCharacteristicsPath = systemCharacteristicsPath
  }

  /// Reads the directives, runs the evaluation, then writes the documents asked for. The system described in them
  /// is the recorded one when the evaluation analysed a recorded document, this host otherwise.
  /// - Parameter commit: runs once the evaluation is done, before anything is written: the commit of the deadline
  ///   that bounds reading and evaluating (`--timeout`); what it throws ends the run with nothing written.
  /// - Returns: the listing, `Definition ID: result` for each definition in evaluation order, one line each,
  ///   escaped for the terminal.
  /// - Throws: `LocatedError` for unreadable or malformed documents, `ScanError` for an unknown definition id,
  ///   `OutputError` for a file that cannot be written (an earlier file of that name is left as it was).
  public func run(_ evaluation: OVALEvaluation, beforeWriting commit: () throws -> Void = {}) async throws -> String {
    let directives =
      try directivesPath.map {
        try OVALDirectives(parsing: try XMLDocument(contentsOf: $0).rootElement())
      } ?? .full
    let (run, results, recorded) = try await evaluation.run()
    try commit()
    let writing = RunStatistics.startPhase("write")
    defer { writing?.end() }
    let systemInfo: SystemInfoSource = recorded?.systemInfo.map { .recorded($0) } ?? .target(.ofThisHost())
    let now = Date()
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
    return results.map { "Definition \(TerminalText.escaped($0.id)): \($0.result.rawValue)\n" }.joined()
  }
}
