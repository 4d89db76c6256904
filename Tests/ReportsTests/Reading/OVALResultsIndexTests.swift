import OVAL
import Testing
import XMLSupport

@testable import Reports

/// The reader decodes OVAL results into OVAL's own enumerations, with the schema's defaults where an attribute is
/// absent, so that a test's evidence reads the same vocabulary the evaluator writes.
@Suite struct OVALResultsIndexTests {
  static func index(test: String, definitionResult: String = #"result="false""#) throws -> OVALResultsIndex {
    let results = """
      <oval_results xmlns="http://oval.mitre.org/XMLSchema/oval-results-5"
          xmlns:d="http://oval.mitre.org/XMLSchema/oval-definitions-5"
          xmlns:ind="http://oval.mitre.org/XMLSchema/oval-definitions-5#independent"
          xmlns:sc="http://oval.mitre.org/XMLSchema/oval-system-characteristics-5"
          xmlns:ind-sc="http://oval.mitre.org/XMLSchema/oval-system-characteristics-5#independent">
        <d:oval_definitions>
          <d:definitions><d:definition id="oval:t:def:1" version="1" class="compliance">
            <d:criteria><d:criterion test_ref="oval:t:tst:1"/></d:criteria></d:definition></d:definitions>
          <d:tests>\(test)</d:tests>
          <d:objects><ind:textfilecontent54_object id="oval:t:obj:1" version="1">
            <ind:filepath>/etc/x.conf</ind:filepath>
            <ind:pattern operation="pattern match">^x=(.*)$</ind:pattern>
            <ind:instance datatype="int" operation="greater than or equal">1</ind:instance>
            <d:filter action="include">oval:t:ste:1</d:filter>
          </ind:textfilecontent54_object></d:objects>
          <d:states><ind:textfilecontent54_state id="oval:t:ste:1" version="1" operator="OR">
            <ind:subexpression operation="not equal" var_ref="oval:t:var:1" var_check="none satisfy"/>
          </ind:textfilecontent54_state></d:states>
          <d:variables><d:constant_variable id="oval:t:var:1" version="1" datatype="string">
            <d:value>y</d:value></d:constant_variable></d:variables>
        </d:oval_definitions>
        <results><system>
          <definitions><definition definition_id="oval:t:def:1" version="1" \(definitionResult)/></definitions>
          <tests><test test_id="oval:t:tst:1" version="1" check="all" result="false">
            <tested_item item_id="1" result="false"/></test></tests>
          <sc:oval_system_characteristics>
            <sc:collected_objects><sc:object id="oval:t:obj:1" version="1" flag="complete">
              <sc:reference item_ref="1"/></sc:object></sc:collected_objects>
            <sc:system_data><ind-sc:textfilecontent_item id="1" status="exists">
              <ind-sc:filepath>/etc/x.conf</ind-sc:filepath>
              <ind-sc:subexpression status="does not exist"/>
            </ind-sc:textfilecontent_item></sc:system_data>
          </sc:oval_system_characteristics>
        </system></results>
      </oval_results>
      """
    return OVALResultsIndex(results: try XMLDocument(parsing: results).rootElement())
  }

  static let test = """
    <ind:textfilecontent54_test id="oval:t:tst:1" version="1" check="at least one" check_existence="none_exist"
        state_operator="XOR"><ind:object object_ref="oval:t:obj:1"/><ind:state state_ref="oval:t:ste:1"/>
    </ind:textfilecontent54_test>
    """

  @Test func decodesEachAttributeIntoOVALsEnumerations() throws {
    let index = try Self.index(test: Self.test)
    #expect(index.result(ofDefinition: "oval:t:def:1") == .false)
    let evidence = try #require(index.evidence(forDefinition: "oval:t:def:1", exports: []).first)
    #expect(evidence.result == .false)
    #expect(evidence.checkExistence == .noneExist)
    #expect(evidence.check == .atLeastOne)
    #expect(evidence.stateOperator == .xor)
    let object = try #require(evidence.object)
    #expect(object.flag == .complete)
    #expect(object.filters.map(\.action) == [.include])
    #expect(object.entities.map(\.operation) == [.equals, .patternMatch, .greaterThanOrEqual])
    #expect(object.entities.map(\.datatype) == [nil, nil, .int])
    let item = try #require(evidence.items.first)
    #expect(item.status == .exists)
    #expect(item.result == .false)
    #expect(item.entities.map(\.status) == [nil, .doesNotExist])
    let state = try #require(evidence.states.first)
    #expect(state.stateOperator == .or)
    #expect(state.entities.first?.operation == .notEqual)
    #expect(state.entities.first?.variableCheck == .noneSatisfy)
    #expect(state.entities.first?.values == ["y"])
    #expect(
      EvidenceWording.requirement(of: evidence)
        == "no item may exist after the filters; at least one item found must match")
  }

  /// Attributes the schema gives defaults to read as those defaults when absent or outside the enumeration; a
  /// result outside OVAL's results reads `unknown`, and a missing one `not evaluated`.
  @Test func absentOrUnknownValuesReadAsTheSchemasDefaults() throws {
    let plain =
      #"<ind:textfilecontent54_test id="oval:t:tst:1" version="1" check="sometimes" check_existence="most"><ind:object object_ref="oval:t:obj:1"/></ind:textfilecontent54_test>"#
    let index = try Self.index(test: plain, definitionResult: #"result="maybe""#)
    #expect(index.result(ofDefinition: "oval:t:def:1") == .unknown)
    #expect(index.result(ofDefinition: "oval:t:def:2") == nil)
    let evidence = try #require(index.evidence(forDefinition: "oval:t:def:1", exports: []).first)
    #expect(evidence.checkExistence == .atLeastOneExists)
    #expect(evidence.check == .all)
    #expect(evidence.stateOperator == .and)
    #expect(OVALResultsIndex.result(nil) == .notEvaluated)
    #expect(OVALResultsIndex.result("not applicable") == .notApplicable)
  }

  @Test(arguments: [
    (ExistenceEnumeration.allExist, "every item looked for must exist"),
    (.anyExist, "any number of items may exist"), (.atLeastOneExists, "at least one item must exist"),
    (.noneExist, "no item may exist"), (.onlyOneExists, "exactly one item must exist"),
  ])
  func existenceIsWordedByItsCase(_ existence: ExistenceEnumeration, _ words: String) {
    #expect(EvidenceWording.existence(existence) == words)
  }
}
