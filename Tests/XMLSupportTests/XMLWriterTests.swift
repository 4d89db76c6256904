import Testing
import XMLSupport

@Suite struct XMLWriterTests {
  @Test func escapesTextAndAttributes() throws {
    var writer = XMLWriter(output: XMLStringOutput())
    try writer.startElement("a", attributes: ["v": "x\"<&>\ny"])
    try writer.text("1 < 2 & 3 > 2")
    try writer.endElement()
    #expect(writer.output.text == "<a v=\"x&quot;&lt;&amp;&gt;&#10;y\">1 &lt; 2 &amp; 3 &gt; 2</a>")
  }

  @Test func declaresPrefixesACopiedElementBorrowedFromItsAncestors() throws {
    let source = try XMLDocument(
      parsing: "<ds:c xmlns:ds='urn:ds' xmlns:o='urn:o'><ds:comp><o:defs o:x='1'><o:d/></o:defs></ds:comp></ds:c>",
      path: "ds.xml"
    ).rootElement()
    let definitions = try #require(source.elements.first?.elements.first)
    var writer = XMLWriter(output: XMLStringOutput())
    try writer.startElement("report")
    try writer.copy(definitions)
    try writer.endElement()
    let copied = try XMLDocument(parsing: writer.output.text, path: "out.xml").rootElement()
    let copiedDefinitions = try #require(copied.elements.first)
    #expect(copiedDefinitions.name == XMLName("urn:o", "defs"))
    #expect(copiedDefinitions[attribute: "x", namespace: "urn:o"] == "1")
    #expect(copiedDefinitions.elements.first?.name == XMLName("urn:o", "d"))
  }

  @Test func keepsAnUnprefixedElementOutOfAnInheritedDefaultNamespace() throws {
    let source = try XMLDocument(parsing: "<plain><leaf/></plain>", path: "p.xml").rootElement()
    var writer = XMLWriter(output: XMLStringOutput())
    try writer.startElement("wrapper", namespaces: ["": "urn:w"])
    try writer.copy(source)
    try writer.endElement()
    let copied = try XMLDocument(parsing: writer.output.text, path: "out.xml").rootElement()
    #expect(copied.elements.first?.name == XMLName(nil, "plain"))
  }
}
