import Foundation
import TestSupport
import Testing

/// What a scan says and leaves when its output fails: nothing written when `latest` cannot move, errno's reason for
/// an unwritable folder, and a reader that stops early (`palisade scan | head -1`) is not a failure.
@Suite struct OutputFailureTests {
  @Test func aLatestThatCannotBeReplacedLeavesNoRun() throws {
    let host = try FakeHost.compliant()
    let output = try TemporaryFolder()
    defer {
      host.remove()
      output.remove()
    }
    #expect(
      try LogDriverFixture.scan(root: host.root.path, output: output.path, extra: ["--quiet"]).command.status == 0)
    let before = ScheduledScanTests.runs(in: output.path)
    let hostFolder = output.path + "/" + (try #require(ScheduledScanTests.hostFolderName(in: output.path)))
    try FileManager.default.removeItem(atPath: hostFolder + "/latest")
    try FileManager.default.createDirectory(atPath: hostFolder + "/latest/kept", withIntermediateDirectories: true)

    let result = try LogDriverFixture.scan(root: host.root.path, output: output.path, extra: ["--quiet"]).command
    #expect(result.status == 1)
    #expect(result.standardError.hasPrefix("\(hostFolder)/latest: error: cannot write result: cannot update link: "))
    let entries = try FileManager.default.contentsOfDirectory(atPath: hostFolder).sorted()
    #expect(entries == (before + ["latest"]).sorted(), "left: \(entries)")
  }

  /// As root nothing is unwritable: the scan runs as `nobody` in a folder of root's.
  @Test func anUnwritableOutputSaysErrnosReason() throws {
    let host = try FakeHost.compliant()
    let parent = try TemporaryFolder(mode: 0o755)
    defer {
      host.remove()
      parent.remove()
    }
    let output = parent.path + "/results"
    let result = try UnprivilegedScan.palisade { content in
      ["scan", "--content", content, "--root", host.root.path, "--output-dir", output, "--quiet"]
    }
    #expect(result.status == 1)
    #expect(result.standardError == "\(output): error: cannot write result: cannot create folder: permission denied\n")
  }

  /// The reader of standard output is gone before the scan prints: the exit code stays the scan's own (0 compliant,
  /// 2 findings), not 141 (killed by SIGPIPE), and nothing is said on standard error.
  @Test(arguments: [("syslog", 0), ("json-file", 2)])
  func aClosedPipeIsAQuietEndOfOutput(driver: String, expected: Int) throws {
    let host = try FakeHost()
    let output = try TemporaryFolder()
    defer {
      host.remove()
      output.remove()
    }
    try host.write("/etc/docker/daemon.json", #"{"log-driver": "\#(driver)"}"#)
    let scan = [ProjectPaths.palisade] + ScheduledScanTests.scanArguments(root: host.root.path, output: output.path)
    let arf = output.path + "/*/latest/arf.xml"
    let script = """
      \(Self.quoted(scan)) | true; echo "scan ${PIPESTATUS[0]}"
      \(Self.quoted([ProjectPaths.palisade, "report", "--format", "text"])) \(arf) | true; echo "report ${PIPESTATUS[0]}"
      \(Self.quoted([ProjectPaths.palisade, "diff", "--json"])) \(arf) \(arf) | true; echo "diff ${PIPESTATUS[0]}"
      """
    let result = try CommandRun.run("/bin/bash", ["-c", script])
    #expect(result.standardOutput == "scan \(expected)\nreport 0\ndiff 0\n")
    #expect(result.standardError.isEmpty, "\(result.standardError)")
  }

  static func quoted(_ words: [String]) -> String {
    words.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
  }
}
