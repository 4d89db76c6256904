import Testing

@testable import OVAL

/// Chains of extend_definition and of variables: thousands long they are evaluated in time linear in their length
/// (each definition and variable once), deeper than `OVALEvaluator.maximumReferenceDepth` they are an error naming
/// the reference that went too deep, and within it they are decided as usual.
@Suite struct ReferenceDepthTests {
  /// Definition 1 extends 2, which extends 3, ..., down to `length`, whose criterion tests a variable holding "x".
  static func definitionChain(_ length: Int) throws -> OVALDefinitions {
    var definitions = ""
    for index in 1...length {
      let child =
        index < length
        ? #"<extend_definition definition_ref="oval:t:def:\#(index + 1)"/>"# : #"<criterion test_ref="oval:t:tst:1"/>"#
      definitions +=
        #"<definition id="oval:t:def:\#(index)" version="1" class="compliance"><metadata><title>t</title></metadata>"#
        + "<criteria>\(child)</criteria></definition>\n"
    }
    return try OVALDocument.parse(
      definitions: definitions, tests: variableTest(variable: 1), objects: variableObject(variable: 1),
      states: xState, variables: constant)
  }

  /// One definition whose test reads variable `length`, which is variable `length - 1`, ..., down to a constant "x".
  static func variableChain(_ length: Int) throws -> OVALDefinitions {
    var variables = constant
    for index in stride(from: 2, through: length, by: 1) {
      variables +=
        #"<local_variable id="oval:t:var:\#(index)" version="1" datatype="string" comment="c">"#
        + #"<variable_component var_ref="oval:t:var:\#(index - 1)"/></local_variable>"# + "\n"
    }
    return try OVALDocument.parse(
      definitions: """
        <definition id="oval:t:def:1" version="1" class="compliance">
          <metadata><title>t</title></metadata><criteria><criterion test_ref="oval:t:tst:1"/></criteria>
        </definition>
        """, tests: variableTest(variable: length), objects: variableObject(variable: length), states: xState,
      variables: variables)
  }

  static let constant =
    #"<constant_variable id="oval:t:var:1" version="1" datatype="string" comment="c"><value>x</value></constant_variable>"#
    + "\n"
  static let xState =
    #"<ind:variable_state id="oval:t:ste:1" version="1"><ind:value>x</ind:value></ind:variable_state>"#

  static func variableTest(variable: Int) -> String {
    #"<ind:variable_test id="oval:t:tst:1" version="1" check="all"><ind:object object_ref="oval:t:obj:1"/>"#
      + #"<ind:state state_ref="oval:t:ste:1"/></ind:variable_test>"#
  }

  static func variableObject(variable: Int) -> String {
    #"<ind:variable_object id="oval:t:obj:1" version="1"><ind:var_ref>oval:t:var:\#(variable)</ind:var_ref>"#
      + "</ind:variable_object>"
  }

  static let allowed = OVALEvaluator.maximumReferenceDepth - 10

  @Test func aDefinitionChainWithinTheLimitIsDecided() async throws {
    let evaluator = OVALEvaluator(
      definitions: try Self.definitionChain(Self.allowed), collector: CountingCollector([:]))
    #expect(await evaluator.evaluate(definitionID: "oval:t:def:1") == .true)
    #expect(evaluator.record.definitions.count == Self.allowed)
  }

  @Test func aDefinitionChainPastTheLimitIsAnErrorNamingWhereItStopped() async throws {
    let evaluator = OVALEvaluator(definitions: try Self.definitionChain(4000), collector: CountingCollector([:]))
    let results = await evaluator.evaluateAll()
    #expect(results.count == 4000)
    #expect(results.first?.result == .error)
    // Each definition is evaluated once; those past the limit from definition 1 are evaluated from the top level.
    #expect(results.last?.result == .true)
    let stopped = evaluator.record.definitions.filter { !$0.messages.isEmpty }
    let limit = OVALEvaluator.maximumReferenceDepth
    #expect(stopped.first?.id == "oval:t:def:\(limit + 1)")
    #expect(stopped.count == 3)
    #expect(
      stopped.first?.messages == [
        "definition 'oval:t:def:\(limit + 1)' is reached through more than \(limit) nested references "
          + "(extend_definition, variables, objects); it is not evaluated"
      ])
  }

  @Test func aVariableChainWithinTheLimitIsDecided() async throws {
    let evaluator = OVALEvaluator(definitions: try Self.variableChain(Self.allowed), collector: CountingCollector([:]))
    #expect(await evaluator.evaluate(definitionID: "oval:t:def:1") == .true)
    #expect(evaluator.record.variableValues["oval:t:var:\(Self.allowed)"] == ["x"])
  }

  @Test func aVariableChainPastTheLimitIsAnError() async throws {
    let evaluator = OVALEvaluator(definitions: try Self.variableChain(4000), collector: CountingCollector([:]))
    #expect(await evaluator.evaluate(definitionID: "oval:t:def:1") == .error)
    let object = try #require(evaluator.record.collectedObjects["oval:t:obj:1"])
    #expect(object.flag == .error)
    #expect(
      object.messages.contains { $0.text.contains("is reached through more than 1000 nested references") },
      "\(object.messages)")
  }
}
