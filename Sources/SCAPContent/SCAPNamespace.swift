/// The namespaces of the SCAP documents Palisade reads.
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
}
