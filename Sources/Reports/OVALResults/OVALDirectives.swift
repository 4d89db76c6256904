import Foundation
public import OVAL
public import XMLSupport

/// Which definition results an OVAL results document reports, and how much of each: `full` with its criteria,
/// `thin` with the result alone (OVAL 5.11.2 results schema, DirectivesType).
public struct OVALDirectives: Sendable {
  public enum Content: String, Sendable { case full, thin }

  public struct Directive: Sendable {
    public let reported: Bool
    public let content: Content
  }

  /// The order of the directive elements in the schema.
  static let order: [OVALResult] = [.true, .false, .unknown, .error, .notEvaluated, .notApplicable]

  private let directives: [String: Directive]

  /// Every result reported in full.
  public static let full = OVALDirectives(directives: [:])

  private init(directives: [String: Directive]) {
    self.directives = directives
  }

  public func directive(for result: OVALResult) -> Directive {
    directives[result.rawValue] ?? Directive(reported: true, content: .full)
  }

  /// Loads an `oval_directives` document (or an `oval_results` one, whose directives are used).
  /// - Throws: `LocatedError` for an unknown content value.
  public init(parsing element: XMLElement) throws {
    guard let section = element.firstElement(named: "directives") else {
      throw LocatedError("'\(element.localName)' has no 'directives' element", at: element.location)
    }
    var directives: [String: Directive] = [:]
    for result in Self.order {
      let name = "definition_" + result.rawValue.replacingOccurrences(of: " ", with: "_")
      guard let directive = section.firstElement(named: name) else { continue }
      let contentText = directive[attribute: "content"] ?? "full"
      guard let content = Content(rawValue: contentText) else {
        throw LocatedError("unknown directive content '\(contentText)'", at: directive.location)
      }
      directives[result.rawValue] = Directive(reported: directive[attribute: "reported"] != "false", content: content)
    }
    self.directives = directives
  }
}

/// The `generator` element every OVAL document Palisade writes starts with.
enum OVALGenerator {
  static let schemaVersion = "5.11.2"

  static func write<Output: XMLOutput>(timestamp: Date, to writer: inout XMLWriter<Output>) throws {
    try writer.startElement("generator")
    try writer.element("oval:product_name", text: ProductInfo.name)
    try writer.element("oval:product_version", text: ProductInfo.version)
    try writer.element("oval:schema_version", text: schemaVersion)
    try writer.element("oval:timestamp", text: UTCTimestamp.string(from: timestamp, .ovalDateTime))
    try writer.endElement()
  }
}
