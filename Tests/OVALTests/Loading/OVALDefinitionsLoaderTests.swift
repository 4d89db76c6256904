import OVAL
import Testing
import XMLSupport

@Suite struct OVALDefinitionsLoaderTests {
  @Test func aTestPointingAtAMissingObjectIsNamedWithItsPlace() throws {
    #expect {
      try OVALDocument.parse(
        definitions: "",
        tests: """

          <ind:family_test id="oval:t:tst:1" version="1"><ind:object object_ref="oval:t:obj:9"/></ind:family_test>
          """,
        objects: "")
    } throws: { error in
      let located = try #require(error as? LocatedError)
      return located.message == "test 'oval:t:tst:1' refers to undefined object 'oval:t:obj:9'"
        && located.location.line == 5 && located.location.column == 1
    }
  }

  @Test func aCriterionPointingAtAMissingTestIsRefused() {
    #expect(throws: LocatedError.self) {
      try OVALDocument.parse(
        definitions:
          #"<definition id="oval:t:def:1" version="1" class="compliance"><criteria><criterion test_ref="oval:t:tst:404"/></criteria></definition>"#,
        tests: "", objects: "")
    }
  }

  @Test func anUnknownCheckValueIsRefused() {
    #expect {
      try OVALDocument.parse(
        definitions: "",
        tests:
          #"<ind:family_test id="oval:t:tst:1" version="1" check="most"><ind:object object_ref="oval:t:obj:1"/></ind:family_test>"#,
        objects: #"<ind:family_object id="oval:t:obj:1" version="1"/>"#)
    } throws: { error in
      String(describing: error).contains("unknown check 'most'")
    }
  }
}
