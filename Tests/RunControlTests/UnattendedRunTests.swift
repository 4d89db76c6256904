import Engine
import Foundation
import Reports
import RunControl
import TestSupport
import Testing
import XMLSupport

/// The order of an unattended run, without the binary: the lock, the result folder, pruning, the cleanup of a failed
/// run and the alerts' reasons. Runs stopped by a signal or the deadline end the process and are tested end to end
/// (`InterruptedScanTests`, `ScheduledScanTests`).
@Suite struct UnattendedRunTests {
  /// The diagnostics a run reported.
  final class Reported: @unchecked Sendable {
    // @unchecked: `lines` is only read and written while `lock` is held.
    private let lock = NSLock()
    private var lines: [Diagnostic] = []

    func append(_ diagnostic: Diagnostic) {
      lock.withLock { lines.append(diagnostic) }
    }

    var all: [Diagnostic] { lock.withLock { lines } }
  }

  static func run(_ schedule: RunSchedule = RunSchedule(), into output: String, reported: Reported = Reported())
    -> UnattendedRun
  {
    UnattendedRun(
      schedule: schedule, outputFolder: output, report: reported.append,
      exit: { code in preconditionFailure("no test stops its run (exit \(code))") })
  }

  @Test func aCompleteRunWritesItsFolderWithTheReportsAndReleasesTheLock() async throws {
    let content = try FamilyContent()
    defer { content.remove() }
    let output = content.folder + "/results"
    let run = Self.run(into: output)
    run.arm()
    let outcome = try await run.scan(contentAt: content.benchmarkPath, target: { FamilyContent.target }) {
      try await Scanner().scan(content.request(for: $0, target: $1))
    }
    let written = try run.write(outcome, formats: [.ckl, .text], stig: nil)
    let runFolder = URL(fileURLWithPath: written.resultPath).deletingLastPathComponent().path
    #expect(written.resultPath.hasPrefix(output + "/" + outcome.target.hostname + "/"))
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: runFolder).sorted() == [
        "arf.xml", "checklist.ckl", "report.txt",
      ])
    #expect(written.notes.isEmpty)
    // Released: a second lock on the host folder is taken at once.
    _ = try ScanLock(folder: output + "/" + outcome.target.hostname)
  }

  @Test func keepPrunesOldRunsAfterTheCommit() async throws {
    let content = try FamilyContent()
    defer { content.remove() }
    let output = content.folder + "/results"
    let outcome = try await content.scan()
    for _ in 0..<3 {
      let run = Self.run(RunSchedule(keep: 2), into: output)
      try run.lock(ScanResultFolder(base: output, host: outcome.target.hostname))
      _ = try run.write(outcome, formats: [], stig: nil)
    }
    let runs = try RunRetention(hostFolder: output + "/" + outcome.target.hostname, keep: 2).runs()
    #expect(runs.count == 2)
  }

  @Test func aFailedRunRemovesTheFoldersItCreatedAndReleasesTheLock() throws {
    let content = try FamilyContent()
    defer { content.remove() }
    let output = content.folder + "/results"
    let run = Self.run(into: output)
    try run.lock(ScanResultFolder(base: output, host: "web01"))
    #expect(FileManager.default.fileExists(atPath: output + "/web01/.palisade.lock"))
    run.fail(ScanError("the scan failed"))
    #expect(!FileManager.default.fileExists(atPath: output))
  }

  @Test func badContentNeverTouchesTheOutputFolder() async throws {
    let content = try FamilyContent()
    defer { content.remove() }
    let output = content.folder + "/results"
    let malformed = content.folder + "/malformed.xml"
    try "<Benchmark>\n  <Rule>\n</Benchmark>\n".write(toFile: malformed, atomically: true, encoding: .utf8)
    let run = Self.run(into: output)
    let asked = Reported()
    await #expect(throws: LocatedError.self) {
      _ = try await run.scan(
        contentAt: malformed,
        target: {
          asked.append(Diagnostic(.note, "target"))
          return FamilyContent.target
        }
      ) { try await Scanner().scan(content.request(for: $0, target: $1)) }
    }
    #expect(asked.all.isEmpty, "the target is looked for only once the content has loaded")
    #expect(!FileManager.default.fileExists(atPath: output))
  }

  /// A target that cannot be found (an unknown container, a daemon that does not answer) fails the run before the
  /// lock, so nothing is created in the output folder and the scan is never started.
  @Test func aTargetNotFoundNeverTouchesTheOutputFolder() async throws {
    let content = try FamilyContent()
    defer { content.remove() }
    let output = content.folder + "/results"
    let run = Self.run(into: output)
    let scanned = Reported()
    await #expect(throws: ScanError.self) {
      _ = try await run.scan(contentAt: content.benchmarkPath, target: { throw ScanError("no such container") }) {
        scanned.append(Diagnostic(.note, "scanned"))
        return try await Scanner().scan(content.request(for: $0, target: $1))
      }
    }
    #expect(scanned.all.isEmpty)
    #expect(!FileManager.default.fileExists(atPath: output))
  }

  /// The scan runs under the lock on the target's own folder (named after the target's host name): a second run
  /// cannot take it while the first scans.
  @Test func theScanRunsUnderTheLockOfTheTargetsFolder() async throws {
    let content = try FamilyContent()
    defer { content.remove() }
    let output = content.folder + "/results"
    let run = Self.run(into: output)
    let container = TargetIdentity(
      hostname: "container-web01", fullyQualifiedName: "container-web01", ipAddresses: [], macAddresses: [],
      interfaces: [], userName: "root", isPrivileged: true, operatingSystem: "Linux", operatingSystemRelease: "6.1",
      operatingSystemVersion: "#1", architecture: "x86_64")
    let outcome = try await run.scan(contentAt: content.benchmarkPath, target: { container }) { document, target in
      #expect(target.hostname == "container-web01")
      #expect(throws: ScanLockError.self) { try ScanLock(folder: output + "/container-web01") }
      return try await Scanner().scan(content.request(for: document, target: target))
    }
    #expect(outcome.target.hostname == "container-web01")
    run.fail(ScanError("done"))
  }

  @Test func aSecondRunOnAHeldFolderIsRefusedAsLocked() throws {
    let content = try FamilyContent()
    defer { content.remove() }
    let output = content.folder + "/results"
    let first = Self.run(into: output)
    try first.lock(ScanResultFolder(base: output, host: "web01"))
    let second = Self.run(into: output)
    #expect {
      try second.lock(ScanResultFolder(base: output, host: "web01"))
    } throws: { error in
      UnattendedRun.reason(for: error) == .locked
    }
    first.fail(ScanError("done"))
  }

  @Test func alertsThatCannotBeSentAreWarnings() async throws {
    let content = try FamilyContent()
    defer { content.remove() }
    let output = content.folder + "/results"
    let socket = content.folder + "/no-syslog"
    let reported = Reported()
    let run = Self.run(RunSchedule(syslog: SyslogClient(socketPath: socket)), into: output, reported: reported)
    let outcome = try await content.scan()
    try run.lock(ScanResultFolder(base: output, host: outcome.target.hostname))
    _ = try run.write(outcome, formats: [], stig: nil)
    #expect(reported.all.count == 1)
    #expect(reported.all.first?.severity == .warning)
    #expect(reported.all.first?.description.contains(socket) == true)
  }

  @Test(arguments: [
    (
      ScanLockError(path: "/r/h/.palisade.lock", kind: .held(holder: 7, waited: 0)) as any Error,
      ScanAlert.FailureReason.locked
    ),
    (ScanDeadlineExpired(seconds: 5), .timeout),
    (OutputError(path: "/r/h", reason: "read-only file system"), .output),
    (LocatedError("bad", at: SourceLocation(file: "c.xml", line: 1, column: 1)), .content),
    (FileReadError(path: "c.xml", reason: "no such file or directory"), .content),
    (ScanError("no profile 'x'"), .content),
    (CocoaError(.featureUnsupported), .other),
  ])
  func eachFailureHasItsAlertReason(error: any Error, reason: ScanAlert.FailureReason) {
    #expect(UnattendedRun.reason(for: error) == reason)
  }
}
