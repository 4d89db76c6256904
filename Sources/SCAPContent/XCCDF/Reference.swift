/// A `reference` of a benchmark or rule: plain text with an href, or a Dublin Core block such as DISA's.
public struct Reference: Sendable {
  public let href: String?
  /// The reference's text: its `dc:title` when it has one, else its own text.
  public let text: String
  /// The Dublin Core `dc:identifier`, when the reference has one.
  public let identifier: String?
  /// The Dublin Core `dc:source`, when the reference has one (`STIG.DOD.MIL` in DISA's benchmarks).
  public let source: String?

  public init(href: String?, text: String, identifier: String? = nil, source: String? = nil) {
    self.href = href
    self.text = text
    self.identifier = identifier
    self.source = source
  }
}
