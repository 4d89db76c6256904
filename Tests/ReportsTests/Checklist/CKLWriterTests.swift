import Engine
import Foundation
import Reports
import TestSupport
import Testing
import XMLSupport

@Suite struct CKLWriterTests {
  static var schema: String { ProjectPaths.reference("formats/ckl/U_Checklist_Schema_V2.xsd") }
  static let canValidate = Prerequisites.hasShared && Prerequisites.xmllint != nil

  /// Validates a checklist with xmllint against STIG Viewer's schema (tests calling it are enabled on `canValidate`).
  static func validate(_ checklist: String) throws -> CommandResult {
    let xmllint = try #require(Prerequisites.xmllint)
    let path = try Fixtures.temporaryFile(checklist, suffix: ".ckl")
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try CommandRun.run(xmllint, ["--noout", "--schema", schema, path])
  }

  @Test(
    .enabled(if: canValidate, "needs ../shared/reference/formats/ckl and xmllint"),
    arguments: [Fixtures.jsonFileARF, Fixtures.missingFileARF])
  func validatesAgainstSTIGViewersSchema(arf: String) throws {
    let checklist = try Fixtures.rendered(.ckl, try Fixtures.document(arf))
    let result = try Self.validate(checklist)
    #expect(result.status == 0, "\(result.output)")
  }

  @Test(.enabled(if: canValidate, "needs ../shared/reference (DISA, checklist schema) and xmllint"))
  func validatesWithDISAsManualBenchmarkMergedIn() throws {
    let stigPath = Fixtures.disaDockerSTIG
    let document = try Fixtures.document().mergingSTIG(try ResultDocumentReader().readSTIG(contentsOf: stigPath))
    let checklist = try Fixtures.rendered(.ckl, document)
    let result = try Self.validate(checklist)
    #expect(result.status == 0, "\(result.output)")
    let root = try XMLDocument(parsing: checklist).rootElement()
    let vulnerabilities = root.descendantsAndSelf().filter { $0.localName == "VULN" }
    #expect(vulnerabilities.count == document.findings.count)
    #expect(vulnerabilities.allSatisfy { !Self.attribute("Vuln_Num", of: $0).isEmpty })
  }

  @Test(.enabled(if: Prerequisites.hasShared, "needs ../shared/reference/formats/ckl"))
  func writesSTIGDataInSTIGViewersOrder() throws {
    let samplePath = ProjectPaths.reference("formats/ckl/stigviewer-2.17_rhel9_small_overrides.ckl")
    let sample = try XMLDocument(contentsOf: samplePath).rootElement()
    let ours = try XMLDocument(parsing: try Fixtures.rendered(.ckl, try Fixtures.document())).rootElement()
    let sampleOrder = Self.attributeNames(of: try #require(Self.vulnerabilities(of: sample).first))
    let ourOrder = Self.attributeNames(of: try #require(Self.vulnerabilities(of: ours).first))
    #expect(Self.deduplicated(ourOrder) == Self.deduplicated(sampleOrder))
    let sampleInfo = Self.stigInfoNames(of: sample)
    #expect(Self.stigInfoNames(of: ours) == sampleInfo)
  }

  @Test func carriesTheRuleStatusAndEvidence() throws {
    let root = try XMLDocument(parsing: try Fixtures.rendered(.ckl, try Fixtures.document())).rootElement()
    let vulnerability = try #require(Self.vulnerabilities(of: root).first)
    #expect(Self.attribute("Vuln_Num", of: vulnerability) == "V-235787")
    #expect(Self.attribute("Rule_ID", of: vulnerability) == "SV-235787r960912_rule")
    #expect(Self.attribute("Rule_Ver", of: vulnerability) == "DKER-EE-001590")
    #expect(Self.attribute("CCI_REF", of: vulnerability) == "CCI-000139")
    #expect(Self.attribute("Group_Title", of: vulnerability) == "SRG-APP-000108")
    #expect(vulnerability.firstElement(named: "STATUS")?.text == "Open")
    let details = vulnerability.firstElement(named: "FINDING_DETAILS")?.text ?? ""
    #expect(details.hasPrefix("Palisade 0.1.0 found this to be OPEN (rule result: fail) on web01 at 2026-"))
    #expect(details.contains("Read: /etc/docker/daemon.json"))
    #expect(details.contains("# = json-file"))
    #expect(details.contains(#"equals at least one of "syslog", "awslogs", "splunk", "gcplogs", "logentries""#))
    let asset = try #require(root.firstElement(named: "ASSET"))
    #expect(asset.firstElement(named: "HOST_NAME")?.text == "web01")
    #expect(asset.firstElement(named: "HOST_IP")?.text == "192.0.2.10, 2001:db8::10")
    #expect(asset.firstElement(named: "HOST_MAC")?.text == "02:00:00:00:00:01")
  }

  @Test(arguments: [
    (RuleResultValue.pass, "NotAFinding"), (.fail, "Open"), (.notapplicable, "Not_Applicable"),
    (.error, "Not_Reviewed"), (.unknown, "Not_Reviewed"), (.notchecked, "Not_Reviewed"),
    (.informational, "Not_Reviewed"),
  ])
  func mapsRuleResultsToChecklistStatuses(result: RuleResultValue, status: String) throws {
    let document = try Fixtures.document()
    let original = try #require(document.findings.first)
    let finding = Finding(
      rule: original.rule, result: result, time: original.time, messages: [], definition: nil, evidence: [],
      boundValues: [])
    let changed = ResultDocument(
      sourcePath: document.sourcePath, benchmark: document.benchmark, testResult: document.testResult,
      findings: [finding])
    let root = try XMLDocument(parsing: try Fixtures.rendered(.ckl, changed)).rootElement()
    #expect(Self.vulnerabilities(of: root).first?.firstElement(named: "STATUS")?.text == status)
  }

  static func vulnerabilities(of root: XMLElement) -> [XMLElement] {
    root.descendantsAndSelf().filter { $0.localName == "VULN" }
  }

  static func attributeNames(of vulnerability: XMLElement) -> [String] {
    vulnerability.elements(named: "STIG_DATA").compactMap { $0.firstElement(named: "VULN_ATTRIBUTE")?.text }
  }

  static func attribute(_ name: String, of vulnerability: XMLElement) -> String {
    vulnerability.elements(named: "STIG_DATA").first { $0.firstElement(named: "VULN_ATTRIBUTE")?.text == name }?
      .firstElement(named: "ATTRIBUTE_DATA")?.text ?? ""
  }

  static func stigInfoNames(of root: XMLElement) -> [String] {
    root.descendantsAndSelf().filter { $0.localName == "SI_DATA" }.compactMap {
      $0.firstElement(named: "SID_NAME")?.text
    }
  }

  /// Repeated attributes (LEGACY_ID, CCI_REF) once each, in order.
  static func deduplicated(_ names: [String]) -> [String] {
    var seen: Set<String> = []
    return names.filter { seen.insert($0).inserted }
  }
}
