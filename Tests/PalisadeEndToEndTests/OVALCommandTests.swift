import Foundation
import TestSupport
import Testing

/// `palisade oval eval` and `palisade oval analyse` on test content written by MITRE and OpenSCAP, not by us.
@Suite struct OVALCommandTests {
  static var conformance: URL { ProjectPaths.shared.appendingPathComponent("conformance") }

  /// Every case of ../shared/conformance/oval-syschar/expected.tsv: case, definition id, result.
  static func expectedResults() -> [(case: String, definition: String, result: String)] {
    let path = conformance.appendingPathComponent("oval-syschar/expected.tsv").path
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
    return text.split(separator: "\n").compactMap { line in
      let fields = line.split(separator: "\t").map(String.init)
      return fields.count == 3 ? (fields[0], fields[1], fields[2]) : nil
    }
  }

  @Test(.enabled(if: Prerequisites.hasShared, "needs ../shared/conformance/oval-syschar"))
  func analyseGivesOpenSCAPsResultForEveryRecordedCase() throws {
    let expected = Self.expectedResults()
    let folder = Self.conformance.appendingPathComponent("oval-syschar")
    // Every definition of every case has its expected result.
    let definitions = try Set(expected.map(\.case)).reduce(0) {
      $0 + (try InstalledContent.definitionCount(inOVAL: folder.appendingPathComponent("\($1).oval.xml").path))
    }
    #expect(!expected.isEmpty && expected.count == definitions)
    let output = try TemporaryFolder()
    defer { output.remove() }
    var printed: [String: [String: String]] = [:]
    for name in Set(expected.map(\.case)) {
      let result = try CommandRun.run(
        ProjectPaths.palisade,
        [
          "oval", "analyse", "--results", output.url.appendingPathComponent("\(name).xml").path,
          folder.appendingPathComponent("\(name).oval.xml").path,
          folder.appendingPathComponent("\(name).syschar.xml").path,
        ])
      #expect(result.status == 0, "\(name): \(result.standardError)")
      for line in result.standardOutput.split(separator: "\n") where line.hasPrefix("Definition ") {
        let parts = line.dropFirst("Definition ".count).split(separator: ": ", maxSplits: 1).map(String.init)
        if parts.count == 2 { printed[name, default: [:]][parts[0]] = parts[1] }
      }
    }
    for row in expected {
      #expect(printed[row.case]?[row.definition] == row.result, "\(row.case) \(row.definition)")
    }
  }

  @Test(
    .enabled(
      if: Prerequisites.hasShared && Prerequisites.python3 != nil, "needs ../shared/conformance/mitre and python3"))
  func evalPassesEveryMITRELanguageFile() throws {
    let mitre = Self.conformance.appendingPathComponent("mitre")
    let files = ((try? FileManager.default.contentsOfDirectory(atPath: mitre.path)) ?? [])
      .filter { ($0.hasPrefix("oval-def_") || $0.hasPrefix("oval_")) && $0.hasSuffix(".xml") }.sorted()
      .map { mitre.appendingPathComponent($0).path }
    #expect(!files.isEmpty)
    let runner = ProjectPaths.shared.appendingPathComponent("tools/mitre-oval-run").path
    let result = try CommandRun.run(
      "/usr/bin/env", ["python3", runner, "--scanner", ProjectPaths.palisade] + files, timeout: 600)
    #expect(
      result.standardOutput.hasSuffix("\(files.count) passed, 0 failed\n"),
      "\(result.standardOutput)\(result.standardError)")
  }

  @Test(
    .enabled(
      if: Prerequisites.hasShared && Prerequisites.xmllint != nil && Prerequisites.officialSchemas,
      "needs ../shared/conformance/mitre, xmllint and openscap-common"))
  func resultsValidateAgainstTheOfficialSchema() throws {
    let schema = "/usr/share/openscap/schemas/oval/5.11.3/oval-results-schema.xsd"
    let xmllint = try #require(Prerequisites.xmllint)
    let output = try TemporaryFolder()
    defer { output.remove() }
    let cases = [
      (Self.conformance.appendingPathComponent("mitre/oval-def_object_component.xml").path, "mitre"),
      (Self.conformance.appendingPathComponent("mitre/oval_version_datatype.xml").path, "mitre"),
    ]
    for (content, _) in cases {
      let results = output.url.appendingPathComponent(UUID().uuidString + ".xml").path
      let syschar = output.url.appendingPathComponent(UUID().uuidString + ".xml").path
      _ = try CommandRun.run(
        ProjectPaths.palisade, ["oval", "eval", "--results", results, "--syschar", syschar, content])
      let validation = try CommandRun.run(xmllint, ["--noout", "--schema", schema, results])
      #expect(validation.status == 0, "\(validation.standardError)")
      let scSchema = "/usr/share/openscap/schemas/oval/5.11.3/oval-system-characteristics-schema.xsd"
      let scValidation = try CommandRun.run(xmllint, ["--noout", "--schema", scSchema, syschar])
      #expect(scValidation.status == 0, "\(scValidation.standardError)")
    }
  }

  @Test func evalPrintsEachDefinitionAndHonoursId() throws {
    let output = try TemporaryFolder()
    defer { output.remove() }
    let content = output.url.appendingPathComponent("defs.xml").path
    try Data(Self.twoDefinitions.utf8).write(to: URL(fileURLWithPath: content))
    let all = try CommandRun.run(ProjectPaths.palisade, ["oval", "eval", content])
    #expect(all.status == 0, "\(all.standardError)")
    #expect(all.standardOutput == "Definition oval:t:def:1: true\nDefinition oval:t:def:2: false\n")
    let one = try CommandRun.run(ProjectPaths.palisade, ["oval", "eval", "--id", "oval:t:def:2", content])
    #expect(one.standardOutput == "Definition oval:t:def:2: false\n")
    let unknown = try CommandRun.run(ProjectPaths.palisade, ["oval", "eval", "--id", "oval:t:def:9", content])
    #expect(unknown.status == 1)
    #expect(unknown.standardError.contains("no definition 'oval:t:def:9'"))
  }

  /// An external variable without a value: OpenSCAP's answer by default, the specification's on request.
  @Test func ovalSemanticsChoosesOpenSCAPsOrTheSpecificationsAnswer() throws {
    let output = try TemporaryFolder()
    defer { output.remove() }
    let content = output.url.appendingPathComponent("defs.xml").path
    let local = Self.twoDefinitions.range(of: "<local_variable")!.lowerBound
    let end = Self.twoDefinitions.range(of: "</local_variable>")!.upperBound
    let external = Self.twoDefinitions.replacingCharacters(
      in: local..<end, with: #"<external_variable id="oval:t:var:1" version="1" datatype="int" comment="c"/>"#)
    try Data(external.utf8).write(to: URL(fileURLWithPath: content))
    let openSCAP = try CommandRun.run(ProjectPaths.palisade, ["oval", "eval", content])
    #expect(openSCAP.status == 0, "\(openSCAP.standardError)")
    #expect(openSCAP.standardOutput == "Definition oval:t:def:1: unknown\nDefinition oval:t:def:2: unknown\n")
    let spec = try CommandRun.run(ProjectPaths.palisade, ["oval", "eval", "--oval-semantics", "spec", content])
    #expect(spec.standardOutput == "Definition oval:t:def:1: error\nDefinition oval:t:def:2: error\n")
    let wrong = try CommandRun.run(ProjectPaths.palisade, ["oval", "eval", "--oval-semantics", "ovaldi", content])
    #expect(wrong.status != 0)
    #expect(wrong.standardError.contains("--oval-semantics takes 'openscap' or 'spec', not 'ovaldi'"))
  }

  @Test func thinDirectivesLeaveOutTheCriteria() throws {
    let output = try TemporaryFolder()
    defer { output.remove() }
    let content = output.url.appendingPathComponent("defs.xml").path
    let directives = output.url.appendingPathComponent("directives.xml").path
    let results = output.url.appendingPathComponent("results.xml").path
    try Data(Self.twoDefinitions.utf8).write(to: URL(fileURLWithPath: content))
    try Data(
      """
      <oval_directives xmlns="http://oval.mitre.org/XMLSchema/oval-directives-5"
          xmlns:oval-res="http://oval.mitre.org/XMLSchema/oval-results-5">
        <directives>
          <oval-res:definition_true reported="true" content="thin"/>
          <oval-res:definition_false reported="false" content="full"/>
        </directives>
      </oval_directives>
      """.utf8
    ).write(to: URL(fileURLWithPath: directives))
    let run = try CommandRun.run(
      ProjectPaths.palisade, ["oval", "eval", "--directives", directives, "--results", results, content])
    #expect(run.status == 0, "\(run.standardError)")
    let text = try String(contentsOfFile: results, encoding: .utf8)
    #expect(text.contains(#"<definition definition_id="oval:t:def:1" version="1" class="compliance" result="true"/>"#))
    #expect(!text.contains(#"definition_id="oval:t:def:2""#))
    #expect(text.contains(#"<definition_true reported="true" content="thin"/>"#))
  }

  static let twoDefinitions = """
    <oval_definitions xmlns="http://oval.mitre.org/XMLSchema/oval-definitions-5"
        xmlns:oval="http://oval.mitre.org/XMLSchema/oval-common-5"
        xmlns:ind="http://oval.mitre.org/XMLSchema/oval-definitions-5#independent">
      <generator><oval:schema_version>5.11.2</oval:schema_version><oval:timestamp>2026-01-01T00:00:00</oval:timestamp></generator>
      <definitions>
        <definition id="oval:t:def:1" version="1" class="compliance">
          <metadata><title>one</title><description>d</description></metadata>
          <criteria><criterion test_ref="oval:t:tst:1"/></criteria>
        </definition>
        <definition id="oval:t:def:2" version="1" class="compliance">
          <metadata><title>two</title><description>d</description></metadata>
          <criteria><criterion test_ref="oval:t:tst:1" negate="true"/></criteria>
        </definition>
      </definitions>
      <tests>
        <ind:variable_test id="oval:t:tst:1" version="1" check="all" comment="c">
          <ind:object object_ref="oval:t:obj:1"/><ind:state state_ref="oval:t:ste:1"/>
        </ind:variable_test>
      </tests>
      <objects>
        <ind:variable_object id="oval:t:obj:1" version="1"><ind:var_ref>oval:t:var:1</ind:var_ref></ind:variable_object>
      </objects>
      <states>
        <ind:variable_state id="oval:t:ste:1" version="1"><ind:value datatype="int" operation="greater than">2</ind:value></ind:variable_state>
      </states>
      <variables>
        <local_variable id="oval:t:var:1" version="1" datatype="int" comment="c">
          <count><literal_component>a</literal_component><literal_component>b</literal_component><literal_component>c</literal_component></count>
        </local_variable>
      </variables>
    </oval_definitions>
    """
}
