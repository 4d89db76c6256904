import Foundation
public import XMLSupport

/// The formats a result converts into, by the names `--format` takes.
public enum ReportFormat: String, CaseIterable, Sendable {
  /// STIG Viewer 2.x checklist.
  case ckl
  /// STIG Viewer 3 checklist.
  case cklb
  /// SCC-style XCCDF 1.2 results, for STIG Viewer and STIG Manager import.
  case xccdf
  /// Heimdall Data Format JSON.
  case hdf
  /// The self-contained HTML report.
  case html
  /// Plain text, for terminals and mail.
  case text

  /// The writer of the format.
  public var writer: any ReportWriter.Type {
    switch self {
    case .ckl: CKLWriter.self
    case .cklb: CKLBWriter.self
    case .xccdf: SCCResultWriter.self
    case .hdf: HDFWriter.self
    case .html: HTMLReportWriter.self
    case .text: ResultTextReport.self
    }
  }

  /// The file name a scan gives the format in its result folder.
  public var fileName: String { writer.fileName }

  /// Writes `document` in this format.
  /// - Throws: whatever the output throws (`OutputError` for files).
  public func write<Output: XMLOutput>(_ document: ResultDocument, to output: inout Output) throws {
    try writer.init(document: document).write(to: &output)
  }

  /// The names `--format` takes, as help texts list them: `ckl, cklb, xccdf, hdf, html, text`.
  public static var names: String {
    allCases.map(\.rawValue).joined(separator: ", ")
  }

  /// Parses a comma-separated list such as `arf,html,ckl`; `arf` is accepted and left out, since a scan always
  /// writes its ARF.
  /// - Throws: `ReportFormatError` naming the first unknown format.
  public static func list(_ text: String) throws(ReportFormatError) -> [ReportFormat] {
    var formats: [ReportFormat] = []
    for name in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
      if name == "arf" || name.isEmpty { continue }
      guard let format = ReportFormat(rawValue: name) else { throw ReportFormatError(name: name) }
      if !formats.contains(format) { formats.append(format) }
    }
    return formats
  }
}

/// A `--format` name Palisade does not write.
public struct ReportFormatError: Error, Sendable, CustomStringConvertible {
  public let name: String

  public var description: String {
    "unknown format '\(name)'; use arf, " + ReportFormat.names
  }
}
