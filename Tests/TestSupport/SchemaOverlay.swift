import Foundation

/// The official schemas of openscap-common with Palisade's Docker Engine API extension added, built once per test
/// run by content/schemas/make-schema-overlay: for `OSCAP_SCHEMA_PATH` and `palisade validate --schemas`.
public enum SchemaOverlay {
  public static let officialFolder = "/usr/share/openscap/schemas"

  /// Where this test process builds the overlay; removed when the process exits.
  private static let path = FileManager.default.temporaryDirectory
    .appendingPathComponent("palisade-schemas-\(UUID().uuidString)").path

  /// The overlay folder, built on first use; nil when openscap-common is not installed or the build failed. Tests
  /// read it through `Prerequisites.schemaOverlay`.
  public static let built: String? = {
    guard FileManager.default.fileExists(atPath: "\(officialFolder)/oval/5.11.3/oval-definitions-schema.xsd") else {
      return nil
    }
    let script = ProjectPaths.packageRoot.appendingPathComponent("content/schemas/make-schema-overlay").path
    atexit { try? FileManager.default.removeItem(atPath: SchemaOverlay.path) }
    guard let result = try? CommandRun.run("/bin/sh", [script, path, officialFolder]), result.status == 0 else {
      return nil
    }
    return path
  }()

  /// The xmllint wrapper schema: the official SCAP 1.3 schemas plus the extension.
  public static var wrapper: String {
    ProjectPaths.packageRoot.appendingPathComponent("content/schemas/palisade-scap-validation.xsd").path
  }
}
