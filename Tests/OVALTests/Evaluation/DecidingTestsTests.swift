import Testing

@testable import OVAL

/// Which tests decided a definition's result, so that a rule carries only the messages that explain it.
@Suite struct DecidingTestsTests {
  /// tst:1 is true, tst:2 and tst:3 false (a variable holding x or y, against a state x), tst:4 unknown.
  static func evaluator() throws -> OVALEvaluator {
    let test = { (number: Int, object: Int) in
      """
      <ind:variable_test id="oval:t:tst:\(number)" version="1" check="all" check_existence="at_least_one_exists">
        <ind:object object_ref="oval:t:obj:\(object)"/><ind:state state_ref="oval:t:ste:1"/></ind:variable_test>
      """
    }
    let definitions = [
      (
        1,
        #"<criteria operator="AND"><criterion test_ref="oval:t:tst:1"/><criterion test_ref="oval:t:tst:2"/><criterion test_ref="oval:t:tst:3"/></criteria>"#
      ),
      (
        2,
        #"<criteria operator="OR"><criterion test_ref="oval:t:tst:2"/><criterion test_ref="oval:t:tst:1"/><criterion test_ref="oval:t:tst:1"/></criteria>"#
      ),
      (
        3,
        #"<criteria operator="AND"><criterion test_ref="oval:t:tst:1"/><criterion test_ref="oval:t:tst:4"/></criteria>"#
      ),
      (
        4,
        #"<criteria operator="OR"><criterion test_ref="oval:t:tst:2"/><extend_definition definition_ref="oval:t:def:1" negate="true"/></criteria>"#
      ),
      (
        5,
        #"<criteria operator="AND"><criterion test_ref="oval:t:tst:1"/><criterion test_ref="oval:t:tst:2" negate="true"/></criteria>"#
      ),
    ].map { number, criteria in
      #"<definition id="oval:t:def:\#(number)" version="1" class="compliance">\#(criteria)</definition>"#
    }.joined()
    let document = try OVALDocument.parse(
      definitions: definitions,
      tests: test(1, 1) + test(2, 2) + test(3, 2) + #"<ind:unknown_test id="oval:t:tst:4" version="1" check="all"/>"#,
      objects: """
        <ind:variable_object id="oval:t:obj:1" version="1"><ind:var_ref>oval:t:var:1</ind:var_ref></ind:variable_object>
        <ind:variable_object id="oval:t:obj:2" version="1"><ind:var_ref>oval:t:var:2</ind:var_ref></ind:variable_object>
        """,
      states: #"<ind:variable_state id="oval:t:ste:1" version="1"><ind:value>x</ind:value></ind:variable_state>"#,
      variables: """
        <constant_variable id="oval:t:var:1" version="1" datatype="string"><value>x</value></constant_variable>
        <constant_variable id="oval:t:var:2" version="1" datatype="string"><value>y</value></constant_variable>
        """)
    return OVALEvaluator(definitions: document, collector: CountingCollector([:]))
  }

  @Test func theTestsWhereEvaluationStopsOrThatShareTheResultDecide() async throws {
    let evaluator = try Self.evaluator()
    let results = await evaluator.evaluateAll().map(\.result)
    #expect(results == [.false, .true, .unknown, .true, .true])
    let record = evaluator.record
    #expect(record.decidingTestIDs(of: "oval:t:def:1") == ["oval:t:tst:2"], "the first false child of a false AND")
    #expect(record.decidingTestIDs(of: "oval:t:def:2") == ["oval:t:tst:1"], "the first true child of a true OR")
    #expect(record.decidingTestIDs(of: "oval:t:def:3") == ["oval:t:tst:4"], "the unknown child, not the true one")
    #expect(record.decidingTestIDs(of: "oval:t:def:4") == ["oval:t:tst:2"], "through a negated extended definition")
    #expect(
      record.decidingTestIDs(of: "oval:t:def:5") == ["oval:t:tst:1", "oval:t:tst:2"], "every child of a true AND")
  }

  @Test func theRecordFindsEachEvaluatedDefinitionByID() async throws {
    let evaluator = try Self.evaluator()
    // def:4 extends def:1, so def:1 is recorded before def:4 whichever is asked first.
    #expect(await evaluator.evaluate(definitionID: "oval:t:def:4") == .true)
    let record = evaluator.record
    #expect(record.definitions.map(\.id) == ["oval:t:def:1", "oval:t:def:4"])
    #expect(record.definition("oval:t:def:1")?.result == .false)
    #expect(record.definition("oval:t:def:4")?.result == .true)
    #expect(record.definition("oval:t:def:2") == nil, "not evaluated")
    #expect(record.decidingTestIDs(of: "oval:t:def:2").isEmpty)
  }
}
