import Foundation
import Reports
import Testing
import XMLSupport

@testable import Reports

@Suite struct ConversionTests {
  @Test func derivesStableVersion8UUIDsFromNames() throws {
    let first = try NameBasedUUID.uuid(for: "rule\u{0}a\u{0}b")
    #expect(try first == NameBasedUUID.uuid(for: "rule\u{0}a\u{0}b"))
    #expect(try first != NameBasedUUID.uuid(for: "rule\u{0}a\u{0}c"))
    let characters = Array(first)
    #expect(characters[14] == "8", "version 8")
    #expect("89ab".contains(characters[19]), "RFC 9562 variant")
    #expect(UUID(uuidString: first) != nil)
  }

  @Test func parsesFormatLists() throws {
    #expect(try ReportFormat.list("arf,html,ckl,cklb,hdf,xccdf") == [.html, .ckl, .cklb, .hdf, .xccdf])
    #expect(try ReportFormat.list("arf") == [])
    #expect(try ReportFormat.list(" HTML , html ") == [.html])
    let error = try #require(throws: ReportFormatError.self) { try ReportFormat.list("arf,pdf") }
    #expect(error.description.hasPrefix("unknown format 'pdf'"))
  }

  /// Each format is its writer: the file name and the output come from it, and help texts list every case.
  @Test func eachFormatIsItsWriter() throws {
    let document = try Fixtures.document()
    #expect(Set(ReportFormat.allCases.map(\.fileName)).count == ReportFormat.allCases.count)
    #expect(ReportFormat.names == "ckl, cklb, xccdf, hdf, html, text")
    for format in ReportFormat.allCases {
      #expect(format.fileName == format.writer.fileName)
      var direct = XMLStringOutput()
      try format.writer.init(document: document).write(to: &direct)
      #expect(!direct.text.isEmpty, "\(format)")
      #expect(try Fixtures.rendered(format, document) == direct.text, "\(format)")
    }
    #expect(ResultTextReport.fileName == "report.txt")
    #expect(try Fixtures.rendered(.text, document) == ResultTextReport(document: document).text)
  }

  @Test func writesReportFilesWholeWithMode0640() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-reports-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let written = try ReportFile.writeCompanions(
      ofARF: Fixtures.jsonFileARF, formats: ReportFormat.allCases, stig: nil, into: folder.path)
    #expect(
      written.paths.map { URL(fileURLWithPath: $0).lastPathComponent }.sorted()
        == ReportFormat.allCases.map(\.fileName).sorted())
    for path in written.paths {
      let attributes = try FileManager.default.attributesOfItem(atPath: path)
      #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o640)
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).count == ReportFormat.allCases.count)
  }

  /// One writer of times, in each form a format wants; fractions are cut, never rounded into the next second.
  @Test func writesEveryTimeInUTCInItsFormatsForm() {
    let time = Date(timeIntervalSince1970: 1_795_831_451.987_654)  // 2026-11-28T02:04:11.987654Z
    #expect(UTCTimestamp.string(from: time, .ovalDateTime) == "2026-11-28T02:04:11")
    #expect(UTCTimestamp.string(from: time, .xsdDateTime) == "2026-11-28T02:04:11+00:00")
    #expect(UTCTimestamp.string(from: time, .milliseconds) == "2026-11-28T02:04:11.987Z")
    #expect(UTCTimestamp.string(from: time, .microseconds).hasPrefix("2026-11-28T02:04:11.98765"))
    #expect(UTCTimestamp.string(from: time, .runFolderName) == "20261128T020411Z")
    #expect(UTCTimestamp.string(from: Date(timeIntervalSince1970: 0), .xsdDateTime) == "1970-01-01T00:00:00+00:00")
    #expect(
      UTCTimestamp.date(fromXSDDateTime: "2026-11-28T02:04:11+00:00") == Date(timeIntervalSince1970: 1_795_831_451))
  }

  @Test func timesCKLBEntriesInUTCWithMilliseconds() {
    #expect(CKLBWriter.checklistTime("2026-11-28T02:04:11+00:00") == "2026-11-28T02:04:11.000Z")
    #expect(CKLBWriter.checklistTime("2023-12-06T13:02:02") == "2023-12-06T13:02:02.000Z")
    #expect(CKLBWriter.checklistTime(nil) == "")
  }
}
