internal import CLibXML2
import Foundation

/// What an XPath 1.0 expression evaluates to, as OVAL's xmlfilecontent reports it.
public enum XPathValue: Sendable, Equatable {
  case boolean(Bool)
  case number(Double)
  case string(String)
  /// The string values of the attribute and text nodes a node-set holds, in document order (other nodes are left
  /// out, as OpenSCAP leaves them out).
  case nodes([String])
}

/// A parsed XML document for XPath queries that return strings, numbers and booleans as well as nodes, such as
/// `count(//user)` or `//Port/text()`. Parsing is as safe as `XMLDocument`'s: no network, no DTD loading, no entity
/// substitution.
///
/// The libxml2 tree lives as long as this object and is used by one task at a time.
public final class XPathDocument {
  /// The path diagnostics name.
  public let path: String
  private let pointer: xmlDocPtr

  /// Parses XML bytes; `path` names them in diagnostics.
  /// - Throws: `LocatedError` with libxml2's first message and its line and column.
  public init(data: [UInt8], path: String) throws {
    xmlInitParser()
    self.path = path
    guard let context = xmlNewParserCtxt() else {
      throw LocatedError("cannot create an XML parser", at: SourceLocation(file: path, line: 0, column: 0))
    }
    defer { xmlFreeParserCtxt(context) }
    let document = XMLDocument.read(data, path: path, with: context)
    guard let document, context.pointee.wellFormed != 0, xmlDocGetRootElement(document) != nil else {
      var message = "malformed XML"
      var line = 1
      var column = 1
      if let error = xmlCtxtGetLastError(context) {
        message = error.pointee.message.map { String(cString: $0) } ?? message
        line = max(Int(error.pointee.line), 1)
        column = max(Int(error.pointee.int2), 1)
      }
      if let document { xmlFreeDoc(document) }
      throw LocatedError(
        message.trimmingCharacters(in: .whitespacesAndNewlines),
        at: SourceLocation(file: path, line: line, column: column))
    }
    pointer = document
  }

  deinit {
    xmlFreeDoc(pointer)
  }

  /// Removes every namespace from the document's elements and attributes, so that expressions name them by local
  /// name alone (what OpenSCAP's xmlfilecontent probe does before evaluating, and what existing content expects).
  public func removeNamespaces() {
    guard let root = xmlDocGetRootElement(pointer) else { return }
    var stack: [xmlNodePtr] = [root]
    while let node = stack.popLast() {
      node.pointee.ns = nil
      var attribute = node.pointee.properties
      while let current = attribute {
        current.pointee.ns = nil
        attribute = current.pointee.next
      }
      var child = node.pointee.children
      while let current = child {
        if current.pointee.type == XML_ELEMENT_NODE { stack.append(current) }
        child = current.pointee.next
      }
    }
  }

  /// Evaluates an XPath 1.0 expression against the document.
  /// - Throws: `LocatedError` when the expression is not valid XPath.
  public func evaluate(_ expression: String) throws -> XPathValue {
    guard let context = xmlXPathNewContext(pointer) else {
      throw LocatedError("cannot create an XPath context", at: SourceLocation(file: path, line: 0, column: 0))
    }
    defer { xmlXPathFreeContext(context) }
    // Without a handler libxml2 prints XPath errors on stderr; the thrown error reports them instead.
    context.pointee.error = { _, _ in }
    guard let result = xmlXPathEvalExpression(expression, context) else {
      throw LocatedError("invalid XPath expression '\(expression)'", at: SourceLocation(file: path, line: 0, column: 0))
    }
    defer { xmlXPathFreeObject(result) }
    switch result.pointee.type {
    case XPATH_BOOLEAN:
      return .boolean(xmlXPathCastToBoolean(result) != 0)
    case XPATH_NUMBER:
      return .number(xmlXPathCastToNumber(result))
    case XPATH_STRING:
      guard let text = xmlXPathCastToString(result) else { return .string("") }
      defer { palisade_xml_free(text) }
      return .string(String(cString: text))
    case XPATH_NODESET:
      guard let nodes = result.pointee.nodesetval else { return .nodes([]) }
      var values: [String] = []
      for index in 0..<Int(nodes.pointee.nodeNr) {
        guard let node = nodes.pointee.nodeTab[index],
          node.pointee.type == XML_ATTRIBUTE_NODE || node.pointee.type == XML_TEXT_NODE
            || node.pointee.type == XML_CDATA_SECTION_NODE
        else { continue }
        if let content = xmlNodeGetContent(node) {
          values.append(String(cString: content))
          palisade_xml_free(content)
        } else {
          values.append("")
        }
      }
      return .nodes(values)
    default:
      return .nodes([])
    }
  }
}
