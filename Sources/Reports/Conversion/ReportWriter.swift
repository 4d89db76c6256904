public import Foundation
public import XMLSupport

/// The writer of one report format: made from a result document, it writes the whole report to an output. A new
/// format is a type conforming to this protocol, in a file of its own, and one case of `ReportFormat` naming it.
public protocol ReportWriter {
  /// The file name a scan gives the report in its result folder, such as `report.html`.
  static var fileName: String { get }

  init(document: ResultDocument)

  /// Writes the report.
  /// - Throws: whatever the output throws (`OutputError` for files).
  func write<Output: XMLOutput>(to output: inout Output) throws
}

/// A report written as XML through an `XMLWriter`; writing it to a plain output wraps the output in one.
public protocol XMLReportWriter: ReportWriter {
  /// Writes the report's document through `writer`.
  func write<Output: XMLOutput>(to writer: inout XMLWriter<Output>) throws
}

extension XMLReportWriter {
  public func write<Output: XMLOutput>(to output: inout Output) throws {
    var writer = XMLWriter(output: output)
    try write(to: &writer)
    output = writer.output
  }
}

/// A report written as JSON, keys sorted so that output is stable.
public protocol JSONReportWriter: ReportWriter {
  associatedtype Report: Encodable
  /// The report's JSON value.
  func report() throws -> Report
}

extension JSONReportWriter {
  /// The report as JSON.
  /// - Throws: what `report()` throws; `EncodingError` only for values JSON cannot hold (none are produced here).
  public func data() throws -> Data {
    try StableJSON.encode(try report())
  }

  /// Writes the report's JSON text.
  public func write<Output: XMLOutput>(to output: inout Output) throws {
    try output.write(String(decoding: try data(), as: UTF8.self) + "\n")
  }
}
