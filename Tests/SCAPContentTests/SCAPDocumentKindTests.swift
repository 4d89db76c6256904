import SCAPContent
import Testing
import XMLSupport

/// One place tells what a content document is, by its qualified name.
@Suite struct SCAPDocumentKindTests {
  @Test(arguments: [
    (
      #"<data-stream-collection xmlns="http://scap.nist.gov/schema/scap/source/1.2"/>"#,
      SCAPDocumentKind?.some(.dataStreamCollection)
    ),
    (#"<Benchmark xmlns="http://checklists.nist.gov/xccdf/1.2"/>"#, .benchmark),
    (#"<Benchmark xmlns="http://checklists.nist.gov/xccdf/1.1"/>"#, .benchmark),
    (#"<oval_definitions xmlns="http://oval.mitre.org/XMLSchema/oval-definitions-5"/>"#, .ovalDefinitions),
    (#"<Benchmark/>"#, nil),
    (#"<oval_results xmlns="http://oval.mitre.org/XMLSchema/oval-results-5"/>"#, nil),
  ])
  func kindsByQualifiedName(_ document: String, _ expected: SCAPDocumentKind?) throws {
    #expect(SCAPDocumentKind(try XMLDocument(parsing: document).rootElement()) == expected)
  }
}
