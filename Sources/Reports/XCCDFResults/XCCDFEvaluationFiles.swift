public import Engine
import Foundation
import XMLSupport

/// The files `xccdf eval` writes after a scan, each only when asked for, with oscap's options and names: XCCDF
/// results (`--results`), an ARF (`--results-arf`), an HTML report (`--report`) and each OVAL document's results
/// (`--oval-results`).
public struct XCCDFEvaluationFiles: Sendable {
  /// The benchmark with its TestResult.
  public var xccdfResultsPath: String?
  /// The ARF report collection.
  public var arfPath: String?
  /// The HTML report, converted from the ARF as `palisade report` converts it.
  public var htmlReportPath: String?
  /// The folder that gets each OVAL document's results under oscap's name (`OVALResultsFileName`); `""` is the
  /// current folder, where oscap writes them, and the files are then named without a folder. nil writes none.
  public var ovalResultsFolder: String?

  public init(
    xccdfResultsPath: String? = nil, arfPath: String? = nil, htmlReportPath: String? = nil,
    ovalResultsFolder: String? = nil
  ) {
    self.xccdfResultsPath = xccdfResultsPath
    self.arfPath = arfPath
    self.htmlReportPath = htmlReportPath
    self.ovalResultsFolder = ovalResultsFolder
  }

  /// Writes the files asked for, in the order above.
  /// - Throws: `OutputError` for a file that cannot be written (files written before it stay), `LocatedError` when
  ///   the ARF cannot be read back for the report.
  public func write(_ outcome: ScanOutcome) throws {
    if let xccdfResultsPath {
      try AtomicFileOutput.writeDocument(to: xccdfResultsPath) {
        try XCCDFResultsDocumentWriter(outcome: outcome).write(to: &$0)
      }
    }
    if let arfPath {
      try AtomicFileOutput.writeDocument(to: arfPath) { try ARFWriter(outcome: outcome).write(to: &$0) }
    }
    if let htmlReportPath {
      try writeReport(of: outcome, to: htmlReportPath)
    }
    if let ovalResultsFolder {
      for run in outcome.ovalRuns {
        let path = (ovalResultsFolder as NSString).appendingPathComponent(
          OVALResultsFileName.name(forDefinitions: run.href))
        try AtomicFileOutput.writeDocument(to: path) { writer in
          try OVALResultsWriter(run: run, systemInfo: .target(outcome.target), timestamp: outcome.endTime)
            .writeDocument(to: &writer)
        }
      }
    }
  }

  /// The report is converted from the ARF, as a scan's companion reports are: from `arfPath` when that is written,
  /// else from a temporary ARF beside the report that is removed afterwards.
  private func writeReport(of outcome: ScanOutcome, to path: String) throws {
    let arf: String
    if let arfPath {
      arf = arfPath
    } else {
      arf =
        URL(fileURLWithPath: path).deletingLastPathComponent()
        .appendingPathComponent(".palisade-report-\(getpid()).arf.xml").path
      try AtomicFileOutput.writeDocument(to: arf) { try ARFWriter(outcome: outcome).write(to: &$0) }
    }
    defer { if arfPath == nil { unlink(arf) } }
    _ = try ReportFile.writeConverted(ofARF: arf, reports: [(.html, path)])
  }
}
