import Foundation
import TestSupport

/// The one-rule data stream of Fixtures/docker-log-driver-ds.xml (SV-235787, no platform): the content of the tests
/// that are about how a scan runs rather than about the bundled checks, so that they keep their meaning as the
/// bundled content grows. On a fake host with `{"log-driver": "syslog"}` every rule passes and the scan exits 0.
enum LogDriverFixture {
  static let content = ProjectPaths.fixture("PalisadeEndToEndTests", "docker-log-driver-ds.xml")

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

extension FakeHost {
  /// A host on which every rule of the log-driver fixture passes (`{"log-driver": "syslog"}`).
  static func compliant() throws -> FakeHost {
    let host = try FakeHost()
    try host.write("/etc/docker/daemon.json", #"{"log-driver": "syslog"}"#)
    return host
  }
}
