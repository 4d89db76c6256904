import Foundation
import TestSupport
import Testing

/// Our ARF against the official schemas and OpenSCAP's own tools, and our data stream under oscap.
/// These need `openscap-scanner`, `openscap-common` and `libxml2-utils` (installed by .ci/run) and ../shared.
@Suite struct OpenSCAPInteroperabilityTests {
  static let hasARFSchemas =
    Prerequisites.xmllint != nil && Prerequisites.hasShared
    && FileManager.default.fileExists(atPath: "/usr/share/openscap/schemas/arf/1.1/asset-reporting-format_1.1.0.xsd")
  static let hasOscapAndOverlay = Prerequisites.oscap != nil && Prerequisites.schemaOverlay != nil

  static func scanARF(daemonJSON: String?) throws -> (arf: String, cleanup: () -> Void) {
    let host = try FakeHost()
    let output = try TemporaryFolder()
    if let daemonJSON { try host.write("/etc/docker/daemon.json", daemonJSON) }
    let run = try ScanRun.scan(root: host.root.path, output: output.path)
    let arf = try #require(run.arfPath, "\(run.command.standardError)")
    return (
      arf,
      {
        host.remove(); output.remove()
      }
    )
  }

  /// The shared ARF wrapper schema pins OVAL 5.11.1, which has no yamlfilecontent (added in 5.11.3, and what
  /// OpenSCAP's own ARF for this content also needs). The wrapper is read from ../shared and pointed at the
  /// 5.11.3 schemas of openscap-common; everything else in it stays as written.
  static func wrapperSchema() throws -> String {
    let wrapper = ProjectPaths.shared.appendingPathComponent("reference/schemas/arf-full-wrapper.xsd")
    let text = try String(contentsOf: wrapper, encoding: .utf8)
    // The content's Docker Engine API tests and items need Palisade's extension schemas too.
    let extensions = [
      ("http://palisade.dev/XMLSchema/oval-definitions-5#docker", "palisade-docker-definitions.xsd"),
      (
        "http://palisade.dev/XMLSchema/oval-system-characteristics-5#docker",
        "palisade-docker-system-characteristics.xsd"
      ),
    ].map { namespace, file in
      let path = ProjectPaths.packageRoot.appendingPathComponent("content/schemas/\(file)").path
      return "<xs:import namespace=\"\(namespace)\" schemaLocation=\"file://\(path)\"/>"
    }
    let retargeted = text.replacingOccurrences(of: "/oval/5.11.1/", with: "/oval/5.11.3/")
      .replacingOccurrences(of: "</xs:schema>", with: extensions.joined(separator: "\n") + "\n</xs:schema>")
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("arf-wrapper-\(UUID()).xsd").path
    try Data(retargeted.utf8).write(to: URL(fileURLWithPath: path))
    return path
  }

  @Test(
    .enabled(if: hasARFSchemas, "needs xmllint, openscap-common and ../shared/reference/schemas"),
    arguments: [nil, #"{"log-driver": "syslog"}"#, #"{"log-driver": "json-file"}"#, #"{"log-driver": "#])
  func arfValidatesAgainstTheOfficialSchemas(daemonJSON: String?) throws {
    let xmllint = try #require(Prerequisites.xmllint)
    let schema = try Self.wrapperSchema()
    defer { try? FileManager.default.removeItem(atPath: schema) }
    let (arf, cleanup) = try Self.scanARF(daemonJSON: daemonJSON)
    defer { cleanup() }
    let result = try CommandRun.run(xmllint, ["--noout", "--schema", schema, arf])
    #expect(result.status == 0, "\(result.standardError)")
  }

  /// Against the shared wrapper exactly as given, the only complaints are about yamlfilecontent elements (absent
  /// from OVAL 5.11.1) and the references to them that therefore cannot be checked.
  @Test(.enabled(if: hasARFSchemas, "needs xmllint, openscap-common and ../shared/reference/schemas"))
  func theUnmodifiedWrapperRejectsOnlyYamlFileContent() throws {
    let xmllint = try #require(Prerequisites.xmllint)
    let wrapper = ProjectPaths.shared.appendingPathComponent("reference/schemas/arf-full-wrapper.xsd").path
    let (arf, cleanup) = try Self.scanARF(daemonJSON: #"{"log-driver": "syslog"}"#)
    defer { cleanup() }
    let result = try CommandRun.run(xmllint, ["--noout", "--schema", wrapper, arf])
    let complaints = result.standardError.split(separator: "\n").filter { $0.contains("Schemas validity error") }
    #expect(!complaints.isEmpty)
    for complaint in complaints {
      #expect(
        complaint.contains("yamlfilecontent") || complaint.contains("No match found for key-sequence")
          || complaint.contains("palisade.dev/XMLSchema"), "\(complaint)")
    }
  }

  @Test(.enabled(if: hasOscapAndOverlay, "needs oscap and openscap-common (the schema overlay)"))
  func oscapAcceptsTheARF() throws {
    let oscap = try #require(Prerequisites.oscap)
    let overlay = try #require(Prerequisites.schemaOverlay)
    let (arf, cleanup) = try Self.scanARF(daemonJSON: #"{"log-driver": "journald"}"#)
    defer { cleanup() }
    let validation = try CommandRun.run(
      oscap, ["ds", "rds-validate", arf], environment: ["OSCAP_SCHEMA_PATH": overlay])
    #expect(validation.status == 0, "\(validation.standardOutput)\(validation.standardError)")

    let report = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID()).html").path
    defer { try? FileManager.default.removeItem(atPath: report) }
    let rendering = try CommandRun.run(
      oscap, ["xccdf", "generate", "report", "--output", report, arf], environment: ["OSCAP_SCHEMA_PATH": overlay])
    #expect(rendering.status == 0, "\(rendering.standardError)")
    let html = (try? String(contentsOfFile: report, encoding: .utf8)) ?? ""
    #expect(html.contains("SV-235787r960912_rule"))
    #expect(rendering.standardError.isEmpty, "\(rendering.standardError)")
  }

  @Test(.enabled(if: hasOscapAndOverlay, "needs oscap and openscap-common (the schema overlay)"))
  func dataStreamValidatesUnderOscap() throws {
    let oscap = try #require(Prerequisites.oscap)
    // The official schemas plus Palisade's extension schemas (docs/design.md).
    let overlay = try #require(Prerequisites.schemaOverlay)
    let result = try CommandRun.run(
      oscap, ["ds", "sds-validate", ProjectPaths.bundledContent], environment: ["OSCAP_SCHEMA_PATH": overlay])
    #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
  }

  /// oscap loads the content's OCIL questionnaires and, having no answers to ask for, reports the rules a person
  /// decides notchecked, as Palisade does without reviews.
  @Test(.enabled(if: hasOscapAndOverlay, "needs oscap and openscap-common (the schema overlay)"))
  func oscapReportsTheOCILRulesNotcheckedAsPalisadeDoes() throws {
    let oscap = try #require(Prerequisites.oscap)
    let overlay = try #require(Prerequisites.schemaOverlay)
    let reviewed = try ReviewTests.ReviewedHost(logDriver: "syslog")
    defer { reviewed.remove() }
    let manual = try DockerSTIGContentTests.contentRules().filter {
      $0.checkSystems == [DockerSTIGContentTests.manualCheckSystem]
    }
    #expect(manual.count == 33)
    let ours = try reviewed.scan().results
    let theirsPath = reviewed.output.url.appendingPathComponent("oscap-arf.xml").path
    let theirs = try CommandRun.run(
      oscap, ["xccdf", "eval", "--results-arf", theirsPath, ProjectPaths.bundledContent],
      environment: ["OSCAP_PROBE_ROOT": reviewed.host.root.path, "OSCAP_SCHEMA_PATH": overlay])
    #expect(FileManager.default.fileExists(atPath: theirsPath), "\(theirs.standardError)")
    let theirsResults = try RuleResults(arf: theirsPath)
    for rule in manual {
      #expect(theirsResults.byRule[rule.shortID] == "notchecked", "oscap: \(rule.shortID)")
      #expect(ours.byRule[rule.shortID] == "notchecked", "palisade: \(rule.shortID)")
    }
  }

  /// oscap reads the fake host through OSCAP_PROBE_ROOT and must reach the same rule result as Palisade, except where
  /// Palisade passes a configuration because the Engine API does not answer: a daemon that answers is running
  /// whatever its pid file says, so the configuration decides only once the API has shown it is silent, which oscap
  /// cannot ask (it reports the extension's tests unknown), and its answer is error.
  @Test(
    .enabled(if: hasOscapAndOverlay, "needs oscap and openscap-common (the schema overlay)"),
    arguments: DockerLogDriverScanTests.rows)
  func oscapReachesTheSameRuleResult(_ row: DockerLogDriverScanTests.Row) throws {
    let oscap = try #require(Prerequisites.oscap)
    let overlay = try #require(Prerequisites.schemaOverlay)
    let host = try FakeHost()
    let output = try TemporaryFolder()
    defer {
      host.remove()
      output.remove()
    }
    try host.installDockerEngine()
    if let daemonJSON = row.daemonJSON { try host.write("/etc/docker/daemon.json", daemonJSON) }
    let ours = try ScanRun.scan(
      root: host.root.path, output: output.path, extra: ["--docker-host", ScanRun.absentDockerHost])
    let oursARF = try #require(ours.arfPath, "\(ours.command.standardError)")
    // oscap cannot combine SV-235787's complex-check (its SIEM half is a check system oscap does not run);
    // SV-235831 takes the same log driver decision alone.
    let sameDecision = "xccdf_mil.disa.stig_rule_SV-235831r961362_rule"
    let oursResult = try #require(try ScanRun.ruleResult(sameDecision, inARF: oursARF))
    let theirsPath = output.url.appendingPathComponent("oscap-arf.xml").path
    let theirs = try CommandRun.run(
      oscap, ["xccdf", "eval", "--results-arf", theirsPath, ProjectPaths.bundledContent],
      environment: ["OSCAP_PROBE_ROOT": host.root.path, "OSCAP_SCHEMA_PATH": overlay])
    let theirsResult = try #require(
      try ScanRun.ruleResult(sameDecision, inARF: theirsPath), "\(theirs.standardError)")
    #expect(oursResult.result == row.logDriverResult)
    guard row.logDriverResult != "pass" else {
      #expect(theirsResult.result == "error")
      return
    }
    #expect(oursResult.result == theirsResult.result)
    #expect(ours.command.status == theirs.status)
  }
}
