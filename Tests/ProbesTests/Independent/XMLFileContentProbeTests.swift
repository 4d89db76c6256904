import Foundation
import OVAL
import TestSupport
import Testing

@testable import Probes

@Suite("xmlfilecontent_object")
struct XMLFileContentProbeTests {
  static let document = """
    <?xml version="1.0"?>
    <class xmlns="urn:example:school">
      <student status="full-time"><name>Ann</name><grades><grade type="test">90</grade></grades></student>
      <student status="part-time"><name>Bob</name><grades><grade type="test">70</grade></grades></student>
    </class>
    """

  static func object(_ xpath: String, file: String = "<ind:filepath>/etc/class.xml</ind:filepath>") -> String {
    """
    <ind:xmlfilecontent_object id="oval:t:obj:1" version="1">\(file)<ind:xpath>\(xpath)</ind:xpath></ind:xmlfilecontent_object>
    """
  }

  @Test(
    "node-sets give their text and attribute values; numbers, strings and booleans one value; namespaces are ignored",
    arguments: [
      ("//student/name/text()", ["Ann", "Bob"]), ("//student/@status", ["full-time", "part-time"]),
      ("count(//student)", ["2"]), ("string(//student[2]/name)", ["Bob"]), ("sum(//grade) div 3", ["53"]),
      ("count(//student) = 2", ["true"]),
    ])
  func values(xpath: String, expected: [String]) async throws {
    let host = try FakeHost()
    try host.write("/etc/class.xml", Self.document)
    let collected = try await host.collect(Self.object(xpath))
    #expect(collected.flag == .complete)
    #expect(collected.items.first?.entities(named: "value_of").map(\.value) == expected)
    #expect(collected.items.first?.value(of: "xpath") == xpath)
  }

  @Test("an expression that selects nothing gives no item")
  func nothingSelected() async throws {
    let host = try FakeHost()
    try host.write("/etc/class.xml", Self.document)
    #expect(try await host.collect(Self.object("//teacher/text()")).flag == .doesNotExist)
  }

  @Test("a file that is not XML, and an expression that is not XPath, are errors naming them")
  func errors() async throws {
    let host = try FakeHost()
    try host.write("/etc/class.xml", Self.document)
    try host.write("/etc/broken.xml", "<class><student></class>")
    let broken = try await host.collect(Self.object("//x", file: "<ind:filepath>/etc/broken.xml</ind:filepath>"))
    #expect(broken.flag == .error)
    #expect(broken.messageText.contains("/etc/broken.xml: cannot parse XML"))
    let invalid = try await host.collect(Self.object("//student[[["))
    #expect(invalid.flag == .error)
    #expect(invalid.messageText.contains("invalid XPath expression '//student[[['"))
  }

  @Test("an external entity is never loaded")
  func externalEntity() async throws {
    let host = try FakeHost()
    try host.write("/etc/secret", "top secret")
    try host.write(
      "/etc/evil.xml",
      #"<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/secret">]><x>&e;</x>"#)
    let collected = try await host.collect(
      Self.object("string(/x)", file: "<ind:filepath>/etc/evil.xml</ind:filepath>"))
    #expect(!collected.values(of: "value_of").contains { $0.contains("secret") })
  }
}
