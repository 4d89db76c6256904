import Foundation
import TestSupport
import Testing

/// Nothing lost: a result that cannot be written whole (here `ulimit -f`, as a full disk would) fails the scan and
/// leaves the previous run and `latest` exactly as they were.
@Suite struct FileSizeLimitTests {
  @Test(.enabled(if: Prerequisites.bash != nil, "needs bash (ulimit -f)"))
  func aResultLargerThanTheFileSizeLimitLeavesThePreviousRunIntact() throws {
    let bash = try #require(Prerequisites.bash)
    try FakeHost.withOutputFolder { host, output in
      try host.write("/etc/docker/daemon.json", #"{"log-driver": "syslog"}"#)
      let first = try LogDriverFixture.scan(root: host.root.path, output: output.path)
      #expect(first.command.status == 0)
      let hostFolder = try #require(ScheduledScanTests.hostFolderName(in: output.path))
      let latestPath = "\(output.path)/\(hostFolder)/latest"
      let latestBefore = try FileManager.default.destinationOfSymbolicLink(atPath: latestPath)
      let filesBefore = try Self.snapshot(output.path)
      let arf = try #require(first.arfPath)
      #expect(try Data(contentsOf: URL(fileURLWithPath: arf)).count > 8 * 1024)
      // Result files describe the host: readable by their owner and group only.
      #expect(try FileManager.default.attributesOfItem(atPath: arf)[.posixPermissions] as? Int == 0o640)

      // bash counts `ulimit -f` in 1024-byte blocks: 8 KB, less than the ARF.
      let command = [
        "ulimit -f 8; exec \"$0\" scan --content \"$1\" --root \"$2\" --output-dir \"$3\"", ProjectPaths.palisade,
        LogDriverFixture.content, host.root.path, output.path,
      ]
      let limited = try CommandRun.run(bash, ["-c"] + command)
      #expect(limited.status == 1)
      #expect(limited.standardError.contains("error: cannot write result: file too large"), "\(limited.standardError)")
      #expect(try FileManager.default.destinationOfSymbolicLink(atPath: latestPath) == latestBefore)
      #expect(try Self.snapshot(output.path) == filesBefore)
    }
  }

  /// Every file below `folder` with its bytes and mode: what must not change.
  static func snapshot(_ folder: String) throws -> [String: String] {
    var files: [String: String] = [:]
    let enumerator = FileManager.default.enumerator(atPath: folder)
    while let name = enumerator?.nextObject() as? String {
      let path = "\(folder)/\(name)"
      let attributes = try FileManager.default.attributesOfItem(atPath: path)
      let mode = (attributes[.posixPermissions] as? Int).map { String($0, radix: 8) } ?? "?"
      if attributes[.type] as? FileAttributeType == .typeSymbolicLink {
        files[name] = "link -> \(try FileManager.default.destinationOfSymbolicLink(atPath: path))"
      } else if attributes[.type] as? FileAttributeType == .typeDirectory {
        files[name] = "folder \(mode)"
      } else {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        files[name] = "file \(mode) \(data.count) \(data.hashValue)"
      }
    }
    return files
  }
}
