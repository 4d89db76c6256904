import Foundation
import OVAL
import TestSupport
import Testing
import XMLSupport

@testable import Probes

extension FakeHost {
  /// The host as the probes see it.
  var systemRoot: SystemRoot { SystemRoot(folder) }

  /// Collects an object, written as the XML of one object element, through `SystemCollector` on this host.
  func collect(_ objectXML: String, values: [String: [String]] = [:]) async throws -> CollectedObject {
    let request = try objectRequest(objectXML, values: values)
    return await SystemCollector(root: systemRoot).collect(request)
  }
}

let independentNamespace = "http://oval.mitre.org/XMLSchema/oval-definitions-5#independent"
let unixNamespace = "http://oval.mitre.org/XMLSchema/oval-definitions-5#unix"
let linuxNamespace = "http://oval.mitre.org/XMLSchema/oval-definitions-5#linux"

/// An OVAL definitions document around the given sections, with the `ind` prefix bound.
func definitionsDocument(definitions: String = "", tests: String = "", objects: String, states: String = "") -> String {
  """
  <oval_definitions xmlns="http://oval.mitre.org/XMLSchema/oval-definitions-5"
      xmlns:oval="http://oval.mitre.org/XMLSchema/oval-common-5" xmlns:ind="\(independentNamespace)"
      xmlns:unix="\(unixNamespace)" xmlns:linux="\(linuxNamespace)"
      xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
    <definitions>\(definitions)</definitions>
    <tests>\(tests)</tests>
    <objects>\(objects)</objects>
    <states>\(states)</states>
  </oval_definitions>
  """
}

/// Loads OVAL definitions from text.
func loadDefinitions(_ text: String) throws -> OVALDefinitions {
  let root = try XMLSupport.XMLDocument(parsing: text, path: "test.xml").rootElement()
  return try OVALDefinitions(parsing: root, path: "test.xml")
}

/// The request for one object element: literal entity values, as the evaluator would resolve them, and `values` for
/// entities that refer to variables.
func objectRequest(_ objectXML: String, values extra: [String: [String]] = [:]) throws -> ObjectRequest {
  let definitions = try loadDefinitions(definitionsDocument(objects: objectXML))
  let object = try #require(definitions.objects.values.first)
  var values: [String: [String]] = [:]
  for entity in object.entities {
    if let value = entity.value { values[entity.name] = [value] }
  }
  values.merge(extra) { _, new in new }
  return ObjectRequest(object: object, values: values)
}

extension CollectedObject {
  /// The values of one entity across the items, in order.
  func values(of name: String) -> [String] { items.compactMap { $0.value(of: name) } }
}

extension Item {
  /// The value of the first entity with this name.
  func value(of name: String) -> String? { entities(named: name).first?.value }
}

extension CollectedObject {
  /// The text of every message, joined for `#expect(... .contains(...))`.
  var messageText: String { messages.map(\.text).joined(separator: "\n") }
}
