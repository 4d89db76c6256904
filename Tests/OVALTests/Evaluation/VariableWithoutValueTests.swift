import Testing

@testable import OVAL

/// Variables without values in objects: OpenSCAP's answers (the default) and the specification's
/// (OVAL 5.11.2 section 5.3.5.3.2.2.1: an error), see OVALSemantics.
@Suite struct VariableWithoutValueTests {
  /// var:1 is external and never supplied; var:2 reads an object that does not exist (no values); var:3 combines
  /// both (the missing value wins); var:4 reads an object that could not be collected (it failed).
  static func document() throws -> OVALDefinitions {
    let pairs: [(object: String, existence: String, state: Bool)] = [
      ("oval:t:obj:1", "at_least_one_exists", false), ("oval:t:obj:1", "none_exist", false),
      ("oval:t:obj:2", "at_least_one_exists", false), ("oval:t:obj:3", "at_least_one_exists", true),
      ("oval:t:obj:4", "at_least_one_exists", false), ("oval:t:obj:5", "at_least_one_exists", true),
      ("oval:t:obj:6", "at_least_one_exists", true), ("oval:t:obj:7", "none_exist", false),
    ]
    var definitions = ""
    var tests = ""
    for (index, pair) in pairs.enumerated() {
      let number = index + 1
      definitions += """
        <definition id="oval:t:def:\(number)" version="1" class="compliance"><criteria>
          <criterion test_ref="oval:t:tst:\(number)"/></criteria></definition>
        """
      let test =
        ["oval:t:obj:1", "oval:t:obj:2", "oval:t:obj:7"].contains(pair.object) ? "environmentvariable58" : "variable"
      tests += """
        <ind:\(test)_test id="oval:t:tst:\(number)" version="1" check="all" check_existence="\(pair.existence)">
          <ind:object object_ref="\(pair.object)"/>\(pair.state ? #"<ind:state state_ref="oval:t:ste:1"/>"# : "")
        </ind:\(test)_test>
        """
    }
    return try OVALDocument.parse(
      definitions: definitions, tests: tests,
      objects: """
        <ind:environmentvariable58_object id="oval:t:obj:1" version="1">
          <ind:pid datatype="int">1</ind:pid><ind:name var_ref="oval:t:var:2"/></ind:environmentvariable58_object>
        <ind:environmentvariable58_object id="oval:t:obj:2" version="1">
          <ind:pid datatype="int">1</ind:pid><ind:name var_ref="oval:t:var:1"/></ind:environmentvariable58_object>
        <ind:variable_object id="oval:t:obj:3" version="1"><ind:var_ref>oval:t:var:1</ind:var_ref></ind:variable_object>
        <ind:variable_object id="oval:t:obj:4" version="1"><ind:var_ref>oval:t:var:2</ind:var_ref></ind:variable_object>
        <ind:variable_object id="oval:t:obj:5" version="1"><ind:var_ref>oval:t:var:3</ind:var_ref></ind:variable_object>
        <ind:variable_object id="oval:t:obj:6" version="1"><ind:var_ref>oval:t:var:4</ind:var_ref></ind:variable_object>
        <ind:environmentvariable58_object id="oval:t:obj:7" version="1">
          <ind:pid datatype="int">1</ind:pid><ind:name var_ref="oval:t:var:4"/></ind:environmentvariable58_object>
        <ind:environmentvariable58_object id="oval:t:obj:8" version="1">
          <ind:pid datatype="int">1</ind:pid><ind:name>BROKEN</ind:name></ind:environmentvariable58_object>
        <ind:environmentvariable58_object id="oval:t:obj:9" version="1">
          <ind:pid datatype="int">1</ind:pid><ind:name>ABSENT</ind:name></ind:environmentvariable58_object>
        """,
      states: #"<ind:variable_state id="oval:t:ste:1" version="1"><ind:value>x</ind:value></ind:variable_state>"#,
      variables: """
        <external_variable id="oval:t:var:1" version="1" datatype="string"/>
        <local_variable id="oval:t:var:2" version="1" datatype="string">
          <object_component object_ref="oval:t:obj:9" item_field="value"/></local_variable>
        <local_variable id="oval:t:var:3" version="1" datatype="string">
          <concat><variable_component var_ref="oval:t:var:2"/><variable_component var_ref="oval:t:var:1"/></concat>
        </local_variable>
        <local_variable id="oval:t:var:4" version="1" datatype="string">
          <object_component object_ref="oval:t:obj:8" item_field="value"/></local_variable>
        """)
  }

  static func evaluator(_ semantics: OVALSemantics) throws -> OVALEvaluator {
    let collector = CountingCollector([
      "oval:t:obj:8": .error("cannot read the environment"), "oval:t:obj:9": .found([]),
    ])
    return OVALEvaluator(definitions: try document(), collector: collector, semantics: semantics)
  }

  static func results(_ semantics: OVALSemantics) async throws -> [OVALResult] {
    let evaluator = try evaluator(semantics)
    return await evaluator.evaluateAll().map(\.result)
  }

  @Test func asInOpenSCAPAnObjectWhoseVariableHasNoValueDoesNotExist() async throws {
    let evaluator = try Self.evaluator(.openSCAP)
    #expect(await evaluator.evaluate(definitionID: "oval:t:def:1") == .false)
    #expect(await evaluator.evaluate(definitionID: "oval:t:def:2") == .true)
    #expect(await evaluator.evaluate(definitionID: "oval:t:def:3") == .false)
    let object = try #require(await evaluator.collectedObject("oval:t:obj:1"))
    #expect(object.flag == .doesNotExist)
    #expect(object.messages.contains { $0.level == .warning && $0.text.contains("oval:t:var:2") })
    #expect(try #require(await evaluator.collectedObject("oval:t:obj:2")).flag == .doesNotExist)
  }

  @Test func asInOpenSCAPAVariableObjectOfAVariableNotSuppliedHasAnItemWithoutValue() async throws {
    let evaluator = try Self.evaluator(.openSCAP)
    // The item lacks the state's value entity: unknown.
    #expect(await evaluator.evaluate(definitionID: "oval:t:def:4") == .unknown)
    let object = try #require(await evaluator.collectedObject("oval:t:obj:3"))
    #expect(object.flag == .complete)
    let item = try #require(object.itemIDs.first.flatMap { evaluator.record.items[$0] })
    #expect(item.entities.map(\.name) == ["var_ref"])
    // A value not supplied outweighs an object that does not exist in a function's inputs.
    #expect(await evaluator.evaluate(definitionID: "oval:t:def:6") == .unknown)
  }

  /// Unlike OpenSCAP, a variable that failed because an object could not be collected keeps its objects an error,
  /// so that a collection error cannot pass a none_exist test.
  @Test func aVariableThatFailedMakesItsObjectsAnErrorInEither() async throws {
    for semantics in OVALSemantics.allCases {
      let evaluator = try Self.evaluator(semantics)
      #expect(await evaluator.evaluate(definitionID: "oval:t:def:7") == .error)
      #expect(await evaluator.evaluate(definitionID: "oval:t:def:8") == .error)
      #expect(try #require(await evaluator.collectedObject("oval:t:obj:7")).flag == .error)
    }
  }

  @Test func asInOpenSCAPAVariableObjectOfAVariableWithoutValuesDoesNotExist() async throws {
    let evaluator = try Self.evaluator(.openSCAP)
    #expect(await evaluator.evaluate(definitionID: "oval:t:def:5") == .false)
    #expect(try #require(await evaluator.collectedObject("oval:t:obj:4")).flag == .doesNotExist)
  }

  @Test func inTheSpecificationEveryObjectUsingAVariableWithoutValueIsAnError() async throws {
    #expect(try await Self.results(.specification) == Array(repeating: .error, count: 8))
  }
}

/// A field the record lacks is an error (OVAL 5.11.2, EntityStateRecordType), in either semantics.
@Suite struct RecordFieldExistenceTests {
  @Test func aMissingFieldIsAnError() async throws {
    for semantics in OVALSemantics.allCases {
      let document = try OVALEvaluatorTests.document()
      let item = Item(
        type: "yamlfilecontent_item", family: "independent",
        entities: [
          ItemEntity("filepath", "/etc/docker/daemon.json"),
          ItemEntity("value", "", datatype: .record, fields: [ItemEntity("other", "syslog")]),
        ])
      let evaluator = OVALEvaluator(
        definitions: document, collector: CountingCollector(["oval:t:obj:1": .found([item])]),
        externalVariables: OVALEvaluatorTests.allowed, semantics: semantics)
      #expect(await evaluator.evaluate(definitionID: "oval:t:def:1") == .error)
    }
  }
}
