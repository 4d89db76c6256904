import Foundation
public import XMLSupport

/// Which official schema validates a SCAP document, found under the schemas folder openscap-common installs
/// (or another folder laid out the same way).
public struct SchemaCatalog: Sendable {
  public static let defaultFolder = "/usr/share/openscap/schemas"
  public let folder: String

  public init(folder: String = SchemaCatalog.defaultFolder) {
    self.folder = folder
  }

  /// The schema for a document element; nil for a document Palisade knows no schema for.
  public func schemaPath(for root: XMLElement) -> String? {
    let relative: String?
    switch (root.name.namespace ?? "", root.localName) {
    case _ where SCAPDocumentKind(root) == .dataStreamCollection:
      let isSCAP13 =
        root[attribute: "schematron-version"] == "1.3"
        || root.elements(named: "data-stream").contains { $0[attribute: "scap-version"] == "1.3" }
      relative = isSCAP13 ? "sds/1.3/scap-source-data-stream_1.3.xsd" : "sds/1.2/scap-source-data-stream_1.2.xsd"
    case (SCAPNamespace.xccdf12, _): relative = "xccdf/1.2/xccdf_1.2.xsd"
    case (SCAPNamespace.xccdf11, _): relative = "xccdf/1.1/xccdf-schema.xsd"
    case (SCAPNamespace.ovalDefinitions, _): relative = "oval/5.11.3/oval-definitions-schema.xsd"
    case ("http://oval.mitre.org/XMLSchema/oval-results-5", _): relative = "oval/5.11.3/oval-results-schema.xsd"
    case ("http://oval.mitre.org/XMLSchema/oval-system-characteristics-5", _):
      relative = "oval/5.11.3/oval-system-characteristics-schema.xsd"
    case ("http://oval.mitre.org/XMLSchema/oval-variables-5", _): relative = "oval/5.11.3/oval-variables-schema.xsd"
    case ("http://oval.mitre.org/XMLSchema/oval-directives-5", _): relative = "oval/5.11.3/oval-directives-schema.xsd"
    case (SCAPNamespace.arf, _):
      relative = "arf/1.1/asset-reporting-format_1.1.0.xsd"
    case (SCAPNamespace.cpeDictionary, _): relative = "cpe/2.3/cpe-dictionary_2.3.xsd"
    case (SCAPNamespace.ocil, _): relative = "ocil/2.0/ocil-2.0.xsd"
    default: relative = nil
    }
    return relative.map { URL(fileURLWithPath: folder).appendingPathComponent($0).path }
  }
}
