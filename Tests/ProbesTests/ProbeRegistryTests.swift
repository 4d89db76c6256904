import OVAL
import Testing
import XMLSupport

@testable import Probes

@Suite("SystemCollector and the probe registry")
struct ProbeRegistryTests {
  @Test("every probe is registered under its object's element name")
  func registeredNames() {
    let independent = OVALNamespace.definitions("independent")
    #expect(
      SystemCollector.supportedObjectNames == [
        XMLName(independent, "family_object"),
        XMLName(independent, "textfilecontent54_object"),
        XMLName(independent, "yamlfilecontent_object"),
      ])
    for (name, probe) in ProbeRegistry.probes { #expect(probe.objectName == name) }
  }

  @Test("an object type without a probe is not collected, with a message naming it")
  func unknownObjectType() async throws {
    let document = """
      <oval_definitions xmlns="http://oval.mitre.org/XMLSchema/oval-definitions-5"
          xmlns:linux="http://oval.mitre.org/XMLSchema/oval-definitions-5#linux">
        <objects>
          <linux:rpminfo_object id="oval:t:obj:1" version="1"><linux:name>docker</linux:name></linux:rpminfo_object>
        </objects>
      </oval_definitions>
      """
    let object = try #require(try loadDefinitions(document).objects["oval:t:obj:1"])
    let collected = await SystemCollector(root: SystemRoot.host).collect(ObjectRequest(object: object, values: [:]))
    #expect(collected.flag == .notCollected)
    #expect(collected.messageText == "object type 'rpminfo_object' (linux) is not supported yet")
    #expect(collected.messages.first?.level == .warning)
  }

  @Test("the same local name in another namespace is not mistaken for a supported type")
  func namespaceMatters() async throws {
    let document = """
      <oval_definitions xmlns="http://oval.mitre.org/XMLSchema/oval-definitions-5"
          xmlns:x="urn:example:custom">
        <objects><x:family_object id="oval:t:obj:1" version="1"/></objects>
      </oval_definitions>
      """
    let object = try #require(try loadDefinitions(document).objects["oval:t:obj:1"])
    let collected = await SystemCollector().collect(ObjectRequest(object: object, values: [:]))
    #expect(collected.flag == .notCollected)
    #expect(collected.messageText == "object type 'family_object' (urn:example:custom) is not supported yet")
  }
}
