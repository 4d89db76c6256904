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

  /// The file name a scan gives the format in its result folder.
  public var fileName: String {
    switch self {
    case .ckl: "checklist.ckl"
    case .cklb: "checklist.cklb"
    case .xccdf: "xccdf-results.xml"
    case .hdf: "hdf.json"
    case .html: "report.html"
    case .text: "report.txt"
    }
  }

  /// Writes `document` in this format.
  /// - Throws: whatever the output throws (`OutputError` for files).
  public func write<Output: XMLOutput>(_ document: ResultDocument, to output: inout Output) throws {
    switch self {
    case .ckl:
      var writer = XMLWriter(output: output)
      try CKLWriter(document: document).write(to: &writer)
      output = writer.output
    case .xccdf:
      var writer = XMLWriter(output: output)
      try SCCResultWriter(document: document).write(to: &writer)
      output = writer.output
    case .cklb:
      try CKLBWriter(document: document).write(to: &output)
    case .hdf:
      try HDFWriter(document: document).write(to: &output)
    case .html:
      try HTMLReportWriter(document: document).write(to: &output)
    case .text:
      try output.write(ResultTextReport(document: document).text)
    }
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
    "unknown format '\(name)'; use arf, " + ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")
  }
}
