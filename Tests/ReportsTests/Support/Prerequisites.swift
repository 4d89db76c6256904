import Foundation

/// What the report tests need from outside the repository, each looked up once. A test that needs one carries
/// `.enabled(if: Prerequisites.x, "reason")`, so where it is missing the test shows as skipped with its reason.
///
/// `PALISADE_TEST_WITHOUT_SHARED=1` makes the tests behave as in a clone without ../shared.
enum Prerequisites {
  /// ../shared beside the package (`Fixtures.shared`): present on the team's machines and in CI, absent in a
  /// user's clone.
  static let hasShared: Bool =
    ProcessInfo.processInfo.environment["PALISADE_TEST_WITHOUT_SHARED"] != "1"
    && FileManager.default.fileExists(atPath: Fixtures.shared.path)

  static let xmllint = ExternalTool.which("xmllint")
  static let python3 = ExternalTool.which("python3")

  /// python3 when it can import jsonschema (python3-jsonschema).
  static let pythonWithJSONSchema: String? = {
    guard let python3, (try? ExternalTool.run(python3, ["-c", "import jsonschema"]))?.status == 0 else { return nil }
    return python3
  }()

  /// The XCCDF 1.2 schema of openscap-common.
  static let xccdf12Schema = "/usr/share/openscap/schemas/xccdf/1.2/xccdf_1.2.xsd"
  static let hasXCCDF12Schema = FileManager.default.fileExists(atPath: xccdf12Schema)
}
