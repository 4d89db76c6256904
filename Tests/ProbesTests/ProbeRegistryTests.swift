import OVAL
import Testing
import XMLSupport

@testable import Probes

@Suite("SystemCollector and the probe registry")
struct ProbeRegistryTests {
  @Test("every probe is registered under its object's element name")
  func registeredNames() {
    let supported = Set(SystemCollector.supportedObjectNames)
    let expected: [(String, [String])] = [
      (
        "independent",
        [
          "environmentvariable_object", "environmentvariable58_object", "family_object", "filehash_object",
          "filehash58_object", "textfilecontent_object", "textfilecontent54_object", "xmlfilecontent_object",
          "yamlfilecontent_object",
        ]
      ),
      (
        "unix",
        [
          "file_object", "inetd_object", "interface_object", "password_object", "process_object", "process58_object",
          "runlevel_object", "shadow_object", "symlink_object", "sysctl_object", "uname_object", "xinetd_object",
        ]
      ),
      (
        "linux",
        [
          "dpkginfo_object", "iflisteners_object", "inetlisteningservers_object", "partition_object", "rpminfo_object",
          "rpmverify_object", "rpmverifyfile_object", "rpmverifypackage_object", "selinuxboolean_object",
          "selinuxsecuritycontext_object", "systemdunitdependency_object", "systemdunitproperty_object",
        ]
      ),
    ]
    for (family, names) in expected {
      for name in names { #expect(supported.contains(XMLName(OVALNamespace.definitions(family), name)), "\(name)") }
    }
    for (name, probe) in ProbeRegistry.probes { #expect(probe.objectName == name) }
  }

  @Test("an object type without a probe is not collected, with a message naming it")
  func unknownObjectType() async throws {
    let document = """
      <oval_definitions xmlns="http://oval.mitre.org/XMLSchema/oval-definitions-5"
          xmlns:linux="http://oval.mitre.org/XMLSchema/oval-definitions-5#linux">
        <objects>
          <linux:slackwarepkginfo_object id="oval:t:obj:1" version="1"><linux:name>docker</linux:name></linux:slackwarepkginfo_object>
        </objects>
      </oval_definitions>
      """
    let object = try #require(try loadDefinitions(document).objects["oval:t:obj:1"])
    let collected = await SystemCollector(root: SystemRoot.host).collect(ObjectRequest(object: object, values: [:]))
    #expect(collected.flag == .notCollected)
    #expect(collected.messageText == "object type 'slackwarepkginfo_object' (linux) is not supported yet")
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
