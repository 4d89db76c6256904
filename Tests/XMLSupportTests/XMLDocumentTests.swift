import Foundation
import Testing
import XMLSupport

@Suite struct XMLDocumentTests {
  @Test func parsesNamespacedElementsWithTheirPlaceInTheFile() throws {
    let text = """
      <?xml version="1.0"?>
      <a:root xmlns:a="urn:a" xmlns="urn:default">
        <child id="1">one</child>
          <a:child id="2"/>
      </a:root>
      """
    let root = try XMLDocument(parsing: text, path: "doc.xml").rootElement()
    #expect(root.name == XMLName("urn:a", "root"))
    let children = root.elements
    #expect(children.map(\.name) == [XMLName("urn:default", "child"), XMLName("urn:a", "child")])
    #expect(children[0].text == "one")
    #expect(children[0][attribute: "id"] == "1")
    #expect(children[1].location == SourceLocation(file: "doc.xml", line: 4, column: 5))
  }

  /// A document on one line (minified, as generators write it), with characters of several bytes between the tags:
  /// every element's column counts the characters before it on its line.
  @Test func locatesElementsOnLongLines() throws {
    let count = 20_000
    var line = #"<root xmlns:x="urn:x">"#
    var characters = line.count
    var expectedColumns: [Int] = []
    for index in 0..<count {
      expectedColumns.append(characters + 1)
      let element = index % 2 == 0 ? #"<item n="\#(index)">é€😀</item>"# : #"<x:item n="\#(index)"/>"#
      line += element
      characters += element.count
    }
    line += "</root>"
    let text = "<?xml version=\"1.0\"?>\n" + line + "\n<!-- after -->\n"
    let root = try XMLDocument(parsing: text, path: "long.xml").rootElement()
    #expect(root.location == SourceLocation(file: "long.xml", line: 2, column: 1))
    let items = root.elements
    #expect(items.count == count)
    #expect(items.map(\.location.line).allSatisfy { $0 == 2 })
    #expect(items.map(\.location.column) == expectedColumns)
  }

  @Test func locatesElementsAfterLongLines() throws {
    let text = "<root>" + String(repeating: "<a>ü</a>", count: 3) + "\n  <b/><c>\n<d/></c>\n</root>"
    let root = try XMLDocument(parsing: text, path: "mixed.xml").rootElement()
    let locations = root.elements.map { ($0.location.line, $0.location.column) }
    #expect(locations.map(\.0) == [1, 1, 1, 2, 2])
    #expect(locations.map(\.1) == [7, 15, 23, 3, 7])
    let d = try #require(root.elements.last?.elements.first)
    #expect(d.location == SourceLocation(file: "mixed.xml", line: 3, column: 1))
  }

  /// libxml2 records no line above 65,534 and guesses one from an element's neighbours, sometimes a line before
  /// the element: places past that line are still those of the start tags.
  @Test func locatesElementsPastLine65535() throws {
    let count = 70_000
    let text =
      "<root>\n" + String(repeating: "<e/>\n", count: count)
      + "<p>some text <code>x</code></p>\n<q>\n<i/></q><r>t <s/></r>\n</root>\n"
    let root = try XMLDocument(parsing: text, path: "big.xml").rootElement()
    let elements = root.elements
    #expect(elements.count == count + 3)
    #expect(elements.prefix(count).map(\.location.line) == Array(2...(count + 1)))
    #expect(elements.prefix(count).allSatisfy { $0.location.column == 1 })
    let (p, q, r) = (elements[count], elements[count + 1], elements[count + 2])
    #expect(p.location == SourceLocation(file: "big.xml", line: count + 2, column: 1))
    #expect(p.elements.first?.location == SourceLocation(file: "big.xml", line: count + 2, column: 14))
    #expect(q.location == SourceLocation(file: "big.xml", line: count + 3, column: 1))
    #expect(q.elements.first?.location == SourceLocation(file: "big.xml", line: count + 4, column: 1))
    #expect(r.location == SourceLocation(file: "big.xml", line: count + 4, column: 9))
    #expect(r.elements.first?.location == SourceLocation(file: "big.xml", line: count + 4, column: 14))
  }

  @Test(
    "trimmed text drops Unicode white space at both ends only",
    arguments: [
      (" \t\n a b \r\n", "a b"), ("\u{00A0}\u{2003}x\u{3000}\u{2028}", "x"), ("  ", ""), ("", ""),
      (" \u{301}a ", "\u{301}a"), ("a\u{85}", "a"),
    ])
  func trimmedText(text: String, expected: String) {
    let element = XMLElement(name: XMLName(nil, "t"), children: [.text(text)])
    #expect(element.trimmedText == expected)
    #expect(element.trimmedText == text.trimmingCharacters(in: .whitespacesAndNewlines))
  }

  @Test func reportsTheLineAndColumnOfMalformedXML() {
    #expect {
      try XMLDocument(parsing: "<root>\n  <open>\n</root>\n", path: "bad.xml")
    } throws: { error in
      let located = try #require(error as? LocatedError)
      return located.location.file == "bad.xml" && located.location.line == 3
        && located.description.hasPrefix("bad.xml:3:")
    }
  }

  @Test func refusesTruncatedDocuments() {
    #expect(throws: LocatedError.self) { try XMLDocument(parsing: "<root><a>", path: "truncated.xml") }
  }

  @Test func neverExpandsAnExternalEntity() throws {
    let text = """
      <?xml version="1.0"?>
      <!DOCTYPE root [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
      <root>&secret;</root>
      """
    #expect {
      try XMLDocument(parsing: text, path: "xxe.xml").rootElement()
    } throws: { error in
      let message = String(describing: error)
      return message == "xxe.xml:2:17: error: entity declaration 'secret' is not allowed: SCAP content must not "
        + "declare entities" && !message.contains("root:x:0")
    }
  }

  @Test func neverLoadsAnExternalParameterEntity() throws {
    let text = """
      <?xml version="1.0"?>
      <!DOCTYPE root [
        <!ENTITY % remote SYSTEM "file:///etc/passwd">
        %remote;
      ]>
      <root/>
      """
    #expect {
      try XMLDocument(parsing: text, path: "xxe.xml")
    } throws: { error in
      String(describing: error).hasPrefix("xxe.xml:3:3: error: entity declaration 'remote' is not allowed")
    }
  }

  @Test func refusesAReferenceToAnUndeclaredEntity() {
    #expect(throws: LocatedError.self) {
      try XMLDocument(parsing: "<root>&nothing;</root>", path: "x.xml").rootElement()
    }
  }

  @Test func libxml2MessagesStayOnOneLine() {
    #expect {
      try XMLDocument(data: Data(Array("<root>".utf8) + [0xFF, 0xFE] + Array("</root>".utf8)), path: "latin.xml")
    } throws: { error in
      let message = String(describing: error)
      return message.hasPrefix("latin.xml:1:") && message.contains("not proper UTF-8") && !message.contains("\n")
    }
  }

  @Test func boundsEntityExpansion() throws {
    var declarations = "<!ENTITY lol0 \"lol\">"
    for level in 1...9 {
      let previous = String(repeating: "&lol\(level - 1);", count: 10)
      declarations += "<!ENTITY lol\(level) \"\(previous)\">"
    }
    let text = "<?xml version=\"1.0\"?><!DOCTYPE root [\(declarations)]><root>&lol9;</root>"
    #expect {
      try XMLDocument(parsing: text, path: "laughs.xml").rootElement()
    } throws: { error in
      String(describing: error).hasPrefix("laughs.xml:1:38: error: entity declaration 'lol0' is not allowed")
    }
  }

  @Test func namesAMissingFile() {
    #expect {
      try XMLDocument(contentsOf: "/nonexistent/content.xml")
    } throws: { error in
      String(describing: error) == "/nonexistent/content.xml: error: cannot read file: no such file or directory"
    }
  }

  @Test func evaluatesNamespacedXPath() throws {
    let document = try XMLDocument(
      parsing: "<r xmlns='urn:x'><item n='1'/><item n='2'/><other/></r>", path: "x.xml")
    let items = try document.elements(matching: "//x:item[@n='2']", namespaces: ["x": "urn:x"])
    #expect(items.count == 1)
    #expect(items.first?[attribute: "n"] == "2")
  }
}
