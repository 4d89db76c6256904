public import XMLSupport

/// An OVAL variables document: values for external variables, by variable id.
public struct OVALVariables: Sendable {
  public let values: [String: [String]]

  /// Loads an `oval_variables` element.
  /// - Throws: `LocatedError` for a variable without an id.
  public init(parsing element: XMLElement) throws {
    guard element.name == XMLName(OVALNamespace.variables, "oval_variables") else {
      throw LocatedError("expected an 'oval_variables' element, found '\(element.localName)'", at: element.location)
    }
    var values: [String: [String]] = [:]
    for variable in element.firstElement(named: "variables")?.elements(named: "variable") ?? [] {
      values[try variable.requiredAttribute("id"), default: []] += variable.elements(named: "value").map(\.text)
    }
    self.values = values
  }
}
