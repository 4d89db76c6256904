import Foundation
import Reports
import TestSupport
import Testing
import XMLSupport

@Suite struct SCCResultWriterTests {
  static let xccdf = "http://checklists.nist.gov/xccdf/1.2"

  /// What STIG Manager reads from an SCC result (its import keys on these), in the SCC samples and in ours.
  static func importantParts(of root: XMLElement) throws -> [String: [String]] {
    let testResult = try #require(root.elements(named: "TestResult", in: xccdf).last)
    let ruleResult = try #require(testResult.elements(named: "rule-result", in: xccdf).first)
    return [
      "root": [root.localName],
      "benchmark id prefix": [String(root[attribute: "id"]?.prefix("xccdf_mil.disa.stig_benchmark_".count) ?? "")],
      "TestResult attributes": ["end-time", "id", "start-time", "test-system", "version"].filter {
        testResult[attribute: $0] != nil
      },
      "TestResult children": ["benchmark", "identity", "target", "target-address", "target-facts", "target-id-ref"]
        .filter { testResult.firstElement(named: $0, in: xccdf) != nil },
      "facts": ["host_name", "fqdn", "ipv4", "mac"].filter { name in
        (testResult.firstElement(named: "target-facts", in: xccdf)?.elements ?? []).contains {
          $0[attribute: "name"] == "urn:scap:fact:asset:identifier:\(name)"
        }
      },
      "rule-result attributes": ["idref", "severity", "time", "version", "weight"].filter {
        ruleResult[attribute: $0] != nil
      },
      "rule-result idref has a revision": [
        String(XCCDFIdentifier.isDISARuleID(ruleResult[attribute: "idref"] ?? ""))
      ],
      "rule-result children": ["result", "ident", "message"].filter {
        ruleResult.firstElement(named: $0, in: xccdf) != nil
      },
    ]
  }

  @Test(.enabled(if: Prerequisites.hasShared, "needs ../shared/reference/formats/xccdf-results"))
  func carriesWhatSTIGManagerReadsFromSCCResults() throws {
    let ours = try XMLDocument(parsing: try Fixtures.rendered(.xccdf, try Fixtures.document())).rootElement()
    let ourParts = try Self.importantParts(of: ours)
    for sample in [
      "formats/xccdf-results/scc-5.x_firefox-linux_xccdf-results.xml",
      "formats/xccdf-results/scc_rhel8_xccdf-results_from-heimdall2.xml",
    ] {
      let path = ProjectPaths.reference(sample)
      let sampleParts = try Self.importantParts(of: try XMLDocument(contentsOf: path).rootElement())
      for (part, values) in sampleParts {
        #expect(
          Set(values).isSubset(of: Set(ourParts[part] ?? [])), "\(sample): \(part) \(values) vs \(ourParts[part] ?? [])"
        )
      }
    }
  }

  @Test func carriesTheTargetAndTheRuleResultWithItsEvidence() throws {
    let ours = try XMLDocument(parsing: try Fixtures.rendered(.xccdf, try Fixtures.document())).rootElement()
    let testResult = try #require(ours.elements(named: "TestResult", in: Self.xccdf).first)
    #expect(testResult.firstElement(named: "target", in: Self.xccdf)?.text == "web01")
    let ruleResult = try #require(testResult.firstElement(named: "rule-result", in: Self.xccdf))
    #expect(ruleResult[attribute: "idref"] == "xccdf_mil.disa.stig_rule_SV-235787r960912_rule")
    #expect(ruleResult[attribute: "version"] == "DKER-EE-001590")
    #expect(ruleResult.firstElement(named: "result", in: Self.xccdf)?.text == "fail")
    #expect(ruleResult.firstElement(named: "ident", in: Self.xccdf)?.text == "CCI-000139")
    let detail = ruleResult.descendantsAndSelf().first { $0.localName == "detail" }
    #expect(detail?.text.contains("/etc/docker/daemon.json") == true)
  }

  @Test(
    .enabled(
      if: Prerequisites.hasXCCDF12Schema && Prerequisites.xmllint != nil, "needs openscap-common's schemas and xmllint")
  )
  func validatesAgainstTheXCCDF12Schema() throws {
    let schema = Prerequisites.xccdf12Schema
    let xmllint = try #require(Prerequisites.xmllint)
    let path = try Fixtures.temporaryFile(try Fixtures.rendered(.xccdf, try Fixtures.document()), suffix: ".xml")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let result = try CommandRun.run(xmllint, ["--noout", "--schema", schema, path])
    #expect(result.status == 0, "\(result.output)")
  }

  @Test func readsBackIntoTheSameFindings() throws {
    let document = try Fixtures.document()
    let path = try Fixtures.temporaryFile(try Fixtures.rendered(.xccdf, document), suffix: ".xml")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let reread = try ResultDocumentReader().read(contentsOf: path)
    #expect(reread.findings.map(\.rule.shortID) == document.findings.map(\.rule.shortID))
    #expect(reread.findings.map(\.result) == document.findings.map(\.result))
    #expect(reread.findings.first?.rule.ccis == ["CCI-000139"])
    #expect(reread.benchmark.stigID == document.benchmark.stigID)
    #expect(reread.testResult.target.hostName == "web01")
  }
}
