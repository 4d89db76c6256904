import Foundation
import XMLSupport

/// Writes reports to files the way results are written: to a temporary file beside the target (0640), synced
/// and renamed, so a reader never sees half a report.
public enum ReportFile {
  /// Writes `document` in `format` to `path`.
  /// - Throws: `OutputError` naming the file; an earlier file of that name is left as it was.
  public static func write(_ document: ResultDocument, as format: ReportFormat, to path: String) throws {
    var output = try AtomicFileOutput(path: path)
    do {
      try format.write(document, to: &output)
    } catch {
      output.discard()
      throw (error as? OutputError) ?? OutputError(path: path, reason: "\(error)")
    }
    try output.commit()
  }

  /// Converts a scan's ARF into `formats`, each written into `folder` under its format's file name; with a DISA
  /// STIG benchmark the checklists carry its official text.
  /// - Returns: the paths written and the notes of the conversion (such as rules that matched no STIG rule).
  /// - Throws: `LocatedError` for an unreadable ARF, `OutputError` for a file that cannot be written.
  /// - Parameter committedPath: the path the ARF will have once its run is committed, which the reports name;
  ///   `arfPath` by default.
  public static func writeCompanions(
    ofARF arfPath: String, committedAs committedPath: String? = nil, formats: [ReportFormat],
    stig: ReportedBenchmark?, into folder: String
  ) throws -> (paths: [String], notes: [String]) {
    let reports = formats.map { ($0, URL(fileURLWithPath: folder).appendingPathComponent($0.fileName).path) }
    let notes = try writeConverted(ofARF: arfPath, committedAs: committedPath, reports: reports, stig: stig)
    return (reports.map(\.1), notes)
  }

  /// Converts a scan's ARF into reports, each written to its path; with a DISA STIG benchmark the checklists carry
  /// its official text. The ARF is read back rather than converted from the scan in memory, so that a scan's reports
  /// are exactly what `palisade report` gives for the same ARF.
  /// - Returns: the notes of the conversion (such as rules that matched no STIG rule).
  /// - Throws: `LocatedError` for an unreadable ARF, `OutputError` for a file that cannot be written.
  /// - Parameter committedPath: the path the ARF will have once its run is committed, which the reports name;
  ///   `arfPath` by default.
  public static func writeConverted(
    ofARF arfPath: String, committedAs committedPath: String? = nil,
    reports: [(format: ReportFormat, path: String)], stig: ReportedBenchmark? = nil
  ) throws -> [String] {
    guard !reports.isEmpty else { return [] }
    let root = try XMLDocument(contentsOf: arfPath).rootElement()
    var document = try ResultDocumentReader().read(root, path: committedPath ?? arfPath)
    if let stig { document = document.mergingSTIG(stig) }
    for (format, path) in reports {
      try write(document, as: format, to: path)
    }
    return document.notes
  }
}
