import Foundation
import TestSupport
import Testing
import XMLSupport

/// Issue 7 through the real binary: `palisade scan --format ...` and `palisade report`, checked with the
/// checklist and HDF schemas of ../shared/reference/formats, xmllint and python's jsonschema. Tests needing a tool
/// or ../shared are enabled only where they are (`Prerequisites`).
@Suite struct ReportConversionTests {
  static let formats = ["ckl", "cklb", "xccdf", "hdf", "html", "text"]
  static let fileNames = [
    "arf.xml", "checklist.ckl", "checklist.cklb", "hdf.json", "report.html", "report.txt", "xccdf-results.xml",
  ]

  static func reference(_ path: String) -> String {
    ProjectPaths.shared.appendingPathComponent("reference/\(path)").path
  }

  static var checklistSchema: String { reference("formats/ckl/U_Checklist_Schema_V2.xsd") }
  static var hdfSchema: String { reference("formats/hdf/exec-json.schema.json") }
  static var disaSTIG: String { reference("disa/U_Docker_Enterprise_2-x_Linux-Unix_STIG_V2R2_Manual-xccdf.xml") }

  /// What validating checklists and HDF needs: the schemas of ../shared, xmllint and python3 with jsonschema.
  static let canValidate =
    Prerequisites.hasShared && Prerequisites.xmllint != nil && Prerequisites.pythonWithJSONSchema != nil
  static let hasOpenSCAPAndSSG = Prerequisites.oscap != nil && Prerequisites.hasSSGDebian11

  static func validateChecklist(_ path: String) throws {
    let xmllint = try #require(Prerequisites.xmllint)
    let result = try CommandRun.run(xmllint, ["--noout", "--schema", checklistSchema, path])
    #expect(result.status == 0, "\(result.standardError)")
  }

  static func validateHDF(_ path: String) throws {
    let python = try #require(Prerequisites.pythonWithJSONSchema)
    let result = try CommandRun.run(python, [ProjectPaths.testTool("validate-json-schema.py"), hdfSchema, path])
    #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
  }

  /// Checks with python's HTML parser that every element is closed, in order (the report is hand-written HTML).
  static func checkHTMLNesting(_ path: String) throws {
    let python = try #require(Prerequisites.python3)
    let result = try CommandRun.run(python, [ProjectPaths.testTool("check-html-nesting.py"), path])
    #expect(result.status == 0, "\(result.standardOutput)")
  }

  /// A format Palisade does not write is refused before anything runs: no content read, no folder created.
  @Test func anUnknownFormatIsRefusedBeforeTheContentIsRead() throws {
    let output = try TemporaryFolder()
    defer { output.remove() }
    let result = try CommandRun.run(
      ProjectPaths.palisade,
      [
        "scan", "--content", output.path + "/missing.xml", "--output-dir", output.path + "/results", "--format",
        "ckl,pdf",
      ])
    #expect(result.status == 1)
    #expect(
      result.standardError
        == "palisade: error: unknown format 'pdf'; use arf, ckl, cklb, xccdf, hdf, html, text\n")
    #expect(result.standardOutput.isEmpty)
    #expect(output.files().isEmpty, "written: \(output.files())")
  }

  /// A scan of a host with the Docker Engine installed (a dockerd binary; no daemon answers on the socket) whose
  /// daemon.json sets `log-driver` to `json-file`, so SV-235787 fails.
  static func failingScan(extra: [String]) throws -> (run: ScanRun, cleanup: () -> Void) {
    let host = try FakeHost()
    let output = try TemporaryFolder()
    try host.write("/usr/bin/dockerd", "", mode: 0o755)
    try host.write("/etc/docker/daemon.json", #"{"log-driver": "json-file"}"#)
    let run = try ScanRun.scan(
      root: host.root.path, output: output.path,
      extra: ["--docker-host", "unix:///nonexistent/palisade-test/docker.sock"] + extra)
    return (
      run,
      {
        host.remove()
        output.remove()
      }
    )
  }

  @Test func scanWritesEveryFormatIntoTheRunFolderBeforeLatestMoves() throws {
    let (run, cleanup) = try Self.failingScan(extra: ["--format", "arf," + Self.formats.joined(separator: ",")])
    defer { cleanup() }
    #expect(run.command.status == 2, "\(run.command.standardError)")
    let arf = try #require(run.arfPath, "\(run.command.standardError)")
    let folder = URL(fileURLWithPath: arf).deletingLastPathComponent()
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    #expect(files == Self.fileNames)
  }

  @Test(.enabled(if: canValidate, "needs ../shared/reference/formats, xmllint and python3-jsonschema"))
  func scanWritesAChecklistAndHDFTheirSchemasAccept() throws {
    let (run, cleanup) = try Self.failingScan(extra: ["--format", "ckl,hdf"])
    defer { cleanup() }
    let arf = try #require(run.arfPath, "\(run.command.standardError)")
    let folder = URL(fileURLWithPath: arf).deletingLastPathComponent()
    try Self.validateChecklist(folder.appendingPathComponent("checklist.ckl").path)
    try Self.validateHDF(folder.appendingPathComponent("hdf.json").path)
  }

  @Test func scanReportsMatchWhatReportGivesForTheSameARF() throws {
    let (run, cleanup) = try Self.failingScan(extra: ["--format", "ckl,hdf"])
    defer { cleanup() }
    let arf = try #require(run.arfPath, "\(run.command.standardError)")
    let folder = URL(fileURLWithPath: arf).deletingLastPathComponent()
    for (format, file) in [("ckl", "checklist.ckl"), ("hdf", "hdf.json")] {
      let converted = try CommandRun.run(ProjectPaths.palisade, ["report", arf, "--format", format])
      #expect(converted.status == 0, "\(converted.standardError)")
      let written = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
      #expect(converted.standardOutput == written)
    }
  }

  @Test func htmlOfAFailedSV235787ShowsTheFileTheValueAndTheValuesAllowed() throws {
    let (run, cleanup) = try Self.failingScan(extra: ["--format", "html"])
    defer { cleanup() }
    let arf = try #require(run.arfPath, "\(run.command.standardError)")
    let html = try String(
      contentsOf: URL(fileURLWithPath: arf).deletingLastPathComponent().appendingPathComponent("report.html"),
      encoding: .utf8)
    let start = try #require(html.range(of: "id=\"SV-235787r960912_rule\""))
    let end = try #require(html.range(of: "</article>", range: start.upperBound..<html.endIndex))
    let article = String(html[start.lowerBound..<end.upperBound])
    #expect(article.contains("data-result=\"fail\""))
    #expect(article.contains("<dd class=\"read\"><code>/etc/docker/daemon.json</code></dd>"))
    #expect(article.contains("<code>json-file</code>"))
    for driver in ["syslog", "awslogs", "splunk", "gcplogs", "logentries"] {
      #expect(article.contains("<li><code>\(driver)</code></li>"), "allowed value \(driver)")
    }
  }

  /// Scans SSG's Debian 11 content with oscap and converts its ARF to a checklist, HDF and HTML in `folder`.
  /// - Returns: the number of rule results oscap wrote that were selected.
  static func convertOpenSCAPsARFForSSGDebian11(in folder: TemporaryFolder) throws -> Int {
    let oscap = try #require(Prerequisites.oscap)
    let content = Prerequisites.ssgDebian11
    // On a host that is not Debian 11 every rule is notapplicable; without the benchmark's platform the rules
    // are evaluated, which gives the converters passes and failures with evidence to carry.
    let text = try String(contentsOfFile: content, encoding: .utf8)
    let anyHost = text.replacingOccurrences(
      of: "<xccdf-1.2:platform idref=\"cpe:/o:debian:debian_linux:11\"/>", with: "")
    let derived = folder.url.appendingPathComponent("ssg-debian11-any-ds.xml").path
    try Data(anyHost.utf8).write(to: URL(fileURLWithPath: derived))
    let arf = folder.url.appendingPathComponent("oscap-arf.xml").path
    let scan = try CommandRun.run(
      oscap, ["xccdf", "eval", "--profile", "standard", "--results-arf", arf, derived], timeout: 600)
    #expect([0, 2].contains(scan.status), "\(scan.standardError)")
    let ruleResults = try XMLDocument(contentsOf: arf).elements(
      matching: "//x:TestResult/x:rule-result[x:result != 'notselected']",
      namespaces: ["x": "http://checklists.nist.gov/xccdf/1.2"])
    #expect(!ruleResults.isEmpty)

    for format in ["ckl", "hdf", "html"] {
      let output = folder.url.appendingPathComponent("converted.\(format)").path
      let converted = try CommandRun.run(
        ProjectPaths.palisade, ["report", arf, "--format", format, "--output", output])
      #expect(converted.status == 0, "\(converted.standardError)")
    }
    return ruleResults.count
  }

  @Test(.enabled(if: hasOpenSCAPAndSSG, "needs oscap (openscap-scanner) and ssg-debian"))
  func reportConvertsOpenSCAPsARFForSSGDebian11() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let ruleResults = try Self.convertOpenSCAPsARFForSSGDebian11(in: folder)
    let checklist = folder.url.appendingPathComponent("converted.ckl").path
    let vulnerabilities = try XMLDocument(contentsOf: checklist).elements(matching: "//VULN")
    #expect(vulnerabilities.count == ruleResults)
    let html = try String(contentsOfFile: folder.url.appendingPathComponent("converted.html").path, encoding: .utf8)
    #expect(html.contains("OpenSCAP 1.3"))
    #expect(html.contains("file_permissions_etc_passwd"))
    #expect(html.contains("<dd class=\"read\">"), "OVAL evidence from oscap's results")
  }

  @Test(
    .enabled(
      if: hasOpenSCAPAndSSG && canValidate && Prerequisites.python3 != nil,
      "needs oscap, ssg-debian, ../shared/reference/formats, xmllint and python3-jsonschema"))
  func reportConvertsOpenSCAPsARFIntoDocumentsTheirSchemasAccept() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    _ = try Self.convertOpenSCAPsARFForSSGDebian11(in: folder)
    try Self.validateChecklist(folder.url.appendingPathComponent("converted.ckl").path)
    try Self.validateHDF(folder.url.appendingPathComponent("converted.hdf").path)
    try Self.checkHTMLNesting(folder.url.appendingPathComponent("converted.html").path)
  }

  @Test(
    .enabled(
      if: Prerequisites.hasShared && Prerequisites.xmllint != nil,
      "needs ../shared/reference (DISA, checklist schema) and xmllint"))
  func reportLaysTheResultOverDISAsManualBenchmark() throws {
    let stig = Self.disaSTIG
    let (run, cleanup) = try Self.failingScan(extra: [])
    defer { cleanup() }
    let arf = try #require(run.arfPath, "\(run.command.standardError)")
    let output = URL(fileURLWithPath: arf).deletingLastPathComponent().appendingPathComponent("docker.ckl").path
    let converted = try CommandRun.run(
      ProjectPaths.palisade, ["report", arf, "--format", "ckl", "--stig", stig, "--output", output])
    #expect(converted.status == 0, "\(converted.standardError)")
    try Self.validateChecklist(output)
    let document = try XMLDocument(contentsOf: output)
    let vulnerabilities = try document.elements(matching: "//VULN")
    #expect(vulnerabilities.count > 90, "every rule of the STIG")
    let scanned = try document.elements(
      matching: "//VULN[STIG_DATA[VULN_ATTRIBUTE='Rule_ID' and ATTRIBUTE_DATA='SV-235787r960912_rule']]")
    #expect(scanned.first?.firstElement(named: "STATUS")?.text == "Open")
    let title = try document.elements(matching: "//SI_DATA[SID_NAME='title']/SID_DATA").first?.text
    #expect(title == "Docker Enterprise 2.x Linux/UNIX Security Technical Implementation Guide")
  }

  @Test func reportWritesTextToStandardOutput() throws {
    let (run, cleanup) = try Self.failingScan(extra: [])
    defer { cleanup() }
    let arf = try #require(run.arfPath, "\(run.command.standardError)")
    let converted = try CommandRun.run(ProjectPaths.palisade, ["report", arf, "--format", "text"])
    #expect(converted.status == 0, "\(converted.standardError)")
    #expect(converted.standardOutput.contains("FAIL          DKER-EE-001590"))
    #expect(converted.standardOutput.contains("Read: /etc/docker/daemon.json"))
  }

  @Test func reportRefusesAFileThatIsNotAResult() throws {
    let result = try CommandRun.run(
      ProjectPaths.palisade, ["report", ProjectPaths.bundledContent, "--format", "ckl"])
    #expect(result.status == 1)
    #expect(result.standardError.contains("\(ProjectPaths.bundledContent):"))
    #expect(result.standardError.contains("error: 'data-stream-collection' is not an ARF report collection"))
    #expect(result.standardOutput.isEmpty)
  }

  @Test func scanRefusesAnUnknownFormatBeforeScanning() throws {
    let (run, cleanup) = try Self.failingScan(extra: ["--format", "arf,pdf"])
    defer { cleanup() }
    #expect(run.command.status == 1)
    #expect(run.command.standardError.contains("unknown format 'pdf'"))
    #expect(run.arfPath == nil)
  }
}
