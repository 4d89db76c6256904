public import SCAPContent
public import XMLSupport

/// The OCIL 2.0 document of a source data stream (SSG's manual checks, the Docker content's questionnaires): its
/// questionnaires, test actions and questions, in document order and by id.
public struct OCILComponent {
  public let root: XMLElement
  /// Questionnaires by id.
  public let questionnaires: [String: XMLElement]

  /// The first OCIL component of `document`; nil when it is not a data stream or holds none.
  public init?(in document: SCAPDocument) {
    guard case .dataStreamCollection(let collection) = document,
      let ocil = collection.componentRefs.values.sorted(by: { $0.id < $1.id }).lazy.compactMap({
        try? collection.content(of: $0)
      }).first(where: { $0.localName == "ocil" && $0.name.namespace == SCAPNamespace.ocil })
    else { return nil }
    root = ocil
    questionnaires = Dictionary(
      ocil.firstElement(named: "questionnaires", in: SCAPNamespace.ocil)?.elements.compactMap { element in
        element[attribute: "id"].map { ($0, element) }
      } ?? []
    ) { first, _ in first }
  }

  /// The children of the document's `questionnaires`, `test_actions` or `questions`, in order.
  public func children(_ section: String) -> [XMLElement] {
    root.firstElement(named: section, in: SCAPNamespace.ocil)?.elements ?? []
  }

  /// The test action ids a questionnaire refers to, in order.
  public static func testActionIDs(of questionnaire: XMLElement) -> [String] {
    questionnaire.firstElement(named: "actions", in: SCAPNamespace.ocil)?.elements(
      named: "test_action_ref", in: SCAPNamespace.ocil
    ).map(\.trimmedText) ?? []
  }
}
