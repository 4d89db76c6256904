import Foundation
import Reports
import Testing

/// The lock on a host's result folder, within one process (flock locks are per open file, so a second open in
/// the same process conflicts as another process's would). Two processes are tested end to end.
@Suite struct ScanLockTests {
  @Test func aSecondLockIsRefusedNamingTheHoldersPid() throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let held = try ScanLock(folder: folder)
    #expect(try String(contentsOfFile: held.path, encoding: .utf8) == "\(getpid())\n")
    #expect {
      _ = try ScanLock(folder: folder)
    } throws: { error in
      guard let error = error as? ScanLockError else { return false }
      return error.kind == .held(holder: getpid(), waited: 0) && error.isHeldByAnotherRun
        && error.description.contains("(pid \(getpid()))")
    }
    held.release()
    _ = try ScanLock(folder: folder)
  }

  @Test func waitingGetsTheLockOnceItIsReleased() throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    // Released from a thread of its own: a task could wait behind this test for a cooperative thread.
    let releaser = LockReleaser(try ScanLock(folder: folder))
    Thread.detachNewThread {
      usleep(300_000)
      releaser.release()
    }
    let acquired = try ScanLock(folder: folder, waitingUpTo: 10)
    #expect(releaser.hasReleased, "the lock was taken while the other holder still had it")
    #expect(throws: ScanLockError.self) { _ = try ScanLock(folder: folder) }
    acquired.release()
  }

  /// Hands a held lock to the thread that releases it, and tells whether it has.
  final class LockReleaser: @unchecked Sendable {
    // @unchecked: after init only the releasing thread touches `lock`; `released` only while `guardLock` is held.
    private let lock: ScanLock
    private let guardLock = NSLock()
    private var released = false

    init(_ lock: ScanLock) {
      self.lock = lock
    }

    func release() {
      guardLock.lock()
      defer { guardLock.unlock() }
      lock.release()
      released = true
    }

    var hasReleased: Bool {
      guardLock.lock()
      defer { guardLock.unlock() }
      return released
    }
  }

  @Test func waitingGivesUpAfterItsTime() throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let held = try ScanLock(folder: folder)
    #expect(throws: ScanLockError.self) { _ = try ScanLock(folder: folder, waitingUpTo: 0.2) }
    held.release()
  }

  @Test func anUnwritableFolderIsAnErrorNamingTheLockFile() {
    #expect {
      _ = try ScanLock(folder: "/nonexistent/palisade")
    } throws: { error in
      (error as? ScanLockError)?.kind == .unusable(reason: "no such file or directory")
        && "\(error)".contains("/nonexistent/palisade/.palisade.lock")
    }
  }

  static func temporaryFolder() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-lock-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }
}
