internal import CLibXML2
public import Foundation

/// libxml2 must be initialised once per process before any thread uses it.
private let libxml2Initialised: Bool = {
  xmlInitParser()
  return true
}()

/// A parsed XML document. Parsing is safe for hostile input: no network access, no external DTD or entity
/// loading, no entity substitution, and any document that references a declared entity is refused.
///
/// The libxml2 tree lives only as long as this object; `rootElement` is the Swift value to keep.
public final class XMLDocument {
  /// The path used in diagnostics.
  public let path: String
  private let pointer: xmlDocPtr
  private let lineIndex: LineIndex

  /// Parses the file at `path`.
  /// - Throws: `LocatedError` naming the file (and the line and column for malformed XML).
  public convenience init(contentsOf path: String) throws {
    let parsing = RunStatistics.startPhase("parse XML")
    defer { parsing?.end() }
    let data: Data
    do {
      data = try RegularFile.contents(atPath: path)
    } catch {
      throw LocatedError("cannot read file: \(error.reason)", at: SourceLocation(file: path, line: 0, column: 0))
    }
    try self.init(data: data, path: path)
  }

  /// Parses XML text; `path` names it in diagnostics.
  public convenience init(parsing text: String, path: String = "<string>") throws {
    try self.init(data: Data(text.utf8), path: path)
  }

  /// Parses XML bytes; `path` names them in diagnostics.
  public init(data: Data, path: String) throws {
    _ = libxml2Initialised
    self.path = path
    let bytes = [UInt8](data)
    let lines = LineIndex(bytes: bytes)
    lineIndex = lines
    guard let context = xmlNewParserCtxt() else {
      throw LocatedError("cannot create an XML parser", at: SourceLocation(file: path, line: 0, column: 0))
    }
    defer { xmlFreeParserCtxt(context) }
    // libxml2 goes on reporting after the first fatal error; the first one is the one that names the problem.
    let firstError = FirstParseError()
    context.pointee._private = Unmanaged.passUnretained(firstError).toOpaque()
    context.pointee.sax.pointee.serror = { userData, error in
      guard let userData, let error else { return }
      let context = userData.assumingMemoryBound(to: xmlParserCtxt.self)
      guard let box = context.pointee._private else { return }
      let first = Unmanaged<FirstParseError>.fromOpaque(box).takeUnretainedValue()
      guard first.message == nil, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
      first.message = error.pointee.message.map { String(cString: $0) }
      first.line = Int(error.pointee.line)
      first.column = Int(error.pointee.int2)
    }
    // SCAP content never declares entities. Refusing the declaration itself stops the parser before any expansion
    // (billion laughs) or external reference (XXE, even a parameter entity inside the DTD) is looked at.
    context.pointee.sax.pointee.entityDecl = { userData, name, _, _, _, _ in
      XMLDocument.refuseEntity(named: name, userData: userData)
    }
    context.pointee.sax.pointee.unparsedEntityDecl = { userData, name, _, _, _ in
      XMLDocument.refuseEntity(named: name, userData: userData)
    }
    let document = XMLDocument.read(bytes, path: path, with: context)
    if let entity = firstError.refusedEntity {
      if let document { xmlFreeDoc(document) }
      let line = max(firstError.refusedEntityLine, 1)
      // The parser stands just past the declaration's value: its start is the last `<!ENTITY` before that.
      let end = firstError.refusedEntityOffset >= 0 ? firstError.refusedEntityOffset : lines.offset(ofLine: line + 1)
      let declaration = lines.findLast(Array("<!ENTITY".utf8), before: min(end, bytes.count), isTag: false)
      let place = declaration.map { lines.lineAndColumn(ofOffset: $0) } ?? (line: line, column: 1)
      throw LocatedError(
        "entity declaration '\(entity)' is not allowed: SCAP content must not declare entities",
        at: SourceLocation(file: path, line: place.line, column: place.column))
    }
    guard let document, context.pointee.wellFormed != 0 else {
      let failure =
        firstError.message.map { message in
          LocatedError(
            message.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
              .filter { !$0.isEmpty }.joined(separator: " "),
            at: SourceLocation(file: path, line: max(firstError.line, 1), column: max(firstError.column, 1)))
        } ?? XMLDocument.lastError(of: context, path: path)
      if let document { xmlFreeDoc(document) }
      throw failure
    }
    if bytes.isEmpty || xmlDocGetRootElement(document) == nil {
      xmlFreeDoc(document)
      throw LocatedError("the document has no root element", at: SourceLocation(file: path, line: 1, column: 1))
    }
    pointer = document
  }

  /// Reads `bytes` with `context` as every parse in Palisade does: no network, no messages printed (the caller
  /// reports the first error), CDATA as text, line numbers past 65535.
  static func read(_ bytes: [UInt8], path: String, with context: xmlParserCtxtPtr) -> xmlDocPtr? {
    let options = Int32(
      XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
        | XML_PARSE_NOCDATA.rawValue | XML_PARSE_BIG_LINES.rawValue)
    return bytes.withUnsafeBufferPointer { buffer in
      buffer.baseAddress.map { base in
        base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
          xmlCtxtReadMemory(context, $0, Int32(clamping: buffer.count), path, nil, options)
        }
      } ?? nil
    }
  }

  deinit {
    xmlFreeDoc(pointer)
  }

  /// The document element, converted once into Swift values.
  /// - Throws: `LocatedError` when the document references an entity (refused so that nothing external or
  ///   exponentially large is ever expanded).
  public func rootElement() throws -> XMLElement {
    guard let root = xmlDocGetRootElement(pointer) else {
      throw LocatedError("the document has no root element", at: SourceLocation(file: path, line: 1, column: 1))
    }
    var converter = NodeConverter(path: path, lineIndex: lineIndex)
    return try RunStatistics.measure("parse XML") { try converter.element(from: root) }
  }

  /// The elements an XPath 1.0 expression selects, with `namespaces` mapping the expression's prefixes to URIs.
  /// - Throws: `LocatedError` when the expression is not valid XPath.
  public func elements(matching expression: String, namespaces: [String: String] = [:]) throws -> [XMLElement] {
    guard let context = xmlXPathNewContext(pointer) else {
      throw LocatedError("cannot create an XPath context", at: SourceLocation(file: path, line: 0, column: 0))
    }
    defer { xmlXPathFreeContext(context) }
    for (prefix, uri) in namespaces {
      xmlXPathRegisterNs(context, prefix, uri)
    }
    guard let result = xmlXPathEvalExpression(expression, context) else {
      throw LocatedError("invalid XPath expression '\(expression)'", at: SourceLocation(file: path, line: 0, column: 0))
    }
    defer { xmlXPathFreeObject(result) }
    guard let nodes = result.pointee.nodesetval else { return [] }
    var converter = NodeConverter(path: path, lineIndex: lineIndex, convertsInDocumentOrder: false)
    var elements: [XMLElement] = []
    for index in 0..<Int(nodes.pointee.nodeNr) {
      guard let node = nodes.pointee.nodeTab[index], node.pointee.type == XML_ELEMENT_NODE else { continue }
      elements.append(try converter.element(from: node))
    }
    return elements
  }

  /// Records the first entity declaration and stops the parser (a SAX callback: `userData` is the parser context).
  private static func refuseEntity(named name: UnsafePointer<xmlChar>?, userData: UnsafeMutableRawPointer?) {
    guard let userData else { return }
    let context = userData.assumingMemoryBound(to: xmlParserCtxt.self)
    if let box = context.pointee._private {
      let first = Unmanaged<FirstParseError>.fromOpaque(box).takeUnretainedValue()
      if first.refusedEntity == nil {
        first.refusedEntity = name.map { String(cString: $0) } ?? ""
        first.refusedEntityLine = Int(context.pointee.input?.pointee.line ?? 0)
        first.refusedEntityOffset = Int(xmlByteConsumed(context))
      }
    }
    xmlStopParser(context)
  }

  private static func lastError(of context: xmlParserCtxtPtr, path: String) -> LocatedError {
    guard let error = xmlCtxtGetLastError(context) else {
      return LocatedError("malformed XML", at: SourceLocation(file: path, line: 0, column: 0))
    }
    let message = error.pointee.message.map { String(cString: $0) } ?? "malformed XML"
    let line = Int(error.pointee.line)
    let column = Int(error.pointee.int2)
    return LocatedError(
      message.trimmingCharacters(in: .whitespacesAndNewlines),
      at: SourceLocation(file: path, line: max(line, 1), column: max(column, 1)))
  }
}

/// The first error libxml2 reported while parsing, kept by the structured error callback.
private final class FirstParseError {
  var message: String?
  var line = 0
  var column = 0
  /// The first entity declared, which refuses the document.
  var refusedEntity: String?
  var refusedEntityLine = 0
  /// The parser's byte offset when the declaration was seen; -1 when libxml2 cannot tell.
  var refusedEntityOffset = -1
}

/// Turns libxml2 nodes into `XMLElement` values, finding each start tag's column in the source bytes.
private struct NodeConverter {
  let path: String
  let lineIndex: LineIndex
  /// When converting a whole document in order, each start tag lies after the previous one; XPath results come
  /// in any order.
  var convertsInDocumentOrder = true
  /// Where the previous start tag was found, with its line and column: in document order each search and each column
  /// count goes on from there, so converting costs the document's length once however long its lines are.
  private var cursor = TextPosition()

  init(path: String, lineIndex: LineIndex, convertsInDocumentOrder: Bool = true) {
    self.path = path
    self.lineIndex = lineIndex
    self.convertsInDocumentOrder = convertsInDocumentOrder
  }

  /// The line libxml2 records for every node past it, whatever its real line.
  private static let largestRecordedLine = 65_535

  mutating func element(from node: xmlNodePtr) throws -> XMLElement {
    let namespace = node.pointee.ns
    let prefix = namespace.flatMap { $0.pointee.prefix.map { String(cString: $0) } }
    let localName = String(cString: node.pointee.name)
    let line = Int(xmlGetLineNo(node))
    let qualifiedName = prefix.map { "\($0):\(localName)" } ?? localName
    let location = locate(qualifiedName, line: line)

    var declarations: [XMLNamespaceDeclaration] = []
    var declaration = node.pointee.nsDef
    while let current = declaration {
      declarations.append(
        XMLNamespaceDeclaration(
          prefix: current.pointee.prefix.map { String(cString: $0) },
          uri: current.pointee.href.map { String(cString: $0) } ?? ""))
      declaration = current.pointee.next
    }

    var attributes: [XMLAttribute] = []
    var property = node.pointee.properties
    while let current = property {
      let attributeNamespace = current.pointee.ns
      let value: String
      if let content = xmlNodeGetContent(UnsafeMutableRawPointer(current).assumingMemoryBound(to: xmlNode.self)) {
        value = String(cString: content)
        palisade_xml_free(content)
      } else {
        value = ""
      }
      attributes.append(
        XMLAttribute(
          prefix: attributeNamespace.flatMap { $0.pointee.prefix.map { String(cString: $0) } },
          name: XMLName(
            attributeNamespace.flatMap { $0.pointee.href.map { String(cString: $0) } },
            String(cString: current.pointee.name)),
          value: value))
      property = current.pointee.next
    }

    var children: [XMLNode] = []
    var child = node.pointee.children
    while let current = child {
      switch current.pointee.type {
      case XML_ELEMENT_NODE:
        children.append(.element(try element(from: current)))
      case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
        if let content = current.pointee.content {
          children.append(.text(String(cString: content)))
        }
      case XML_COMMENT_NODE:
        if let content = current.pointee.content {
          children.append(.comment(String(cString: content)))
        }
      case XML_ENTITY_REF_NODE:
        let name = String(cString: current.pointee.name)
        throw LocatedError(
          "entity reference '&\(name);' is not allowed: SCAP content must not declare entities",
          at: locate("&\(name);", line: Int(xmlGetLineNo(current)), isTag: false))
      default:
        break
      }
      child = current.pointee.next
    }
    return XMLElement(
      prefix: prefix, name: XMLName(namespace.flatMap { $0.pointee.href.map { String(cString: $0) } }, localName),
      namespaceDeclarations: declarations, attributes: attributes, children: children, location: location)
  }

  /// Finds the token's column. libxml2 gives the line where a start tag ends, so the tag starts on that line or
  /// before it: in document order the search runs forward from the previous tag; otherwise it runs backward from
  /// the end of that line.
  private mutating func locate(_ token: String, line: Int, isTag: Bool = true) -> SourceLocation {
    let needle = Array((isTag ? "<" + token : token).utf8)
    // libxml2 keeps lines above 65,534 as 65,535 and guesses an element's line from its neighbours, which can name
    // a line before the previous tag: in document order the tag is then searched for forward from the previous one
    // to the end, so the place found is still the right one and each byte is still read once.
    let lineIsKnown = line < Self.largestRecordedLine && !(convertsInDocumentOrder && line < cursor.line)
    let lineEnd = lineIsKnown ? lineIndex.offset(ofLine: line + 1) : lineIndex.bytes.count
    var found: Int?
    if convertsInDocumentOrder,
      let forward = lineIndex.find(needle, from: cursor.searchFrom, before: lineEnd, isTag: isTag)
    {
      found = forward
    } else {
      found = lineIndex.findLast(needle, before: lineEnd, isTag: isTag)
    }
    guard let found else { return SourceLocation(file: path, line: max(line, 1), column: 1) }
    guard convertsInDocumentOrder else {
      let (foundLine, column) = lineIndex.lineAndColumn(ofOffset: found)
      return SourceLocation(file: path, line: foundLine, column: column)
    }
    cursor = lineIndex.advance(cursor, to: found)
    return SourceLocation(file: path, line: cursor.line, column: cursor.column)
  }
}

/// A place in a document's bytes with its line and column (1-based; the column counts characters).
struct TextPosition {
  var offset = 0
  var line = 1
  var column = 1
  /// Whether `offset` is a place found (a start tag), after which the next search begins.
  var isFound = false

  /// Where a search for the next token begins: just after the token found here.
  var searchFrom: Int { isFound ? offset + 1 : offset }
}

/// Offsets of line starts in a document's bytes, for turning byte offsets into lines and columns.
struct LineIndex {
  let bytes: [UInt8]
  private let lineStarts: [Int]

  init(bytes: [UInt8]) {
    self.bytes = bytes
    var starts = [0]
    for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
      starts.append(offset + 1)
    }
    lineStarts = starts
  }

  /// The offset where a line starts; past the last line, the end of the bytes.
  func offset(ofLine line: Int) -> Int {
    guard line >= 1 else { return 0 }
    return line <= lineStarts.count ? lineStarts[line - 1] : bytes.count
  }

  /// The line and column of a byte offset, counting the column from the start of its line.
  func lineAndColumn(ofOffset offset: Int) -> (line: Int, column: Int) {
    let line = self.line(ofOffset: offset)
    return (line, characterCount(lineStarts[line - 1]..<offset) + 1)
  }

  /// `position` moved forward to `offset`: the column is counted on from `position` when both are on one line, so
  /// that a walk through a document in order reads each byte once, even when the whole document is one line.
  /// An offset before `position` is counted from the start of its line.
  func advance(_ position: TextPosition, to offset: Int) -> TextPosition {
    let line = self.line(ofOffset: offset)
    let column: Int
    if line == position.line, offset >= position.offset {
      // Both offsets begin tokens ('<'), where characters begin, so the counts of the two stretches add up.
      column = position.column + characterCount(position.offset..<offset)
    } else {
      column = characterCount(lineStarts[line - 1]..<offset) + 1
    }
    return TextPosition(offset: offset, line: line, column: column, isFound: true)
  }

  /// The 1-based line holding a byte offset.
  private func line(ofOffset offset: Int) -> Int {
    var low = 0
    var high = lineStarts.count - 1
    while low < high {
      let middle = (low + high + 1) / 2
      if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
    }
    return low + 1
  }

  private func characterCount(_ range: Range<Int>) -> Int {
    String(decoding: bytes[range], as: UTF8.self).count
  }

  /// The offset of `needle` at or after `start` and before `end`; for a tag, only where the name ends there.
  func find(_ needle: [UInt8], from start: Int, before end: Int, isTag: Bool) -> Int? {
    guard let first = needle.first, needle.count <= bytes.count else { return nil }
    var offset = start
    let last = min(end, bytes.count) - needle.count
    while offset <= last {
      if bytes[offset] == first, bytes[offset..<offset + needle.count].elementsEqual(needle) {
        let after = offset + needle.count
        if !isTag || after >= bytes.count || Self.endsName(bytes[after]) { return offset }
      }
      offset += 1
    }
    return nil
  }

  /// The offset of the last `needle` that starts before `end`.
  func findLast(_ needle: [UInt8], before end: Int, isTag: Bool) -> Int? {
    var offset = min(end, bytes.count) - needle.count
    while offset >= 0 {
      if bytes[offset..<offset + needle.count].elementsEqual(needle) {
        let after = offset + needle.count
        if !isTag || after >= bytes.count || Self.endsName(bytes[after]) { return offset }
      }
      offset -= 1
    }
    return nil
  }

  private static func endsName(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/")
      || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
  }
}
