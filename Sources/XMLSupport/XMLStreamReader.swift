internal import CLibXML2
public import Foundation

/// A pull reader over XML bytes (libxml2's xmlTextReader): one node at a time, nothing kept but the current node, for
/// documents read for a few values among megabytes (`palisade fleet` reads thousands of ARFs). The same safety as
/// `XMLDocument`: no network, no DTD loaded, no entity substituted, and a document with a DOCTYPE is refused.
public final class XMLStreamReader {
  /// What the reader stands on.
  public enum NodeKind: Sendable, Equatable {
    case startElement, endElement, text, other
  }

  /// The path used in diagnostics.
  public let path: String
  private let reader: xmlTextReaderPtr
  private let input: ChunkedInput
  private let errors = ReaderErrors()
  /// Where the bytes start in the file `path` names: line and column of their first byte, and how many bytes at their
  /// start stand for no place of it (a start tag copied from earlier in the file).
  private let origin: (line: Int, column: Int, preamble: Int)

  /// A reader over `chunks`, one after the other, read only as far as the reader goes (a chunk may be a slice of a
  /// mapped file: nothing is copied ahead). The reported places are those of the file at `path`, whose line `line`,
  /// column `column` the byte after the first `preamble` bytes is.
  /// - Throws: `LocatedError` when libxml2 cannot make a reader.
  public init(chunks: [Data], path: String, line: Int = 1, column: Int = 1, preamble: Int = 0) throws {
    xmlInitParser()
    self.path = path
    input = ChunkedInput(chunks)
    origin = (line, column, preamble)
    let options = Int32(
      XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
        | XML_PARSE_NOCDATA.rawValue | XML_PARSE_BIG_LINES.rawValue)
    let made = xmlReaderForIO(
      { context, buffer, length in
        guard let context, let buffer, length > 0 else { return 0 }
        let input = Unmanaged<ChunkedInput>.fromOpaque(context).takeUnretainedValue()
        return Int32(input.read(into: UnsafeMutableRawBufferPointer(start: buffer, count: Int(length))))
      }, nil, Unmanaged.passUnretained(input).toOpaque(), path, nil, options)
    guard let made else {
      throw LocatedError("cannot create an XML reader", at: SourceLocation(file: path, line: 0, column: 0))
    }
    reader = made
    xmlTextReaderSetStructuredErrorHandler(
      reader,
      { userData, error in
        guard let userData, let error else { return }
        let errors = Unmanaged<ReaderErrors>.fromOpaque(userData).takeUnretainedValue()
        guard errors.message == nil, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        errors.message = error.pointee.message.map { String(cString: $0) } ?? "malformed XML"
        errors.line = Int(error.pointee.line)
        errors.column = Int(error.pointee.int2)
      }, Unmanaged.passUnretained(errors).toOpaque())
  }

  deinit {
    xmlFreeTextReader(reader)
  }

  /// Moves to the next node; false at the end of the document.
  /// - Throws: `LocatedError` at the place of the first error when the bytes are not well-formed XML or have a
  ///   DOCTYPE.
  public func read() throws -> Bool {
    let status = xmlTextReaderRead(reader)
    try check(status)
    if status == 1 && xmlTextReaderNodeType(reader) == Int32(XML_READER_TYPE_DOCUMENT_TYPE.rawValue) {
      throw LocatedError("a DOCTYPE is not allowed", at: location)
    }
    return status == 1
  }

  /// Moves past the current element and everything in it, to its next sibling (or its parent's end).
  /// - Throws: `LocatedError` as `read()` does.
  public func skipElement() throws -> Bool {
    let status = xmlTextReaderNext(reader)
    try check(status)
    return status == 1
  }

  /// What the current node is.
  public var kind: NodeKind {
    switch xmlTextReaderNodeType(reader) {
    case Int32(XML_READER_TYPE_ELEMENT.rawValue): .startElement
    case Int32(XML_READER_TYPE_END_ELEMENT.rawValue): .endElement
    case Int32(XML_READER_TYPE_TEXT.rawValue), Int32(XML_READER_TYPE_CDATA.rawValue),
      Int32(XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue):
      .text
    default: .other
    }
  }

  /// The current element's local name ("" for other nodes).
  public var localName: String { string(xmlTextReaderConstLocalName(reader)) }

  /// The current element's namespace URI, nil when it has none.
  public var namespace: String? {
    xmlTextReaderConstNamespaceUri(reader).map { String(cString: $0) }
  }

  /// Whether the current start tag is also its end (`<a/>`): no end node follows it.
  public var isEmptyElement: Bool { xmlTextReaderIsEmptyElement(reader) == 1 }

  /// How deep the current node is: the document element is 0.
  public var depth: Int { Int(xmlTextReaderDepth(reader)) }

  /// The current element's attribute `name` (without namespace), nil when it has none.
  public func attribute(_ name: String) -> String? {
    guard let value = xmlTextReaderGetAttribute(reader, name) else { return nil }
    defer { palisade_xml_free(value) }
    return String(cString: value)
  }

  /// The current text node's text.
  public var text: String { string(xmlTextReaderConstValue(reader)) }

  /// The text inside the current element, its end included: the reader stands on the element's end afterwards.
  /// - Throws: `LocatedError` as `read()` does.
  public func elementText() throws -> String {
    guard !isEmptyElement else { return "" }
    let level = depth
    var collected = ""
    while try read() {
      if kind == .text {
        collected += text
      } else if kind == .endElement && depth == level {
        break
      }
    }
    return collected
  }

  /// The place in the file of the current node.
  public var location: SourceLocation {
    place(line: Int(xmlTextReaderGetParserLineNumber(reader)), column: Int(xmlTextReaderGetParserColumnNumber(reader)))
  }

  private func check(_ status: Int32) throws {
    guard status < 0 || errors.message != nil else { return }
    let message = (errors.message ?? "malformed XML").split(whereSeparator: \.isNewline)
      .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
    throw LocatedError(message, at: errors.message == nil ? location : place(line: errors.line, column: errors.column))
  }

  /// A place in the bytes as a place in the file.
  private func place(line: Int, column: Int) -> SourceLocation {
    let line = max(line, 1)
    let fileLine = origin.line + line - 1
    let fileColumn = line == 1 ? max(column - origin.preamble, 1) + origin.column - 1 : max(column, 1)
    return SourceLocation(file: path, line: fileLine, column: fileColumn)
  }

  private func string(_ pointer: UnsafePointer<xmlChar>?) -> String {
    pointer.map { String(cString: $0) } ?? ""
  }
}

/// The bytes a reader pulls, chunk after chunk.
private final class ChunkedInput {
  private let chunks: [Data]
  private var chunk = 0
  private var offset = 0

  init(_ chunks: [Data]) {
    self.chunks = chunks
  }

  /// Copies the next bytes into `buffer`; 0 at the end.
  func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
    while chunk < chunks.count {
      let data = chunks[chunk]
      let count = min(buffer.count, data.count - offset)
      if count > 0 {
        data.withUnsafeBytes { bytes in
          buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)]))
        }
        offset += count
        return count
      }
      chunk += 1
      offset = 0
    }
    return 0
  }
}

/// The first error libxml2 reports while reading, kept for the diagnostic.
private final class ReaderErrors {
  var message: String?
  var line = 0
  var column = 0
}
