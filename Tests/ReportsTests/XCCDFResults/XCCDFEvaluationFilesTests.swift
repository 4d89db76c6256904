import Engine
import Foundation
import Reports
import TestSupport
import Testing
import XMLSupport

/// The files `xccdf eval` writes, without the binary.
@Suite struct XCCDFEvaluationFilesTests {
  /// The family content scanned, with an empty folder `out` in its folder for the files.
  static func scanned() async throws -> (FamilyContent, ScanOutcome) {
    let content = try FamilyContent()
    try FileManager.default.createDirectory(atPath: content.folder + "/out", withIntermediateDirectories: true)
    return (content, try await content.scan())
  }

  @Test func eachFileAskedForIsWritten() async throws {
    let (content, outcome) = try await Self.scanned()
    defer { content.remove() }
    let out = content.folder + "/out"
    try XCCDFEvaluationFiles(
      xccdfResultsPath: out + "/results.xml", arfPath: out + "/arf.xml", htmlReportPath: out + "/report.html",
      ovalResultsFolder: out
    ).write(outcome)
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: out).sorted() == [
        "arf.xml", "checks.xml.result.xml", "report.html", "results.xml",
      ])
    #expect(try XMLDocument(contentsOf: out + "/results.xml").rootElement().localName == "Benchmark")
    #expect(try XMLDocument(contentsOf: out + "/arf.xml").rootElement().localName == "asset-report-collection")
    #expect(try XMLDocument(contentsOf: out + "/checks.xml.result.xml").rootElement().localName == "oval_results")
  }

  /// The report is the one `palisade report --format html` gives for the ARF: one conversion for both.
  @Test func theReportIsConvertedFromTheARF() async throws {
    let (content, outcome) = try await Self.scanned()
    defer { content.remove() }
    try XCCDFEvaluationFiles(arfPath: content.folder + "/arf.xml", htmlReportPath: content.folder + "/report.html")
      .write(outcome)
    try ReportFile.write(
      try ResultDocumentReader().read(contentsOf: content.folder + "/arf.xml"), as: .html,
      to: content.folder + "/converted.html")
    let written = try String(contentsOfFile: content.folder + "/report.html", encoding: .utf8)
    #expect(written == (try String(contentsOfFile: content.folder + "/converted.html", encoding: .utf8)))
    #expect(written.contains("xccdf_dev.palisade_rule_windows"))
  }

  @Test func aReportWithoutAnARFLeavesNoTemporaryARFBehind() async throws {
    let (content, outcome) = try await Self.scanned()
    defer { content.remove() }
    let out = content.folder + "/out"
    try XCCDFEvaluationFiles(htmlReportPath: out + "/report.html").write(outcome)
    #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["report.html"])
  }

  /// The OVAL results are named as the reader looks for them beside XCCDF results, so a plain XCCDF result read
  /// back carries the evidence.
  @Test func theReaderFindsTheOVALResultsBesideTheXCCDFResults() async throws {
    let (content, outcome) = try await Self.scanned()
    defer { content.remove() }
    let out = content.folder + "/out"
    try XCCDFEvaluationFiles(xccdfResultsPath: out + "/results.xml").write(outcome)
    let without = try ResultDocumentReader().read(contentsOf: out + "/results.xml")
    try XCCDFEvaluationFiles(ovalResultsFolder: out).write(outcome)
    let with = try ResultDocumentReader().read(contentsOf: out + "/results.xml")
    #expect(without.reportedFindings.allSatisfy { $0.evidence.isEmpty })
    #expect(with.reportedFindings.contains { !$0.evidence.isEmpty })
  }

  @Test(arguments: [
    ("checks.xml", "checks.xml.result.xml"), ("/usr/share/xml/scap/oval.xml", "oval.xml.result.xml"),
    ("content/ssg-debian12-oval.xml", "ssg-debian12-oval.xml.result.xml"),
  ])
  func oscapsNameIsTheDocumentsFileNameWithoutItsFolder(href: String, name: String) {
    #expect(OVALResultsFileName.name(forDefinitions: href) == name)
  }
}
