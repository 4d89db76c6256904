import Foundation

/// The files `palisade fleet` writes: one page, and the same facts for spreadsheets and programs.
public enum FleetFormat: String, Sendable, CaseIterable {
  case html, csv, json

  /// `fleet.html` for `--output fleet.html` and `csv`: `fleet.csv`, beside it.
  public func path(besides output: String) -> String {
    URL(fileURLWithPath: output).deletingPathExtension().appendingPathExtension(rawValue).path
  }

  /// Writes `report` in this format to `path`, atomically; links are made relative to the file's folder.
  /// - Throws: `OutputError` when the file cannot be written.
  public func write(_ report: FleetReport, to path: String) throws {
    var output = try AtomicFileOutput(path: path)
    do {
      let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
      switch self {
      case .html: try output.write(FleetHTMLWriter(report: report, linksFrom: folder).text)
      case .csv: try output.write(FleetCSVWriter(report: report).text)
      case .json: try output.write(String(decoding: try StableJSON.encode(FleetJSON(report)), as: UTF8.self) + "\n")
      }
      try output.commit()
    } catch {
      output.discard()
      throw error
    }
  }
}
