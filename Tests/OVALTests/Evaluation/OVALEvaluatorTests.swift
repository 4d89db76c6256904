import OVAL
import Testing

@Suite struct OVALEvaluatorTests {
  static let definitions = """
    <definition id="oval:t:def:1" version="1" class="compliance">
      <metadata><title>log driver allowed</title></metadata>
      <criteria operator="AND">
        <criterion test_ref="oval:t:tst:1"/>
      </criteria>
    </definition>
    <definition id="oval:t:def:2" version="1" class="compliance">
      <metadata><title>same object again</title></metadata>
      <criteria><criterion test_ref="oval:t:tst:2" negate="true"/></criteria>
    </definition>
    """
  static let tests = """
    <ind:yamlfilecontent_test id="oval:t:tst:1" version="1" check="all" check_existence="at_least_one_exists">
      <ind:object object_ref="oval:t:obj:1"/>
      <ind:state state_ref="oval:t:ste:1"/>
    </ind:yamlfilecontent_test>
    <ind:yamlfilecontent_test id="oval:t:tst:2" version="1" check="all" check_existence="none_exist">
      <ind:object object_ref="oval:t:obj:1"/>
    </ind:yamlfilecontent_test>
    """
  static let objects = """
    <ind:yamlfilecontent_object id="oval:t:obj:1" version="1">
      <ind:filepath>/etc/docker/daemon.json</ind:filepath>
      <ind:yamlpath>.log-driver</ind:yamlpath>
    </ind:yamlfilecontent_object>
    """
  static let states = """
    <ind:yamlfilecontent_state id="oval:t:ste:1" version="1">
      <ind:value datatype="record">
        <field name="#" operation="equals" var_ref="oval:t:var:2" var_check="at least one"/>
      </ind:value>
    </ind:yamlfilecontent_state>
    """
  static let variables = """
    <external_variable id="oval:t:var:1" version="1" datatype="string"/>
    <local_variable id="oval:t:var:2" version="1" datatype="string">
      <split delimiter=","><variable_component var_ref="oval:t:var:1"/></split>
    </local_variable>
    """

  static func document() throws -> OVALDefinitions {
    try OVALDocument.parse(
      definitions: definitions, tests: tests, objects: objects, states: states, variables: variables)
  }

  static func driverItem(_ driver: String) -> Item {
    Item(
      type: "yamlfilecontent_item", family: "independent",
      entities: [
        ItemEntity("filepath", "/etc/docker/daemon.json"),
        ItemEntity("value", "", datatype: .record, fields: [ItemEntity("#", driver)]),
      ])
  }

  static let allowed = ["oval:t:var:1": ["syslog,awslogs,splunk"]]

  @Test(arguments: [("syslog", OVALResult.true), ("splunk", .true), ("json-file", .false)])
  func recordFieldIsComparedWithEverySplitValue(driver: String, expected: OVALResult) async throws {
    let collector = CountingCollector(["oval:t:obj:1": .found([Self.driverItem(driver)])])
    let evaluator = OVALEvaluator(
      definitions: try Self.document(), collector: collector, externalVariables: Self.allowed)
    #expect(await evaluator.evaluate(definitionID: "oval:t:def:1") == expected)
    #expect(evaluator.record.variableValues["oval:t:var:2"] == ["syslog", "awslogs", "splunk"])
  }

  @Test func anObjectUsedByTwoTestsIsCollectedOnce() async throws {
    let collector = CountingCollector(["oval:t:obj:1": .found([Self.driverItem("syslog")])])
    let evaluator = OVALEvaluator(
      definitions: try Self.document(), collector: collector, externalVariables: Self.allowed)
    #expect(await evaluator.evaluate(definitionID: "oval:t:def:1") == .true)
    #expect(await evaluator.evaluate(definitionID: "oval:t:def:2") == .true)
    #expect(await collector.requests["oval:t:obj:1"] == 1)
    #expect(evaluator.record.items.count == 1)
  }

  @Test func aMissingFileFailsTheExistenceCheck() async throws {
    let collector = CountingCollector(["oval:t:obj:1": .found([])])
    let evaluator = OVALEvaluator(
      definitions: try Self.document(), collector: collector, externalVariables: Self.allowed)
    #expect(await evaluator.evaluate(definitionID: "oval:t:def:1") == .false)
    #expect(evaluator.record.collectedObjects["oval:t:obj:1"]?.flag == .doesNotExist)
  }

  @Test func aCollectionErrorIsAnErrorWithItsMessage() async throws {
    let collector = CountingCollector([
      "oval:t:obj:1": .error("/etc/docker/daemon.json:1:24: did not find expected node")
    ])
    let evaluator = OVALEvaluator(
      definitions: try Self.document(), collector: collector, externalVariables: Self.allowed)
    #expect(await evaluator.evaluate(definitionID: "oval:t:def:1") == .error)
    #expect(evaluator.record.tests["oval:t:tst:1"]?.messages.first?.contains("daemon.json") == true)
  }

  @Test func anUncollectedObjectIsUnknown() async throws {
    let collector = CountingCollector(["oval:t:obj:1": .notCollected("not supported")])
    let evaluator = OVALEvaluator(
      definitions: try Self.document(), collector: collector, externalVariables: Self.allowed)
    #expect(await evaluator.evaluate(definitionID: "oval:t:def:1") == .unknown)
  }

  @Test func anExternalVariableWithoutAValueIsAnErrorNotACrash() async throws {
    let collector = CountingCollector(["oval:t:obj:1": .found([Self.driverItem("syslog")])])
    let evaluator = OVALEvaluator(definitions: try Self.document(), collector: collector)
    #expect(await evaluator.evaluate(definitionID: "oval:t:def:1") == .error)
    #expect(evaluator.record.tests["oval:t:tst:1"]?.messages.contains { $0.contains("oval:t:var:1") } == true)
  }

  @Test func objectEntityVariablesAreResolvedBeforeCollection() async throws {
    let document = try OVALDocument.parse(
      definitions:
        #"<definition id="oval:t:def:1" version="1" class="compliance"><criteria><criterion test_ref="oval:t:tst:1"/></criteria></definition>"#,
      tests:
        #"<ind:textfilecontent54_test id="oval:t:tst:1" version="1" check="all"><ind:object object_ref="oval:t:obj:1"/></ind:textfilecontent54_test>"#,
      objects:
        #"<ind:textfilecontent54_object id="oval:t:obj:1" version="1"><ind:filepath var_ref="oval:t:var:1"/><ind:pattern>x</ind:pattern><ind:instance datatype="int">1</ind:instance></ind:textfilecontent54_object>"#,
      variables:
        #"<constant_variable id="oval:t:var:1" version="1" datatype="string"><value>/a</value><value>/b</value></constant_variable>"#
    )
    let collector = CountingCollector(["oval:t:obj:1": .found([])])
    let evaluator = OVALEvaluator(definitions: document, collector: collector)
    _ = await evaluator.evaluate(definitionID: "oval:t:def:1")
    #expect(await collector.lastValues["oval:t:obj:1"]?["filepath"] == ["/a", "/b"])
    #expect(await collector.lastValues["oval:t:obj:1"]?["pattern"] == ["x"])
  }

  @Test func anExtendDefinitionCycleIsAnError() async throws {
    let document = try OVALDocument.parse(
      definitions: """
        <definition id="oval:t:def:1" version="1" class="compliance"><criteria>
          <extend_definition definition_ref="oval:t:def:2"/></criteria></definition>
        <definition id="oval:t:def:2" version="1" class="compliance"><criteria>
          <extend_definition definition_ref="oval:t:def:1"/></criteria></definition>
        """, tests: "", objects: "")
    let evaluator = OVALEvaluator(definitions: document, collector: CountingCollector([:]))
    #expect(await evaluator.evaluate(definitionID: "oval:t:def:1") == .error)
  }
}

/// State entities' check_existence and nil (OVAL 5.11.2, EntityStateSimpleBaseType).
@Suite struct StateEntityExistenceTests {
  static func evaluate(state: String, item: Item, semantics: OVALSemantics = .openSCAP) async throws -> OVALResult {
    let document = try OVALDocument.parse(
      definitions:
        #"<definition id="oval:t:def:1" version="1" class="compliance"><criteria><criterion test_ref="oval:t:tst:1"/></criteria></definition>"#,
      tests:
        #"<ind:environmentvariable58_test id="oval:t:tst:1" version="1" check="all"><ind:object object_ref="oval:t:obj:1"/><ind:state state_ref="oval:t:ste:1"/></ind:environmentvariable58_test>"#,
      objects:
        #"<ind:environmentvariable58_object id="oval:t:obj:1" version="1"><ind:pid xsi:nil="true" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/><ind:name>PATH</ind:name></ind:environmentvariable58_object>"#,
      states:
        #"<ind:environmentvariable58_state id="oval:t:ste:1" version="1">\#(state)</ind:environmentvariable58_state>"#)
    let evaluator = OVALEvaluator(
      definitions: document, collector: CountingCollector(["oval:t:obj:1": .found([item])]), semantics: semantics)
    return await evaluator.evaluate(definitionID: "oval:t:def:1")
  }

  static let item = Item(
    type: "environmentvariable58_item", family: "independent",
    entities: [ItemEntity("name", "PATH"), ItemEntity("value", "/usr/bin")])

  @Test func inTheSpecificationAnEntityTheItemLacksFailsTheDefaultExistenceCheck() async throws {
    #expect(
      try await Self.evaluate(state: "<ind:pid>1</ind:pid>", item: Self.item, semantics: .specification) == .false)
  }

  @Test func inTheSpecificationNoneExistAcceptsAnItemWithoutTheEntity() async throws {
    let lacking = #"<ind:pid check_existence="none_exist">1</ind:pid>"#
    #expect(try await Self.evaluate(state: lacking, item: Self.item, semantics: .specification) == .true)
    let present = #"<ind:value check_existence="none_exist">x</ind:value>"#
    #expect(try await Self.evaluate(state: present, item: Self.item, semantics: .specification) == .false)
  }

  /// OpenSCAP applies check_existence to all the item's entities, so a state entity the item lacks leaves the
  /// comparison unknown, and none_exist fails on the item's other entities.
  @Test func asInOpenSCAPAnEntityTheItemLacksIsUnknown() async throws {
    #expect(try await Self.evaluate(state: "<ind:pid>1</ind:pid>", item: Self.item) == .unknown)
    #expect(
      try await Self.evaluate(state: #"<ind:pid check_existence="none_exist">1</ind:pid>"#, item: Self.item) == .false)
    let noEntities = Item(type: "environmentvariable58_item", family: "independent", entities: [])
    #expect(try await Self.evaluate(state: "<ind:pid>1</ind:pid>", item: noEntities) == .false)
  }

  @Test func anEntityTheItemHasIsComparedAlike() async throws {
    for semantics in OVALSemantics.allCases {
      #expect(
        try await Self.evaluate(state: "<ind:value>/usr/bin</ind:value>", item: Self.item, semantics: semantics)
          == .true)
      #expect(
        try await Self.evaluate(state: "<ind:value>/bin</ind:value>", item: Self.item, semantics: semantics) == .false)
    }
  }

  @Test func aNilStateEntityMatchesAnEmptyValue() async throws {
    let empty = Item(
      type: "environmentvariable58_item", family: "independent",
      entities: [ItemEntity("name", "PATH"), ItemEntity("value", "")])
    let state = #"<ind:value xsi:nil="true" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>"#
    #expect(try await Self.evaluate(state: state, item: empty) == .true)
    #expect(try await Self.evaluate(state: state, item: Self.item) == .false)
  }
}
