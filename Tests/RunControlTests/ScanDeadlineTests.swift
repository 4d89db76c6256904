import Foundation
import RunControl
import Testing

/// `--timeout`: the watchdog removes a run being written and keeps it from being committed, and leaves a committed
/// run alone. The expiry action here only records what it was told; the command's action ends the process.
@Suite struct ScanDeadlineTests {
  /// What the expiry action saw, shared with the watchdog thread.
  final class ExpiryRecord: @unchecked Sendable {
    // @unchecked: `expiries` is only touched while `lock` is held.
    private let lock = NSLock()
    private var expiries: [ScanDeadline.Expiry] = []

    func record(_ expiry: ScanDeadline.Expiry) {
      lock.lock()
      expiries.append(expiry)
      lock.unlock()
    }

    var all: [ScanDeadline.Expiry] {
      lock.lock()
      defer { lock.unlock() }
      return expiries
    }
  }

  func waitForExpiry(_ record: ExpiryRecord) async throws {
    for _ in 0..<200 where record.all.isEmpty {
      try await Task.sleep(for: .milliseconds(10))
    }
  }

  @Test func anUnfinishedRunIsRemovedAndCannotBeCommitted() async throws {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-deadline-\(UUID().uuidString)")
    let run = base.appendingPathComponent("20261128T020000Z")
    try FileManager.default.createDirectory(at: run, withIntermediateDirectories: true)
    try Data("half".utf8).write(to: run.appendingPathComponent(".arf.xml.AbCdEf"))
    defer { try? FileManager.default.removeItem(at: base) }
    let record = ExpiryRecord()
    let deadline = ScanDeadline(seconds: 0.1) { record.record($0) }
    deadline.arm()
    deadline.enter(.scanning)
    try deadline.beginWriting(runFolder: run.path)
    try await waitForExpiry(record)
    let expiry = try #require(record.all.first)
    #expect(expiry.phase == .writingResults)
    #expect(expiry.removedRunFolder == run.path)
    #expect(try FileManager.default.contentsOfDirectory(atPath: base.path).isEmpty)
    var committed = false
    #expect(throws: ScanDeadlineExpired.self) { try deadline.commit { committed = true } }
    #expect(!committed)
  }

  @Test func aCommittedRunIsLeftAlone() async throws {
    let record = ExpiryRecord()
    let deadline = ScanDeadline(seconds: 0.1) { record.record($0) }
    deadline.arm()
    var committed = false
    try deadline.commit { committed = true }
    try await Task.sleep(for: .milliseconds(400))
    #expect(committed)
    #expect(record.all.isEmpty)
  }

  @Test func theExpiryNamesWhatTheRunWasDoing() async throws {
    let record = ExpiryRecord()
    let deadline = ScanDeadline(seconds: 0.05) { record.record($0) }
    deadline.arm()
    deadline.enter(.waitingForLock)
    try await waitForExpiry(record)
    #expect(record.all.map(\.phase) == [.waitingForLock])
    #expect(record.all.first?.removedRunFolder == nil)
  }

  /// A termination signal while the run is written: the folder goes, nothing can be committed afterwards, and the
  /// action is told what the run was doing. Unbounded deadlines (no `--timeout`) track the run folder the same way.
  @Test func anInterruptRemovesTheUnfinishedRunAndStopsTheCommit() throws {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-deadline-\(UUID().uuidString)")
    let run = base.appendingPathComponent(".writing-20261128T020000Z")
    try FileManager.default.createDirectory(at: run, withIntermediateDirectories: true)
    try Data("half".utf8).write(to: run.appendingPathComponent(".arf.xml.AbCdEf"))
    defer { try? FileManager.default.removeItem(at: base) }
    let deadline = ScanDeadline.unbounded
    deadline.enter(.scanning)
    try deadline.beginWriting(runFolder: run.path)
    var told: [(ScanDeadline.Phase, Bool)] = []
    deadline.interrupt { told.append(($0, $1)) }
    #expect(told.map(\.0) == [.writingResults])
    #expect(told.map(\.1) == [false])
    #expect(try FileManager.default.contentsOfDirectory(atPath: base.path).isEmpty)
    var committed = false
    #expect(throws: ScanDeadlineExpired.self) { try deadline.commit { committed = true } }
    #expect(!committed)
  }

  @Test func anInterruptAfterTheCommitLeavesTheRun() throws {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-deadline-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: base) }
    let deadline = ScanDeadline.unbounded
    try deadline.beginWriting(runFolder: base.path)
    try deadline.commit {}
    var told: [Bool] = []
    deadline.interrupt { told.append($1) }
    #expect(told == [true])
    #expect(FileManager.default.fileExists(atPath: base.path))
  }

  /// A run that failed (disarmed without a commit) is reporting its own error and ending: a signal then adds nothing.
  @Test func anInterruptAfterAFailureIsLeftToTheFailure() {
    let deadline = ScanDeadline.unbounded
    deadline.enter(.scanning)
    deadline.disarm()
    var told = 0
    deadline.interrupt { _, _ in told += 1 }
    #expect(told == 0)
  }

  /// The run folder is created and registered under the deadline's lock, and the creator gets back what it made.
  @Test func creatingTheRunFolderRegistersItAndReturnsWhatWasMade() throws {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-deadline-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: base) }
    let run = base.appendingPathComponent(".writing-20261128T020000Z")
    let deadline = ScanDeadline.unbounded
    let name = try deadline.beginWriting {
      try FileManager.default.createDirectory(at: run, withIntermediateDirectories: false)
      return (run.path, "20261128T020000Z")
    }
    #expect(name == "20261128T020000Z")
    var told: [ScanDeadline.Phase] = []
    deadline.interrupt { phase, _ in told.append(phase) }
    #expect(told == [.writingResults])
    #expect(!FileManager.default.fileExists(atPath: run.path), "the registered folder is removed on interrupt")
    var created = false
    #expect(throws: ScanDeadlineExpired.self) {
      try deadline.beginWriting {
        created = true
        return (run.path, ())
      }
    }
    #expect(!created, "nothing is created once the run was stopped")
  }

  @Test func anUnboundedDeadlineNeverExpires() throws {
    let deadline = ScanDeadline.unbounded
    deadline.arm()
    try deadline.beginWriting(runFolder: "/nonexistent")
    var committed = false
    try deadline.commit { committed = true }
    #expect(committed)
  }
}
