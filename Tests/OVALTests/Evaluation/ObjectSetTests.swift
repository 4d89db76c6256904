import Foundation
import Testing

@testable import OVAL

/// Sets, filters, variable objects and object components (OVAL 5.11.2 specification, SetElement, FilterElement,
/// variable_object and ObjectComponentType).
@Suite struct ObjectSetTests {
  static func item(_ path: String, mode: String) -> Item {
    Item(type: "file_item", family: "unix", entities: [ItemEntity("filepath", path), ItemEntity("mode", mode)])
  }

  static let answers: [String: CollectedObject] = [
    "oval:t:obj:1": .found([item("/a", mode: "600"), item("/b", mode: "644")]),
    "oval:t:obj:2": .found([item("/b", mode: "644"), item("/c", mode: "777")]),
    "oval:t:obj:9": .error("/d: permission denied"),
  ]

  static func document(objects: String, states: String = "", variables: String = "") throws -> OVALDefinitions {
    try OVALDocument.parse(
      definitions: "", tests: "",
      objects: """
        <unix:file_object xmlns:unix="http://oval.mitre.org/XMLSchema/oval-definitions-5#unix" id="oval:t:obj:1" version="1"><unix:filepath>/x</unix:filepath></unix:file_object>
        <unix:file_object xmlns:unix="http://oval.mitre.org/XMLSchema/oval-definitions-5#unix" id="oval:t:obj:2" version="1"><unix:filepath>/y</unix:filepath></unix:file_object>
        <unix:file_object xmlns:unix="http://oval.mitre.org/XMLSchema/oval-definitions-5#unix" id="oval:t:obj:9" version="1"><unix:filepath>/z</unix:filepath></unix:file_object>
        \(objects)
        """,
      states: """
        <unix:file_state xmlns:unix="http://oval.mitre.org/XMLSchema/oval-definitions-5#unix" id="oval:t:ste:world" version="1"><unix:mode>777</unix:mode></unix:file_state>
        \(states)
        """,
      variables: variables)
  }

  func paths(of objectID: String, in document: OVALDefinitions) async -> (CollectedObjectFlag?, [String]) {
    let evaluator = OVALEvaluator(definitions: document, collector: CountingCollector(Self.answers))
    let collected = await evaluator.collectedObject(objectID)
    let paths = collected?.itemIDs.compactMap { evaluator.record.items[$0]?.entities(named: "filepath").first?.value }
    return (collected?.flag, paths ?? [])
  }

  static func setObject(_ id: String, _ body: String) -> String {
    """
    <unix:file_object xmlns:unix="http://oval.mitre.org/XMLSchema/oval-definitions-5#unix" id="\(id)" version="1">\(body)</unix:file_object>
    """
  }

  @Test func unionKeepsEachItemOnce() async throws {
    let document = try Self.document(
      objects: Self.setObject(
        "oval:t:obj:10",
        #"<set><object_reference>oval:t:obj:1</object_reference><object_reference>oval:t:obj:2</object_reference></set>"#
      ))
    let (flag, paths) = await paths(of: "oval:t:obj:10", in: document)
    #expect(flag == .complete)
    #expect(paths == ["/a", "/b", "/c"])
  }

  @Test func intersectionAndComplement() async throws {
    let document = try Self.document(
      objects: Self.setObject(
        "oval:t:obj:11",
        #"<set set_operator="INTERSECTION"><object_reference>oval:t:obj:1</object_reference><object_reference>oval:t:obj:2</object_reference></set>"#
      )
        + Self.setObject(
          "oval:t:obj:12",
          #"<set set_operator="COMPLEMENT"><object_reference>oval:t:obj:1</object_reference><object_reference>oval:t:obj:2</object_reference></set>"#
        ))
    #expect(await paths(of: "oval:t:obj:11", in: document).1 == ["/b"])
    #expect(await paths(of: "oval:t:obj:12", in: document).1 == ["/a"])
  }

  @Test func filtersInASetAndNestedSets() async throws {
    let document = try Self.document(
      objects: Self.setObject(
        "oval:t:obj:13",
        """
        <set><set><object_reference>oval:t:obj:2</object_reference><filter action="exclude">oval:t:ste:world</filter></set>
        <set><object_reference>oval:t:obj:1</object_reference></set></set>
        """))
    #expect(await paths(of: "oval:t:obj:13", in: document).1 == ["/b", "/a"])
  }

  @Test func anObjectLevelIncludeFilter() async throws {
    let document = try Self.document(
      objects: Self.setObject(
        "oval:t:obj:2", #"<unix:filepath>/y</unix:filepath><filter action="include">oval:t:ste:world</filter>"#
      ).replacingOccurrences(of: "oval:t:obj:2", with: "oval:t:obj:14"))
    let evaluator = OVALEvaluator(
      definitions: document, collector: CountingCollector(["oval:t:obj:14": Self.answers["oval:t:obj:2"] ?? .found([])])
    )
    let collected = await evaluator.collectedObject("oval:t:obj:14")
    #expect(collected?.itemIDs.count == 1)
    #expect(
      collected?.itemIDs.first.flatMap { evaluator.record.items[$0]?.entities(named: "filepath").first?.value } == "/c")
  }

  @Test func anErrorInAnOperandIsAnErrorOfTheSet() async throws {
    let document = try Self.document(
      objects: Self.setObject(
        "oval:t:obj:15",
        #"<set><object_reference>oval:t:obj:1</object_reference><object_reference>oval:t:obj:9</object_reference></set>"#
      ))
    #expect(await paths(of: "oval:t:obj:15", in: document).0 == .error)
  }

  @Test func objectComponentTakesAnEntityOfEveryItem() async throws {
    let document = try Self.document(
      objects: "",
      variables: """
        <local_variable id="oval:t:var:1" version="1" datatype="string" comment="c">
          <object_component object_ref="oval:t:obj:1" item_field="mode"/>
        </local_variable>
        <local_variable id="oval:t:var:2" version="1" datatype="string" comment="c">
          <object_component object_ref="oval:t:obj:1" item_field="owner"/>
        </local_variable>
        """)
    let evaluator = OVALEvaluator(definitions: document, collector: CountingCollector(Self.answers))
    #expect(await evaluator.variableValues("oval:t:var:1") == ["600", "644"])
    #expect(await evaluator.variableValues("oval:t:var:2") == nil)
  }
}
