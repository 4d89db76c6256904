import Foundation
import Reports
import TestSupport
import XMLSupport

/// The fixture results and the team's reference material the report tests read.
///
/// The two ARFs are Palisade scans of the bundled Docker content with host details replaced by documentation
/// values (web01, 192.0.2.10, 2001:db8::10): one where daemon.json sets `log-driver` to `json-file`, one where
/// daemon.json is missing. Both fail SV-235787.
enum Fixtures {
  static var jsonFileARF: String { ProjectPaths.fixture("ReportsTests", "palisade-arf-log-driver-json-file.xml") }
  static var missingFileARF: String { ProjectPaths.fixture("ReportsTests", "palisade-arf-daemon-json-missing.xml") }

  /// DISA's Docker STIG in ../shared/reference; tests that read it are enabled only where `Prerequisites.hasShared`.
  static var disaDockerSTIG: String {
    ProjectPaths.reference("disa/U_Docker_Enterprise_2-x_Linux-Unix_STIG_V2R2_Manual-xccdf.xml")
  }

  static func document(_ path: String = jsonFileARF) throws -> ResultDocument {
    try ResultDocumentReader().read(contentsOf: path)
  }

  /// The document rendered in a format, as text.
  static func rendered(_ format: ReportFormat, _ document: ResultDocument) throws -> String {
    var output = XMLStringOutput()
    try format.write(document, to: &output)
    return output.text
  }

  /// Writes text to a temporary file and returns its path; the caller removes it.
  static func temporaryFile(_ text: String, suffix: String) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-report-\(UUID())\(suffix)").path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
  }
}
