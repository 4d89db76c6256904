import Foundation
import TestSupport
import Testing

/// SIGTERM, SIGINT and SIGHUP during a scan: the run ends in order (its uncommitted run folder removed, a message,
/// a syslog alert, the lock released, exit 128 + the signal's number), and what later runs count as runs (`--keep`,
/// `latest`, the run folders a script lists) are only committed ones.
@Suite(.serialized) struct InterruptedScanTests {
  static let signals: [Int32] = [SIGTERM, SIGINT, SIGHUP]

  static func name(_ number: Int32) -> String {
    [SIGTERM: "SIGTERM", SIGINT: "SIGINT", SIGHUP: "SIGHUP"][number] ?? "\(number)"
  }

  /// Every entry under OUTPUT (hidden ones included), except `latest` and the committed runs given.
  static func debris(in output: String, besides runs: [String]) -> [String] {
    guard let host = ScheduledScanTests.hostFolderName(in: output) else { return [] }
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "\(output)/\(host)")) ?? []
    return entries.filter { $0 != "latest" && !runs.contains($0) }.sorted()
  }

  /// The uncommitted run folder being written under OUTPUT/HOST, if any.
  static func writingFolder(in output: String) -> String? {
    guard let host = ScheduledScanTests.hostFolderName(in: output) else { return nil }
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "\(output)/\(host)")) ?? []
    return entries.first { $0.hasPrefix(".writing-") }.map { "\(output)/\(host)/\($0)" }
  }

  /// Starts a scan of the stalled host and stops it (SIGSTOP) at a point of its run: `.scanning` once it holds the
  /// lock, `.writing` once its uncommitted run folder exists. A stopped process stays at that point until SIGCONT,
  /// whatever the machine's load. Retries when the scan got past the point before it could be stopped.
  static func startAndHold(
    _ host: StalledScanHost, output: String, at point: Point, _ extra: [String] = []
  ) throws -> BackgroundCommand {
    // Converting the ARF into every format keeps the run folder uncommitted for a while.
    let formats = point == .writing ? ["--format", "arf,ckl,cklb,xccdf,hdf,html,text"] : []
    for _ in 0..<5 {
      let scan = try BackgroundCommand(
        ProjectPaths.palisade, host.scanArguments(output: output, extra + formats))
      // The scan waits `host.stall` seconds on the Docker API before it writes.
      let deadline = Date().addingTimeInterval(TimeInterval(host.stall) + 60)
      while Date() < deadline {
        let reached = point == .scanning ? lockIsHeld(in: output) : writingFolder(in: output) != nil
        if reached || !scan.process.isRunning { break }
        usleep(1_000)
      }
      // Let a scan that has just taken the lock record that it is scanning (it then waits on the Docker API).
      if point == .scanning { usleep(100_000) }
      kill(scan.pid, SIGSTOP)
      let stillThere =
        point == .scanning
        ? lockIsHeld(in: output) && writingFolder(in: output) == nil : writingFolder(in: output) != nil
      if scan.process.isRunning && stillThere { return scan }
      kill(scan.pid, SIGCONT)
      _ = try scan.finish()
    }
    throw CommandTimeout(command: "holding a scan at \(point)", seconds: 0)
  }

  enum Point { case scanning, writing }

  static func lockIsHeld(in output: String) -> Bool {
    guard let host = ScheduledScanTests.hostFolderName(in: output),
      let text = try? String(contentsOfFile: "\(output)/\(host)/.palisade.lock", encoding: .utf8)
    else { return false }
    return !text.isEmpty
  }

  static func interrupt(_ scan: BackgroundCommand, with number: Int32) throws -> CommandResult {
    kill(scan.pid, number)
    kill(scan.pid, SIGCONT)
    return try scan.finish()
  }

  @Test(arguments: signals, [Point.scanning, Point.writing])
  func aSignalEndsTheRunInOrder(number: Int32, point: Point) throws {
    let host = try StalledScanHost(stall: 3)
    let output = try TemporaryFolder()
    let syslog = try SyslogListener()
    defer {
      host.remove()
      output.remove()
    }
    let good = try LogDriverFixture.scan(root: host.root.path, output: output.path, extra: ["--quiet"])
    #expect(good.command.status == 0)
    let scan = try Self.startAndHold(
      host, output: output.path, at: point, ["--syslog-socket", syslog.path])
    // The good run, and those of attempts that got past the point before they could be held.
    let committed = ScheduledScanTests.runs(in: output.path)
    #expect(!committed.isEmpty)
    let result = try Self.interrupt(scan, with: number)

    #expect(result.status == 128 + number)
    let phase = point == .writing ? "writing the results" : "scanning the host"
    #expect(
      result.standardError
        == "palisade: error: stopped by \(Self.name(number)) (it was \(phase)); nothing was written\n")
    #expect(Self.debris(in: output.path, besides: committed).isEmpty, "\(output.files())")
    #expect(ScheduledScanTests.runs(in: output.path) == committed)
    let messages = syslog.messages().filter { $0.contains(" scan-failed ") }
    #expect(messages.count == 1)
    let message = try #require(messages.first)
    #expect(SyslogListener.priority(of: message) == 3 * 8 + 3)
    #expect(message.contains("reason=interrupted"))
    #expect(message.contains("stopped by \(Self.name(number))"))
    // The lock is released: the next run starts at once, without --wait.
    #expect(
      try LogDriverFixture.scan(root: host.root.path, output: output.path, extra: ["--quiet"]).command.status == 0)
  }

  /// A run killed while writing (SIGKILL cannot be caught) leaves a hidden folder; `--keep` removes it and counts
  /// only committed runs, and the run folders a script lists (`ls -d 2*/`, as docs/operations.md does) are whole.
  @Test func keepCountsOnlyCommittedRuns() throws {
    let host = try StalledScanHost(stall: 3)
    let output = try TemporaryFolder()
    defer {
      host.remove()
      output.remove()
    }
    for _ in 0..<2 {
      #expect(
        try LogDriverFixture.scan(root: host.root.path, output: output.path, extra: ["--quiet"]).command.status == 0)
    }
    let killed = try Self.startAndHold(host, output: output.path, at: .writing)
    kill(killed.pid, SIGKILL)
    _ = try killed.finish()
    #expect(Self.writingFolder(in: output.path) != nil)
    // The two good runs, and those of attempts that got past the point before they could be held.
    let visible = ScheduledScanTests.runs(in: output.path)
    #expect(visible.count >= 2)
    for run in visible {
      let folder = "\(output.path)/\(try #require(ScheduledScanTests.hostFolderName(in: output.path)))/\(run)"
      #expect(FileManager.default.fileExists(atPath: folder + "/arf.xml"), "\(run) is not a whole run")
    }

    let last = try LogDriverFixture.scan(root: host.root.path, output: output.path, extra: ["--quiet", "--keep", "2"])
    #expect(last.command.status == 0)
    let kept = ScheduledScanTests.runs(in: output.path)
    #expect(kept.count == 2)
    #expect(kept.first == visible.last)
    #expect(!visible.contains(try #require(kept.last)))
    #expect(Self.debris(in: output.path, besides: kept).isEmpty, "\(output.files())")
  }
}
