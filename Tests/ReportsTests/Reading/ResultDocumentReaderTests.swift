import Engine
import Foundation
import Reports
import Testing
import XMLSupport

@Suite struct ResultDocumentReaderTests {
  @Test func readsTheBenchmarkTargetAndRuleFromPalisadesARF() throws {
    let document = try Fixtures.document()
    #expect(document.benchmark.id == "xccdf_mil.disa.stig_benchmark_Docker_Enterprise_2-x_Linux-UNIX_STIG")
    #expect(document.benchmark.stigID == "Docker_Enterprise_2-x_Linux-UNIX_STIG")
    #expect(document.testResult.target.hostName == "web01")
    #expect(document.testResult.target.routableAddresses == ["192.0.2.10", "2001:db8::10"])
    #expect(document.testResult.target.operatingSystem == "Linux")
    #expect(document.scanner.description == "Palisade 0.1.0")
    let finding = try #require(document.findings.first)
    #expect(document.findings.count == 1)
    #expect(finding.result == .fail)
    #expect(finding.rule.shortID == "SV-235787r960912_rule")
    #expect(finding.rule.vulnerabilityNumber == "V-235787")
    #expect(finding.rule.version == "DKER-EE-001590")
    #expect(finding.rule.ccis == ["CCI-000139"])
    #expect(finding.rule.legacyIDs == ["V-95607", "SV-104745"])
    #expect(finding.rule.nistControls == ["AU-5 a"])
    #expect(finding.definition?.id == "oval:dev.palisade.docker:def:235787")
    #expect(finding.definition?.result == .false)
  }

  @Test func findsTheFileReadTheValueFoundAndTheValuesAllowed() throws {
    let finding = try #require(try Fixtures.document().findings.first)
    let test = try #require(finding.evidence.first { !$0.isApplicabilityCheck })
    #expect(test.testType == "yamlfilecontent_test")
    #expect(test.filesRead == ["/etc/docker/daemon.json"])
    let item = try #require(test.items.first)
    let value = try #require(item.entities.first { $0.name == "value" })
    #expect(value.fields.map(\.value) == ["json-file"])
    let expected = try #require(test.states.first?.entities.first?.fields.first)
    #expect(expected.values == ["syslog", "awslogs", "splunk", "gcplogs", "logentries"])
    #expect(expected.variableCheck == .atLeastOne)
    #expect(expected.boundValues.map(\.valueID) == ["xccdf_dev.palisade_value_docker_allowed_log_drivers"])
    #expect(expected.boundValues.first?.value == "syslog,awslogs,splunk,gcplogs,logentries")
    let applicability = finding.evidence.filter(\.isApplicabilityCheck)
    #expect(applicability.map(\.testType) == ["family_test"])
  }

  /// A rule result whose OVAL check sits in a complex-check next to a manual one, with the check's href left as
  /// the content's file name rather than the ARF report id: the evidence is still found, by definition id.
  @Test func findsEvidenceOfACheckInsideAComplexCheckByDefinition() throws {
    let original = try String(contentsOfFile: Fixtures.jsonFileARF, encoding: .utf8)
    let oval = "<check system=\"http://oval.mitre.org/XMLSchema/oval-definitions-5\">"
    let ruleResult = try #require(original.range(of: "<rule-result"))
    let start = try #require(original.range(of: oval, range: ruleResult.upperBound..<original.endIndex))
    let end = try #require(original.range(of: "</check>", range: start.upperBound..<original.endIndex))
    let check = String(original[start.lowerBound..<end.upperBound]).replacingOccurrences(
      of: "href=\"#oval0\"", with: "href=\"docker-stig-oval.xml\"")
    let complex =
      "<complex-check operator=\"AND\">" + check
      + "<check system=\"urn:example:manual\"><check-content>Ask the SIEM administrator.</check-content></check>"
      + "</complex-check>"
    let text = original.replacingCharacters(in: start.lowerBound..<end.upperBound, with: complex)
    let path = try Fixtures.temporaryFile(text, suffix: ".xml")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let finding = try #require(try ResultDocumentReader().read(contentsOf: path).findings.first)
    #expect(finding.definition?.id == "oval:dev.palisade.docker:def:235787")
    #expect(finding.evidence.contains { $0.filesRead == ["/etc/docker/daemon.json"] })
    #expect(finding.boundValues.map(\.valueID) == ["xccdf_dev.palisade_value_docker_allowed_log_drivers"])
  }

  @Test func namesTheFileEvenWhenItDoesNotExist() throws {
    let finding = try #require(try Fixtures.document(Fixtures.missingFileARF).findings.first)
    let test = try #require(finding.evidence.first { !$0.isApplicabilityCheck })
    #expect(test.items.isEmpty)
    #expect(test.object?.flag == .doesNotExist)
    #expect(test.filesRead == ["/etc/docker/daemon.json"])
  }

  @Test func refusesADocumentThatIsNotAResult() throws {
    let path = try Fixtures.temporaryFile("<notes><note/></notes>\n", suffix: ".xml")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let error = try #require(throws: LocatedError.self) { try ResultDocumentReader().read(contentsOf: path) }
    #expect(error.description.hasPrefix("\(path):1:1: error: 'notes' is not an ARF report collection"))
  }

  @Test func refusesABenchmarkWithoutATestResult() throws {
    let path = try Fixtures.temporaryFile(
      "<Benchmark xmlns='http://checklists.nist.gov/xccdf/1.2' id='xccdf_a_benchmark_b'/>", suffix: ".xml")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let error = try #require(throws: LocatedError.self) { try ResultDocumentReader().read(contentsOf: path) }
    #expect(error.description.contains("holds no TestResult"))
  }

  @Test func readsALoneTestResult() throws {
    let text = """
      <TestResult xmlns="http://checklists.nist.gov/xccdf/1.2" id="xccdf_a_testresult_b" end-time="2024-01-02T03:04:05">
        <benchmark id="xccdf_mil.disa.stig_benchmark_X_STIG" href="#missing"/>
        <target>host1</target>
        <rule-result idref="xccdf_mil.disa.stig_rule_SV-1r2_rule" severity="high" version="X-1" weight="10.0">
          <result>pass</result>
          <ident system="http://cyber.mil/cci">CCI-000001</ident>
        </rule-result>
      </TestResult>
      """
    let path = try Fixtures.temporaryFile(text, suffix: ".xml")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let document = try ResultDocumentReader().read(contentsOf: path)
    #expect(document.benchmark.stigID == "X_STIG")
    #expect(document.testResult.target.hostName == "host1")
    let finding = try #require(document.findings.first)
    #expect(finding.result == .pass)
    #expect(finding.rule.severity == .high)
    #expect(finding.rule.ccis == ["CCI-000001"])
    #expect(finding.rule.vulnerabilityNumber == "V-1")
  }
}
