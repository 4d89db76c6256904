/// Where an `XMLWriter` sends its text.
public protocol XMLOutput {
  /// Appends UTF-8 text.
  mutating func write(_ text: String) throws
}

/// Collects the written document in memory.
public struct XMLStringOutput: XMLOutput {
  public private(set) var text = ""
  public init() {}
  public mutating func write(_ text: String) { self.text += text }
}

/// Writes an XML document element by element, so that large results stream to their output.
///
/// Elements written through `startElement` are indented; elements copied from a parsed document with `copy(_:)`
/// keep their own white space, and any namespace prefix they use that is not declared where they land is
/// declared on them.
public struct XMLWriter<Output: XMLOutput> {
  public private(set) var output: Output
  private var openElements: [OpenElement] = []
  private var startTagIsOpen = false
  private let indentation: String

  private struct OpenElement {
    let qualifiedName: String
    /// Prefix (empty string for the default namespace) to URI, as in scope inside this element.
    var namespaces: [String: String]
    var hasChildElements = false
    var hasText = false
  }

  public init(output: Output, indentation: String = "  ") {
    self.output = output
    self.indentation = indentation
  }

  /// Writes the XML declaration.
  public mutating func startDocument() throws {
    try output.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
  }

  /// Finishes the document: closes every open element and ends with a newline.
  public mutating func endDocument() throws {
    while !openElements.isEmpty { try endElement() }
    try output.write("\n")
  }

  /// Opens an element. `name` is the qualified name as it should appear (`arf:report` or `TestResult`).
  /// - Parameters:
  ///   - namespaces: declarations to write on this element, prefix (empty for the default) to URI, in order.
  ///   - attributes: attribute name and value pairs, in order; nil values are left out.
  public mutating func startElement(
    _ name: String, namespaces: KeyValuePairs<String, String> = [:], attributes: KeyValuePairs<String, String?> = [:]
  ) throws {
    try startElement(name, namespaceList: Array(namespaces), attributeList: Array(attributes))
  }

  /// Opens an element, with declarations and attributes given as arrays.
  public mutating func startElement(
    _ name: String, namespaceList: [(String, String)], attributeList: [(String, String?)]
  ) throws {
    try beginChildElement()
    var scope = openElements.last?.namespaces ?? [:]
    var tag = "<" + name
    for (prefix, uri) in namespaceList {
      scope[prefix] = uri
      tag += prefix.isEmpty ? " xmlns=\"" : " xmlns:\(prefix)=\""
      tag += Self.escapeAttribute(uri) + "\""
    }
    for case (let attribute, let value?) in attributeList {
      tag += " \(attribute)=\"\(Self.escapeAttribute(value))\""
    }
    try output.write(tag)
    startTagIsOpen = true
    openElements.append(OpenElement(qualifiedName: name, namespaces: scope))
  }

  /// Writes character data into the open element.
  public mutating func text(_ text: String) throws {
    try closeStartTag()
    if var current = openElements.popLast() {
      current.hasText = true
      openElements.append(current)
    }
    try output.write(Self.escapeText(text))
  }

  /// Closes the open start tag, marks the open element as having child elements, and indents the child's line
  /// (unless the parent holds text, whose spacing is kept).
  private mutating func beginChildElement() throws {
    try closeStartTag()
    if var parent = openElements.popLast() {
      parent.hasChildElements = true
      openElements.append(parent)
      if !parent.hasText { try output.write("\n" + String(repeating: indentation, count: openElements.count)) }
    }
  }

  /// Closes the innermost open element.
  public mutating func endElement() throws {
    guard let element = openElements.popLast() else { return }
    if startTagIsOpen {
      startTagIsOpen = false
      try output.write("/>")
      return
    }
    if element.hasChildElements && !element.hasText {
      try output.write("\n" + String(repeating: indentation, count: openElements.count))
    }
    try output.write("</\(element.qualifiedName)>")
  }

  /// Writes `<name attributes>text</name>`.
  public mutating func element(
    _ name: String, attributes: KeyValuePairs<String, String?> = [:], text: String? = nil
  ) throws {
    try startElement(name, attributes: attributes)
    if let text { try self.text(text) }
    try endElement()
  }

  /// Writes a parsed element and its subtree unchanged.
  public mutating func copy(_ element: XMLElement) throws {
    try beginChildElement()
    try writeCopy(element, scope: openElements.last?.namespaces ?? [:])
  }

  /// Writes a parsed element's start tag and its children unchanged, and leaves it open, so that more children can
  /// be written before `endElement()` (a benchmark copied with its TestResult added, for instance).
  public mutating func startCopy(_ element: XMLElement) throws {
    try beginChildElement()
    var scope = openElements.last?.namespaces ?? [:]
    try output.write(startTag(of: element, scope: &scope) + ">")
    try writeChildren(of: element, scope: scope)
    openElements.append(
      OpenElement(
        qualifiedName: Self.qualified(element.prefix, element.name.localName), namespaces: scope,
        hasChildElements: true, hasText: true))
  }

  private mutating func writeCopy(_ element: XMLElement, scope inherited: [String: String]) throws {
    var scope = inherited
    let tag = startTag(of: element, scope: &scope)
    if element.children.isEmpty {
      try output.write(tag + "/>")
      return
    }
    try output.write(tag + ">")
    try writeChildren(of: element, scope: scope)
    try output.write("</\(Self.qualified(element.prefix, element.name.localName))>")
  }

  private mutating func writeChildren(of element: XMLElement, scope: [String: String]) throws {
    for child in element.children {
      switch child {
      case .element(let child): try writeCopy(child, scope: scope)
      case .text(let text): try output.write(Self.escapeText(text))
      case .comment(let comment): try output.write("<!--\(comment)-->")
      }
    }
  }

  /// The start tag of a copied element (without its closing `>`), declaring in `scope` what its names need.
  private func startTag(of element: XMLElement, scope: inout [String: String]) -> String {
    var tag = "<" + Self.qualified(element.prefix, element.name.localName)
    for declaration in element.namespaceDeclarations {
      scope[declaration.prefix ?? ""] = declaration.uri
      tag += Self.declaration(declaration.prefix, declaration.uri)
    }
    // Prefixes declared on an ancestor in the source document are declared here where they are missing.
    var needed: [(String?, String?)] = [(element.prefix, element.name.namespace)]
    needed += element.attributes.compactMap { $0.prefix == nil ? nil : ($0.prefix, $0.name.namespace) }
    for case (let prefix, let uri?) in needed where scope[prefix ?? ""] != uri && prefix != "xml" {
      scope[prefix ?? ""] = uri
      tag += Self.declaration(prefix, uri)
    }
    if element.prefix == nil && element.name.namespace == nil && !(scope[""] ?? "").isEmpty {
      scope[""] = ""
      tag += " xmlns=\"\""
    }
    for attribute in element.attributes {
      tag +=
        " \(Self.qualified(attribute.prefix, attribute.name.localName))=\"\(Self.escapeAttribute(attribute.value))\""
    }
    return tag
  }

  private mutating func closeStartTag() throws {
    if startTagIsOpen {
      startTagIsOpen = false
      try output.write(">")
    }
  }

  private static func qualified(_ prefix: String?, _ localName: String) -> String {
    prefix.map { "\($0):\(localName)" } ?? localName
  }

  private static func declaration(_ prefix: String?, _ uri: String) -> String {
    (prefix.map { " xmlns:\($0)=\"" } ?? " xmlns=\"") + escapeAttribute(uri) + "\""
  }

  /// Escapes character data; also drops characters XML 1.0 cannot carry.
  public static func escapeText(_ text: String) -> String { MarkupEscaping.xmlText.escape(text) }

  /// Escapes an attribute value for double quotes.
  public static func escapeAttribute(_ text: String) -> String { MarkupEscaping.xmlAttribute.escape(text) }
}
