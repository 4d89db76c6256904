public import XMLSupport

/// An OVAL definitions document, loaded once into immutable values.
public struct OVALDefinitions: Sendable {
  /// Definitions in document order.
  public let definitions: [Definition]
  public let tests: [String: OVALTest]
  public let objects: [String: OVALObject]
  public let states: [String: OVALState]
  public let variables: [String: Variable]
  /// The document element as parsed, written back into full OVAL results.
  public let source: XMLElement
  /// The path diagnostics name.
  public let path: String

  private let definitionIndex: [String: Int]

  public init(
    definitions: [Definition], tests: [String: OVALTest], objects: [String: OVALObject],
    states: [String: OVALState], variables: [String: Variable], source: XMLElement, path: String
  ) {
    self.definitions = definitions
    self.tests = tests
    self.objects = objects
    self.states = states
    self.variables = variables
    self.source = source
    self.path = path
    var index: [String: Int] = [:]
    for (position, definition) in definitions.enumerated() { index[definition.id] = position }
    definitionIndex = index
  }

  /// The definition with the given id.
  public func definition(_ id: String) -> Definition? {
    definitionIndex[id].map { definitions[$0] }
  }

  /// The ids of the external variables, which callers must supply values for.
  public var externalVariableIDs: [String] {
    variables.values.filter { if case .external = $0.kind { true } else { false } }.map(\.id).sorted()
  }
}
