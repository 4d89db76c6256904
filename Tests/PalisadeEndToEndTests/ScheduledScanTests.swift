import Foundation
import TestSupport
import Testing

/// Cron-grade runs through the binary: the lock on a host's result folder, `--wait`, `--keep` and `--timeout`.
@Suite struct ScheduledScanTests {
  /// A host whose daemon.json is large enough (about 10 MB) that scanning it takes a while, so that a second scan
  /// started at the same time finds the first still running.
  static func scanArguments(root: String, output: String, _ extra: [String] = []) -> [String] {
    ["scan", "--content", LogDriverFixture.content, "--root", root, "--output-dir", output, "--quiet"] + extra
  }

  /// The run folders under OUTPUT/HOST (hidden entries, `latest` and the lock left out).
  static func runs(in output: String) -> [String] {
    let hosts = (try? FileManager.default.contentsOfDirectory(atPath: output)) ?? []
    return hosts.flatMap { host in
      ((try? FileManager.default.contentsOfDirectory(atPath: "\(output)/\(host)")) ?? []).filter {
        !$0.hasPrefix(".") && $0 != "latest"
      }
    }.sorted()
  }

  @Test func twoScansStartedTogetherOneRunsAndOneNamesIt() throws {
    let host = try StalledScanHost(stall: 3)
    let output = try TemporaryFolder()
    defer {
      host.remove()
      output.remove()
    }
    let arguments = host.scanArguments(output: output.path)
    let first = try BackgroundCommand(ProjectPaths.palisade, arguments)
    let second = try BackgroundCommand(ProjectPaths.palisade, arguments)
    let results = [try first.finish(), try second.finish()]
    let pids = [first.pid, second.pid]
    let refused = try #require(results.firstIndex { $0.status == 1 }, "\(results.map(\.standardError))")
    let ran = 1 - refused
    #expect(results[ran].status == 0, "\(results[ran].standardError)")
    #expect(
      results[refused].standardError
        == "palisade: error: another palisade scan (pid \(pids[ran])) is writing to this result folder (lock "
        + "\(output.path)/\(try #require(Self.hostFolderName(in: output.path)))/.palisade.lock); not starting\n")
    #expect(Self.runs(in: output.path).count == 1)
  }

  @Test func aWaitingScanRunsOnceTheFirstIsDone() throws {
    let host = try StalledScanHost(stall: 3)
    let output = try TemporaryFolder()
    defer {
      host.remove()
      output.remove()
    }
    let first = try BackgroundCommand(
      ProjectPaths.palisade, host.scanArguments(output: output.path))
    try Self.waitForLock(in: output.path)
    let second = try CommandRun.run(
      ProjectPaths.palisade, host.scanArguments(output: output.path, ["--wait", "120"]))
    #expect(try first.finish().status == 0)
    #expect(second.status == 0, "\(second.standardError)")
    #expect(Self.runs(in: output.path).count == 2)
    // Each run removes its lock file when it is done.
    #expect(
      !FileManager.default.fileExists(
        atPath: "\(output.path)/\(Self.hostFolderName(in: output.path) ?? "")/.palisade.lock"))
  }

  @Test func keepRemovesOlderRunsButNotLatest() throws {
    let host = try FakeHost()
    let output = try TemporaryFolder()
    defer {
      host.remove()
      output.remove()
    }
    try host.write("/etc/docker/daemon.json", #"{"log-driver": "syslog"}"#)
    for _ in 0..<4 {
      let run = try CommandRun.run(
        ProjectPaths.palisade, Self.scanArguments(root: host.root.path, output: output.path, ["--keep", "2"]))
      #expect(run.status == 0, "\(run.standardError)")
    }
    let runs = Self.runs(in: output.path)
    #expect(runs.count == 2)
    let hostFolder = try #require(Self.hostFolderName(in: output.path))
    let latest = try FileManager.default.destinationOfSymbolicLink(atPath: "\(output.path)/\(hostFolder)/latest")
    #expect(latest == runs.last)
  }

  @Test func keepMustBeAtLeastOne() throws {
    let result = try CommandRun.run(ProjectPaths.palisade, ["scan", "--keep", "0"])
    #expect(result.status != 0)
    #expect(result.standardError.contains("'--keep' must be at least 1"))
  }

  @Test func timeoutStopsTheScanReportsItAndWritesNothing() throws {
    let host = try StalledScanHost()
    let output = try TemporaryFolder()
    let syslog = try SyslogListener()
    defer {
      host.remove()
      output.remove()
    }
    let result = try CommandRun.run(
      ProjectPaths.palisade,
      host.scanArguments(output: output.path, ["--timeout", "0.5", "--syslog-socket", syslog.path]))
    #expect(result.status == 1)
    #expect(result.standardError.hasPrefix("palisade: error: the scan did not finish within 0.5 s"))
    #expect(result.standardError.contains("nothing was written"))
    #expect(output.files().isEmpty, "left behind: \(output.files())")
    let messages = syslog.messages()
    #expect(messages.count == 1)
    let message = try #require(messages.first)
    #expect(SyslogListener.priority(of: message) == 3 * 8 + 3)
    #expect(message.contains(" scan-failed "))
    #expect(message.contains("reason=timeout"))
  }

  @Test func timeoutWhileWaitingForTheLockLeavesTheOtherRunAlone() throws {
    let host = try StalledScanHost()
    let output = try TemporaryFolder()
    defer {
      host.remove()
      output.remove()
    }
    let first = try BackgroundCommand(
      ProjectPaths.palisade, host.scanArguments(output: output.path))
    try Self.waitForLock(in: output.path)
    let second = try CommandRun.run(
      ProjectPaths.palisade,
      host.scanArguments(output: output.path, ["--wait", "60", "--timeout", "0.5"]))
    #expect(second.status == 1)
    #expect(second.standardError.contains("(it was waiting for the lock on the result folder)"))
    #expect(try first.finish().status == 0)
    #expect(Self.runs(in: output.path).count == 1)
  }

  static func hostFolderName(in output: String) -> String? {
    ((try? FileManager.default.contentsOfDirectory(atPath: output)) ?? []).first
  }

  /// Waits until a run holds the lock in OUTPUT/HOST.
  static func waitForLock(in output: String) throws {
    for _ in 0..<600 {
      if let host = hostFolderName(in: output),
        let text = try? String(contentsOfFile: "\(output)/\(host)/.palisade.lock", encoding: .utf8), !text.isEmpty
      {
        return
      }
      usleep(20_000)
    }
    throw CommandTimeout(command: "waiting for a scan to take the lock in \(output)", seconds: 12)
  }
}
