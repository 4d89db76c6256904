import Foundation
import SCAPContent
import TestSupport
import Testing
import XMLSupport

/// A source data-stream collection: its data streams by role, component references resolved through catalogs, and
/// references to other files or remote resources.
@Suite struct DataStreamTests {
  static func collection(components: String = "", refs: String, path: String = "ds.xml") -> String {
    """
    <ds:data-stream-collection xmlns:ds="http://scap.nist.gov/schema/scap/source/1.2"
        xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:cat="urn:oasis:names:tc:entity:xmlns:xml:catalog"
        id="scap_t_collection_c">
      <ds:data-stream id="scap_t_datastream_d" scap-version="1.3">
    \(refs)
      </ds:data-stream>
    \(components)
    </ds:data-stream-collection>
    """
  }

  static let twoComponents = """
    <ds:component id="scap_t_comp_xccdf"><Benchmark xmlns="http://checklists.nist.gov/xccdf/1.2" id="b"/></ds:component>
    <ds:component id="scap_t_comp_oval">
      <oval_definitions xmlns="http://oval.mitre.org/XMLSchema/oval-definitions-5"/>
    </ds:component>
    """

  static let checklistAndCheck = """
    <ds:checklists>
      <ds:component-ref id="scap_t_cref_xccdf" xlink:href="#scap_t_comp_xccdf">
        <cat:catalog><cat:uri name="oval.xml" uri="#scap_t_cref_oval"/></cat:catalog>
      </ds:component-ref>
    </ds:checklists>
    <ds:checks>
      <ds:component-ref id="scap_t_cref_oval" xlink:href="#scap_t_comp_oval"/>
      <ds:component-ref id="scap_t_cref_feed" xlink:href="https://example.org/feed.oval.xml"/>
    </ds:checks>
    """

  static func load(_ text: String, path: String = "ds.xml") throws -> SourceDataStreamCollection {
    try SourceDataStreamCollection(parsing: try rootElement(text, path: path), path: path)
  }

  @Test func componentRefsAreSortedByRole() throws {
    let collection = try Self.load(Self.collection(components: Self.twoComponents, refs: Self.checklistAndCheck))
    let stream = try #require(collection.dataStreams.first)
    #expect(stream.id == "scap_t_datastream_d" && stream.scapVersion == "1.3")
    #expect(stream.checklists == ["scap_t_cref_xccdf"])
    #expect(stream.checks == ["scap_t_cref_oval", "scap_t_cref_feed"])
    #expect(stream.dictionaries.isEmpty)
    let checklist = try #require(collection.componentRefs["scap_t_cref_xccdf"])
    #expect(try collection.content(of: checklist).localName == "Benchmark")
  }

  @Test func aChecklistsCatalogResolvesAnOVALFileName() throws {
    let collection = try Self.load(Self.collection(components: Self.twoComponents, refs: Self.checklistAndCheck))
    let checklist = try #require(collection.componentRefs["scap_t_cref_xccdf"])
    let oval = try #require(collection.resolve(href: "oval.xml", from: checklist))
    #expect(oval.componentID == "scap_t_comp_oval")
    #expect(try collection.content(of: oval).localName == "oval_definitions")
    #expect(collection.resolve(href: "#scap_t_cref_oval", from: checklist)?.id == "scap_t_cref_oval")
    #expect(collection.resolve(href: "other.xml", from: checklist) == nil)
  }

  @Test func aRemoteResourceIsNeitherResolvedNorFetched() throws {
    let collection = try Self.load(Self.collection(components: Self.twoComponents, refs: Self.checklistAndCheck))
    let feed = try #require(collection.componentRefs["scap_t_cref_feed"])
    #expect(feed.remoteResource == "https://example.org/feed.oval.xml")
    let checklist = try #require(collection.componentRefs["scap_t_cref_xccdf"])
    #expect(collection.resolve(href: "#scap_t_cref_feed", from: checklist) == nil)
    let error = errorText { _ = try collection.content(of: feed) }
    #expect(error.contains("points to the remote resource 'https://example.org/feed.oval.xml'"), "\(error)")
  }

  @Test func aComponentInAnotherDataStreamFileIsReadRelativeToThisOne() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let other = Self.collection(
      components: Self.twoComponents,
      refs: ##"<ds:checks><ds:component-ref id="r" xlink:href="#scap_t_comp_oval"/></ds:checks>"##)
    try Data(other.utf8).write(to: folder.url.appendingPathComponent("other-ds.xml"))
    let main = Self.collection(
      refs: """
        <ds:checks><ds:component-ref id="scap_t_cref_x" xlink:href="file:other-ds.xml#scap_t_comp_oval"/></ds:checks>
        """)
    let collection = try Self.load(main, path: folder.url.appendingPathComponent("main-ds.xml").path)
    let reference = try #require(collection.componentRefs["scap_t_cref_x"])
    #expect(reference.externalFile == "other-ds.xml")
    #expect(try collection.content(of: reference).localName == "oval_definitions")
  }

  @Test func aReferenceToAMissingComponentIsAnErrorNamingThePlace() throws {
    let text = Self.collection(refs: ##"<ds:checks><ds:component-ref id="r" xlink:href="#nowhere"/></ds:checks>"##)
    let error = errorText { _ = try Self.load(text, path: "broken-ds.xml") }
    #expect(error.hasPrefix("broken-ds.xml:5:"), "\(error)")
    #expect(error.contains("component-ref 'r' points to missing component 'nowhere'"), "\(error)")
  }

  @Test func aCollectionWithoutADataStreamIsAnError() throws {
    let text = """
      <ds:data-stream-collection xmlns:ds="http://scap.nist.gov/schema/scap/source/1.2" id="c"/>
      """
    #expect(errorText { _ = try Self.load(text) }.contains("the collection holds no data stream"))
  }

  @Test(
    "a document is recognised by its root element",
    arguments: [
      (
        "<ds:data-stream-collection xmlns:ds='http://scap.nist.gov/schema/scap/source/1.2' id='c'>"
          + "<ds:data-stream id='d'/></ds:data-stream-collection>", "data stream"
      ),
      ("<Benchmark xmlns='http://checklists.nist.gov/xccdf/1.2' id='b'/>", "benchmark"),
      ("<Benchmark xmlns='http://checklists.nist.gov/xccdf/1.1' id='b'/>", "benchmark"),
      ("<oval_definitions xmlns='http://oval.mitre.org/XMLSchema/oval-definitions-5'/>", "OVAL"),
    ])
  func documentKinds(text: String, kind: String) throws {
    let document = try SCAPDocument(parsing: try rootElement(text), path: "x.xml")
    switch document {
    case .dataStreamCollection: #expect(kind == "data stream")
    case .benchmark: #expect(kind == "benchmark")
    case .ovalDefinitions: #expect(kind == "OVAL")
    }
  }

  @Test func aDocumentThatIsNotSCAPIsAnErrorNamingIt() throws {
    let error = errorText {
      _ = try SCAPDocument(parsing: try rootElement("<html/>", path: "page.xml"), path: "page.xml")
    }
    #expect(error.hasPrefix("page.xml:1:"), "\(error)")
    #expect(error.contains("is not a SCAP source data stream, XCCDF benchmark or OVAL definitions document"))
  }
}
