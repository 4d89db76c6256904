import Foundation

/// The one-rule data stream of Fixtures/docker-log-driver-ds.xml (SV-235787, no platform): the content of the tests
/// that are about how a scan runs rather than about the bundled checks, so that they keep their meaning as the
/// bundled content grows. On a fake host with `{"log-driver": "syslog"}` every rule passes and the scan exits 0.
enum LogDriverFixture {
  static let content = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/docker-log-driver-ds.xml").path

  /// Runs `palisade scan --content FIXTURE --root ROOT --output-dir OUTPUT`.
  static func scan(root: String, output: String, extra: [String] = []) throws -> ScanRun {
    let result = try CommandRun.run(
      ProjectPaths.palisade, ["scan", "--content", content, "--root", root, "--output-dir", output] + extra)
    return ScanRun(command: result, arfPath: ScanRun.latestARF(in: output))
  }

  /// The text of the fixture, for tests that make hostile variants of it.
  static func text() throws -> String {
    try String(contentsOfFile: content, encoding: .utf8)
  }
}
