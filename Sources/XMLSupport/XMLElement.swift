import Foundation

/// A namespace-qualified XML name.
public struct XMLName: Hashable, Sendable, CustomStringConvertible {
  /// The namespace URI, or nil for a name in no namespace.
  public let namespace: String?
  /// The local part of the name.
  public let localName: String

  /// Creates a name from a namespace URI and a local part.
  public init(_ namespace: String?, _ localName: String) {
    self.namespace = namespace
    self.localName = localName
  }

  public var description: String {
    namespace.map { "{\($0)}\(localName)" } ?? localName
  }
}

/// A prefix bound to a namespace URI by an `xmlns` attribute; a nil prefix is the default namespace.
public struct XMLNamespaceDeclaration: Hashable, Sendable {
  public let prefix: String?
  public let uri: String

  public init(prefix: String?, uri: String) {
    self.prefix = prefix
    self.uri = uri
  }
}

/// An attribute as it appeared in the source: its prefix is kept so the element can be written back unchanged.
public struct XMLAttribute: Hashable, Sendable {
  public let prefix: String?
  public let name: XMLName
  public let value: String

  public init(prefix: String? = nil, name: XMLName, value: String) {
    self.prefix = prefix
    self.name = name
    self.value = value
  }
}

/// A child of an element: another element, character data, or a comment.
public enum XMLNode: Sendable {
  case element(XMLElement)
  case text(String)
  case comment(String)
}

/// An element parsed once from libxml2 into an immutable Swift value, with where it came from.
public struct XMLElement: Sendable {
  public let prefix: String?
  public let name: XMLName
  public let namespaceDeclarations: [XMLNamespaceDeclaration]
  public let attributes: [XMLAttribute]
  public let children: [XMLNode]
  /// Where the element's start tag is in its source document.
  public let location: SourceLocation

  public init(
    prefix: String? = nil, name: XMLName, namespaceDeclarations: [XMLNamespaceDeclaration] = [],
    attributes: [XMLAttribute] = [], children: [XMLNode] = [], location: SourceLocation = .unknown
  ) {
    self.prefix = prefix
    self.name = name
    self.namespaceDeclarations = namespaceDeclarations
    self.attributes = attributes
    self.children = children
    self.location = location
  }

  /// The local name, for readable checks when the namespace is already known.
  public var localName: String { name.localName }

  /// The element children, in document order.
  public var elements: [XMLElement] {
    children.compactMap { if case .element(let element) = $0 { element } else { nil } }
  }

  /// The element children with the given local name, in the given namespace (any namespace when nil).
  public func elements(named localName: String, in namespace: String? = nil) -> [XMLElement] {
    elements.filter { $0.name.localName == localName && (namespace == nil || $0.name.namespace == namespace) }
  }

  /// The first element child with the given local name, in the given namespace (any namespace when nil).
  public func firstElement(named localName: String, in namespace: String? = nil) -> XMLElement? {
    for case .element(let element) in children
    where element.name.localName == localName && (namespace == nil || element.name.namespace == namespace) {
      return element
    }
    return nil
  }

  /// The value of an attribute in no namespace, or in the given one.
  public subscript(attribute localName: String, namespace namespace: String? = nil) -> String? {
    attributes.first { $0.name.localName == localName && $0.name.namespace == namespace }?.value
  }

  /// The concatenated character data of this element and its descendants.
  public var text: String {
    var result = ""
    appendText(to: &result)
    return result
  }

  /// The character data with leading and trailing white space removed.
  public var trimmedText: String {
    // White space is Unicode's White_Space property, the characters of `CharacterSet.whitespacesAndNewlines`,
    // trimmed here without Foundation's round trip through UTF-16.
    let scalars = text.unicodeScalars
    guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
      let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
    else { return "" }
    return String(scalars[first...last])
  }

  private func appendText(to result: inout String) {
    for child in children {
      switch child {
      case .text(let text): result += text
      case .element(let element): element.appendText(to: &result)
      case .comment: break
      }
    }
  }

  /// This element and all its descendant elements, depth first in document order.
  public func descendantsAndSelf() -> [XMLElement] {
    var result: [XMLElement] = []
    var stack: [XMLElement] = [self]
    while let element = stack.popLast() {
      result.append(element)
      stack.append(contentsOf: element.elements.reversed())
    }
    return result
  }
}
