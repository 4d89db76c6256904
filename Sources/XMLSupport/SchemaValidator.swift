internal import CLibXML2
import Foundation

/// Validates documents against an XML Schema (XSD) with libxml2. Schemas are read from local files only: imports
/// and includes resolve against the schema's own folder, never over the network.
public final class SchemaValidator {
  private let schema: xmlSchemaPtr
  public let schemaPath: String

  /// Loads the schema at `path` (and everything it imports).
  /// - Throws: `LocatedError` naming the schema when it cannot be read or parsed.
  public init(schemaPath path: String) throws {
    schemaPath = path
    guard let context = xmlSchemaNewParserCtxt(path) else {
      throw LocatedError("cannot read schema", at: SourceLocation(file: path, line: 0, column: 0))
    }
    defer { xmlSchemaFreeParserCtxt(context) }
    let collector = SchemaErrorCollector()
    withExtendedLifetime(collector) {
      xmlSchemaSetParserStructuredErrors(
        context, SchemaErrorCollector.callback, Unmanaged.passUnretained(collector).toOpaque())
    }
    guard let schema = withExtendedLifetime(collector, { xmlSchemaParse(context) }) else {
      throw collector.errors.first
        ?? LocatedError("cannot parse schema", at: SourceLocation(file: path, line: 0, column: 0))
    }
    self.schema = schema
  }

  deinit {
    xmlSchemaFree(schema)
  }

  /// Every place where the document at `path` breaks the schema; empty when it is valid.
  /// - Throws: `LocatedError` when the document cannot be read or is not well-formed.
  public func problems(inDocumentAt path: String) throws -> [LocatedError] {
    let data: Data
    do {
      data = try RegularFile.contents(atPath: path)
    } catch {
      throw LocatedError("cannot read file: \(error.reason)", at: SourceLocation(file: path, line: 0, column: 0))
    }
    let options = Int32(
      XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
        | XML_PARSE_BIG_LINES.rawValue)
    let document = data.withUnsafeBytes { buffer in
      buffer.baseAddress.map {
        xmlReadMemory($0.assumingMemoryBound(to: CChar.self), Int32(buffer.count), path, nil, options)
      } ?? nil
    }
    guard let document else {
      _ = try XMLDocument(data: data, path: path)
      throw LocatedError("malformed XML", at: SourceLocation(file: path, line: 0, column: 0))
    }
    defer { xmlFreeDoc(document) }
    guard let context = xmlSchemaNewValidCtxt(schema) else {
      throw LocatedError("cannot create a schema validator", at: SourceLocation(file: path, line: 0, column: 0))
    }
    defer { xmlSchemaFreeValidCtxt(context) }
    let collector = SchemaErrorCollector()
    return withExtendedLifetime(collector) {
      xmlSchemaSetValidStructuredErrors(
        context, SchemaErrorCollector.callback, Unmanaged.passUnretained(collector).toOpaque())
      let status = xmlSchemaValidateDoc(context, document)
      if status != 0 && collector.errors.isEmpty {
        return [LocatedError("the document does not validate", at: SourceLocation(file: path, line: 0, column: 0))]
      }
      return collector.errors
    }
  }
}

/// Gathers libxml2's structured schema errors as located errors.
private final class SchemaErrorCollector {
  var errors: [LocatedError] = []

  static let callback: xmlStructuredErrorFunc = { userData, error in
    guard let userData, let error else { return }
    let collector = Unmanaged<SchemaErrorCollector>.fromOpaque(userData).takeUnretainedValue()
    let message = error.pointee.message.map { String(cString: $0) } ?? "schema error"
    let file = error.pointee.file.map { String(cString: $0) } ?? ""
    collector.errors.append(
      LocatedError(
        message.trimmingCharacters(in: .whitespacesAndNewlines),
        at: SourceLocation(file: file, line: Int(error.pointee.line), column: max(Int(error.pointee.int2), 1))))
  }
}
