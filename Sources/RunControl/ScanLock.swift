import Foundation
import XMLSupport

/// The lock one scan holds on a host's result folder, so that two runs never write, move `latest` or prune in the
/// same folder at once: an exclusive `flock(2)` on `.palisade.lock` in that folder, which holds the holder's pid.
///
/// The kernel drops the lock when the holder exits, however it exits, so a crashed or killed run never leaves a
/// stale lock behind (a file left by a killed run is simply locked again). The holder removes the file when it
/// releases the lock; since a run still waiting may then hold a lock on the removed file, every run checks after
/// locking that its file is still the one at the path, and starts over when it is not.
public final class ScanLock {
  /// The lock file's name inside the folder.
  public static let fileName = ".palisade.lock"

  /// The lock file.
  public let path: String
  private var descriptor: Int32 = -1

  /// Takes the lock on `folder`, which must exist.
  /// - Parameters:
  ///   - folder: the host's result folder, such as `results/HOST`.
  ///   - seconds: how long to wait for another run to finish; 0 gives up at once.
  /// - Throws: `ScanLockError` naming the holder's pid when another run holds the lock, or the reason the lock file
  ///   cannot be opened.
  public init(folder: String, waitingUpTo seconds: Double = 0) throws(ScanLockError) {
    path = URL(fileURLWithPath: folder).appendingPathComponent(Self.fileName).path
    let giveUp = Date().addingTimeInterval(max(seconds, 0))
    while true {
      let candidate = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o640)
      guard candidate >= 0 else {
        throw ScanLockError(path: path, kind: .unusable(reason: errnoReason()))
      }
      while flock(candidate, LOCK_EX | LOCK_NB) != 0 {
        let code = errno
        if code == EINTR { continue }
        guard code == EWOULDBLOCK else {
          close(candidate)
          throw ScanLockError(path: path, kind: .unusable(reason: errnoReason(code)))
        }
        if Date() >= giveUp {
          let holder = Self.holder(of: candidate)
          close(candidate)
          throw ScanLockError(path: path, kind: .held(holder: holder, waited: max(seconds, 0)))
        }
        usleep(50_000)
      }
      if Self.isStillAtItsPath(candidate, path: path) {
        descriptor = candidate
        break
      }
      close(candidate)
    }
    let record = "\(getpid())\n"
    _ = ftruncate(descriptor, 0)
    _ = record.withCString { pwrite(descriptor, $0, strlen($0), 0) }
  }

  deinit {
    release()
  }

  /// Removes the lock file and gives the lock up.
  public func release() {
    guard descriptor >= 0 else { return }
    // Only our own file: once it is gone, the path may already name the next run's.
    if Self.isStillAtItsPath(descriptor, path: path) { unlink(path) }
    close(descriptor)
    descriptor = -1
  }

  /// Whether the locked descriptor is the file at `path`, not one a previous holder removed while we waited.
  private static func isStillAtItsPath(_ descriptor: Int32, path: String) -> Bool {
    var opened = stat()
    var current = stat()
    guard fstat(descriptor, &opened) == 0, lstat(path, &current) == 0 else { return false }
    return opened.st_dev == current.st_dev && opened.st_ino == current.st_ino
  }

  /// The pid the lock file holds; nil when the holder has not written it yet or the file is garbled.
  private static func holder(of descriptor: Int32) -> Int32? {
    // A run that has just taken the lock writes its pid right after; give it a moment.
    for _ in 0..<10 {
      var buffer = [UInt8](repeating: 0, count: 32)
      let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
      if count > 0 {
        let text = String(decoding: buffer.prefix(count), as: UTF8.self)
        if let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 0 { return pid }
      }
      usleep(20_000)
    }
    return nil
  }

}

/// Why a scan could not take the lock on its result folder.
public struct ScanLockError: Error, Sendable, CustomStringConvertible {
  /// Held by another run, or not usable at all.
  public enum Kind: Sendable, Equatable {
    /// Another run holds the lock; its pid when the lock file names one.
    case held(holder: Int32?, waited: Double)
    /// The lock file cannot be created or locked, with errno's reason.
    case unusable(reason: String)
  }

  /// The lock file.
  public let path: String
  /// What went wrong.
  public let kind: Kind

  public init(path: String, kind: Kind) {
    self.path = path
    self.kind = kind
  }

  /// Whether another run holds the lock (as opposed to a lock file that cannot be used at all).
  public var isHeldByAnotherRun: Bool {
    if case .held = kind { return true }
    return false
  }

  public var description: String {
    switch kind {
    case .held(let holder, let waited):
      let who = holder.map { "another palisade scan (pid \($0))" } ?? "another palisade scan"
      let waiting = waited > 0 ? " after waiting \(ScanLockError.seconds(waited))" : ""
      return "\(who) is writing to this result folder (lock \(path)); not starting\(waiting)"
    case .unusable(let reason):
      return "cannot lock the result folder: \(path): \(reason)"
    }
  }

  static func seconds(_ value: Double) -> String {
    value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
  }
}
