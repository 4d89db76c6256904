import Engine
import Foundation
import Reports
import TestSupport
import Testing
import XMLSupport

/// What `oval eval` and `oval analyse` give for an evaluation, without the binary.
@Suite struct OVALRunReportTests {
  @Test func theListingGivesEachDefinitionsResultInOrder() async throws {
    let content = try FamilyContent()
    defer { content.remove() }
    let listing = try await OVALRunReport().run(
      OVALEvaluation(definitionsPath: content.definitionsPath, collector: FamilyContent.Collector()))
    #expect(
      listing == """
        Definition \(FamilyContent.passingDefinition): true
        Definition \(FamilyContent.failingDefinition): false

        """)
  }

  @Test func theResultsAndTheSystemCharacteristicsAreWrittenWhereAsked() async throws {
    let content = try FamilyContent()
    defer { content.remove() }
    let report = OVALRunReport(
      resultsPath: content.folder + "/results.xml", systemCharacteristicsPath: content.folder + "/syschar.xml")
    _ = try await report.run(
      OVALEvaluation(definitionsPath: content.definitionsPath, collector: FamilyContent.Collector()))
    let results = try XMLDocument(contentsOf: content.folder + "/results.xml").rootElement()
    #expect(results.localName == "oval_results")
    let definitions = results.descendantsAndSelf().filter { $0.localName == "definition" }.filter {
      $0[attribute: "result"] != nil
    }
    #expect(definitions.map { $0[attribute: "result"] } == ["true", "false"])
    let syschar = try XMLDocument(contentsOf: content.folder + "/syschar.xml").rootElement()
    #expect(syschar.localName == "oval_system_characteristics")
    #expect(syschar.descendantsAndSelf().contains { $0.localName == "family_item" })
  }

  @Test func directivesDecideWhatTheResultsReport() async throws {
    let content = try FamilyContent()
    defer { content.remove() }
    let directives = content.folder + "/directives.xml"
    try """
    <oval_directives xmlns="http://oval.mitre.org/XMLSchema/oval-directives-5"
        xmlns:oval-res="http://oval.mitre.org/XMLSchema/oval-results-5">
      <directives>
        <oval-res:definition_true reported="false"/>
        <oval-res:definition_false reported="true" content="thin"/>
      </directives>
    </oval_directives>
    """.write(toFile: directives, atomically: true, encoding: .utf8)
    let report = OVALRunReport(resultsPath: content.folder + "/results.xml", directivesPath: directives)
    _ = try await report.run(
      OVALEvaluation(definitionsPath: content.definitionsPath, collector: FamilyContent.Collector()))
    let results = try XMLDocument(contentsOf: content.folder + "/results.xml").rootElement()
    let reported = results.descendantsAndSelf().filter { $0.localName == "definition" }.filter {
      $0[attribute: "result"] != nil
    }
    #expect(reported.map { $0[attribute: "definition_id"] } == [FamilyContent.failingDefinition])
    #expect(reported.first?.firstElement(named: "criteria") == nil)
  }

  @Test func anUnknownDefinitionWritesNothing() async throws {
    let content = try FamilyContent()
    defer { content.remove() }
    let report = OVALRunReport(resultsPath: content.folder + "/results.xml")
    await #expect(throws: ScanError.self) {
      _ = try await report.run(
        OVALEvaluation(
          definitionsPath: content.definitionsPath, definitionIDs: ["oval:dev.palisade:def:9"],
          collector: FamilyContent.Collector()))
    }
    #expect(!FileManager.default.fileExists(atPath: content.folder + "/results.xml"))
  }

  @Test func malformedDirectivesAreRefusedWithTheirPlaceBeforeEvaluating() async throws {
    let content = try FamilyContent()
    defer { content.remove() }
    let directives = content.folder + "/directives.xml"
    try "<oval_directives>\n  <nothing/>\n</oval_directives>\n".write(
      toFile: directives, atomically: true, encoding: .utf8)
    let report = OVALRunReport(resultsPath: content.folder + "/results.xml", directivesPath: directives)
    await #expect {
      _ = try await report.run(
        OVALEvaluation(definitionsPath: content.definitionsPath, collector: FamilyContent.Collector()))
    } throws: { error in
      Diagnostic(error: error).description.hasPrefix(directives + ":1:1: error: ")
    }
    #expect(!FileManager.default.fileExists(atPath: content.folder + "/results.xml"))
  }
}
