public import XMLSupport

/// An XCCDF text element as written: its characters with any XHTML markup, and the `sub` elements that stand for a
/// Value (XCCDF 1.2 specification, section 6.4.5), kept so that a report can lay it out with a scan's values.
public struct FormattedText: Sendable {
  public let element: XMLElement

  public init(_ element: XMLElement) {
    self.element = element
  }
}
