public import XMLSupport

/// An XCCDF tailoring document: profiles that adjust a benchmark without editing it (XCCDF 1.2, section 6.7).
public struct Tailoring: Sendable {
  public let id: String
  /// The benchmark it tailors, as its `benchmark href` gives it, if it says.
  public let benchmarkHref: String?
  public let profiles: [Profile]

  /// Loads a `Tailoring` element.
  public init(parsing element: XMLElement) throws {
    let loader = try XCCDFLoader(reading: "Tailoring", element)
    let namespace = loader.namespace
    id = element[attribute: "id"] ?? ""
    benchmarkHref = element.firstElement(named: "benchmark", in: namespace)?[attribute: "href"]
    profiles = try element.elements(named: "Profile", in: namespace).map(loader.profile)
  }
}
