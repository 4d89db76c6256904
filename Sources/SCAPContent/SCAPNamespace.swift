/// The namespaces of the SCAP documents Palisade reads and writes (OVAL's own are `OVALNamespace`).
public enum SCAPNamespace {
  public static let sourceDataStream = "http://scap.nist.gov/schema/scap/source/1.2"
  public static let xccdf12 = "http://checklists.nist.gov/xccdf/1.2"
  public static let xccdf11 = "http://checklists.nist.gov/xccdf/1.1"
  public static let xlink = "http://www.w3.org/1999/xlink"
  public static let catalog = "urn:oasis:names:tc:entity:xmlns:xml:catalog"
  public static let ovalDefinitions = "http://oval.mitre.org/XMLSchema/oval-definitions-5"
  public static let xhtml = "http://www.w3.org/1999/xhtml"
  public static let cpeLanguage = "http://cpe.mitre.org/language/2.0"
  public static let cpeDictionary = "http://cpe.mitre.org/dictionary/2.0"
  /// OCIL 2.0 questionnaires and their results.
  public static let ocil = "http://scap.nist.gov/schema/ocil/2.0"
  /// Asset Reporting Format 1.1 (NIST IR 7694) and the specifications it builds on.
  public static let arf = "http://scap.nist.gov/schema/asset-reporting-format/1.1"
  public static let reportingCore = "http://scap.nist.gov/schema/reporting-core/1.1"
  public static let assetIdentification = "http://scap.nist.gov/schema/asset-identification/1.1"
  public static let arfRelationships = "http://scap.nist.gov/specifications/arf/vocabulary/relationships/1.0#"
  /// Dublin Core elements, in XCCDF references (DISA's STIGs) and SCC results.
  public static let dublinCore = "http://purl.org/dc/elements/1.1/"
}
