import Testing

@testable import OVAL

/// A pattern match PCRE2 stops at its limits (`^(a+)+$` against `aaa…ab`) is undecided wherever patterns are used:
/// comparisons, states, filters and regex_capture give `error` with PCRE2's reason, never "no match".
@Suite struct PatternMatchLimitTests {
  static let catastrophicPattern = "^(a+)+$"
  static let catastrophicValue = String(repeating: "a", count: 40) + "b"

  @Test func aMatchPastTheLimitThrowsInsteadOfNotMatching() throws {
    let pattern = try PCREPattern(Self.catastrophicPattern)
    #expect(throws: PatternError.self) { try pattern.matches(Self.catastrophicValue) }
    #expect(throws: PatternError.self) { try pattern.firstMatch(in: Self.catastrophicValue) }
    #expect(throws: PatternError.self) { try pattern.allMatches(in: Self.catastrophicValue) }
    do {
      _ = try pattern.matches(Self.catastrophicValue)
    } catch {
      #expect(error.stage == .matching)
      #expect(error.description == "regular expression '^(a+)+$' could not be matched: match limit exceeded")
    }
    // An ordinary value is still decided.
    #expect(try pattern.matches("aaaa"))
    #expect(try !pattern.matches("b"))
  }

  @Test func comparisonsAreErrors() {
    let (result, message) = ValueComparison(datatype: .string, operation: .patternMatch)
      .compare(actual: Self.catastrophicValue, expected: Self.catastrophicPattern)
    #expect(result == .error)
    #expect(message?.contains("match limit exceeded") == true)
    let prepared = ValueComparator(datatype: .string, operation: .patternMatch, expected: Self.catastrophicPattern)
    #expect(prepared.compare(Self.catastrophicValue).0 == .error)
    #expect(prepared.compare("aaa").0 == .true)
    let entity = Entity(name: "name", value: Self.catastrophicPattern, operation: .patternMatch)
    #expect(
      ObjectEntityMatch(entity, values: [Self.catastrophicPattern]).result(for: Self.catastrophicValue).0 == .error)
  }

  static let tests = """
    <ind:textfilecontent54_test id="oval:t:tst:1" version="1" check="none satisfy" check_existence="at_least_one_exists">
      <ind:object object_ref="oval:t:obj:1"/><ind:state state_ref="oval:t:ste:1"/>
    </ind:textfilecontent54_test>
    <ind:textfilecontent54_test id="oval:t:tst:2" version="1" check="all" check_existence="none_exist">
      <ind:object object_ref="oval:t:obj:2"/>
    </ind:textfilecontent54_test>
    """
  /// The lines of /etc/app.conf, as object `number`, with a filter (its action and state number) when given.
  static func linesObject(_ number: Int, filter: (action: String, state: Int)? = nil) -> String {
    let filterElement = filter.map { #"<filter action="\#($0.action)">oval:t:ste:\#($0.state)</filter>"# } ?? ""
    return #"<ind:textfilecontent54_object id="oval:t:obj:\#(number)" version="1">"#
      + #"<ind:filepath>/etc/app.conf</ind:filepath><ind:pattern operation="pattern match">^(.*)$</ind:pattern>"#
      + #"<ind:instance datatype="int" operation="greater than or equal">1</ind:instance>"#
      + "\(filterElement)</ind:textfilecontent54_object>\n"
  }
  static let objects =
    linesObject(1) + linesObject(2, filter: ("include", 1)) + linesObject(3, filter: ("exclude", 2))

  static let states = """
    <ind:textfilecontent54_state id="oval:t:ste:1" version="1">
      <ind:subexpression operation="pattern match">^(a+)+$</ind:subexpression>
    </ind:textfilecontent54_state>
    <ind:textfilecontent54_state id="oval:t:ste:2" version="1">
      <ind:subexpression var_ref="oval:t:var:9"/>
    </ind:textfilecontent54_state>
    """
  static let variables = """
    <constant_variable id="oval:t:var:1" version="1" datatype="string"><value>\(catastrophicValue)</value></constant_variable>
    <external_variable id="oval:t:var:9" version="1" datatype="string"/>
    <local_variable id="oval:t:var:2" version="1" datatype="string">
      <regex_capture pattern="^(a+)+$"><variable_component var_ref="oval:t:var:1"/></regex_capture>
    </local_variable>
    """

  static func evaluator() throws -> OVALEvaluator {
    let document = try OVALDocument.parse(
      definitions: """
        <definition id="oval:t:def:1" version="1" class="compliance">
          <metadata><title>t</title></metadata><criteria><criterion test_ref="oval:t:tst:1"/></criteria>
        </definition>
        <definition id="oval:t:def:2" version="1" class="compliance">
          <metadata><title>t</title></metadata><criteria><criterion test_ref="oval:t:tst:2"/></criteria>
        </definition>
        """, tests: tests, objects: objects, states: states, variables: variables)
    let lines = [Self.catastrophicValue, Self.catastrophicValue].enumerated().map { index, line in
      Item(
        type: "textfilecontent54_item", family: "independent",
        entities: [
          ItemEntity("filepath", "/etc/app.conf"), ItemEntity("pattern", "^(.*)$"),
          ItemEntity("instance", String(index + 1), datatype: .int), ItemEntity("text", line),
          ItemEntity("subexpression", line),
        ])
    }
    let collector = CountingCollector(
      ["oval:t:obj:1": .found(lines), "oval:t:obj:2": .found(lines), "oval:t:obj:3": .found(lines)])
    return OVALEvaluator(definitions: document, collector: collector)
  }

  @Test func aStateUnderNoneSatisfyIsAnError() async throws {
    let evaluator = try Self.evaluator()
    #expect(await evaluator.evaluate(definitionID: "oval:t:def:1") == .error)
    let messages = evaluator.record.tests["oval:t:tst:1"]?.messages ?? []
    #expect(messages.contains { $0.contains("match limit exceeded") }, "\(messages)")
  }

  @Test func aFilterMakesTheObjectAnErrorSoNoneExistCannotPass() async throws {
    let evaluator = try Self.evaluator()
    #expect(await evaluator.evaluate(definitionID: "oval:t:def:2") == .error)
    let object = try #require(await evaluator.collectedObject("oval:t:obj:2"))
    #expect(object.flag == .error)
    #expect(object.messages.contains { $0.text.contains("match limit exceeded") }, "\(object.messages)")
  }

  /// Only a stopped match makes a filter an error: a state whose variable has no value does not match, as in
  /// OpenSCAP, and content relies on that (an exclude filter on the encrypted networks, when none is).
  @Test func aFilterOnAVariableWithoutValuesStillDoesNotMatch() async throws {
    let evaluator = try Self.evaluator()
    let object = try #require(await evaluator.collectedObject("oval:t:obj:3"))
    #expect(object.flag == .complete)
    #expect(object.itemIDs.count == 2)
  }

  @Test func regexCaptureFails() async throws {
    let evaluator = try Self.evaluator()
    let result = await evaluator.values(ofVariable: "oval:t:var:2")
    #expect(throws: VariableError.self) { try result.get() }
    if case .failure(let error) = result { #expect(error.message.contains("match limit exceeded")) }
  }
}
