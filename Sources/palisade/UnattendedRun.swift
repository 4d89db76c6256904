import Engine
import Foundation
import Reports
import XMLSupport

/// What `palisade scan` does around the scan itself so that it can run unattended: the time bound, the lock on the
/// host's result folder, pruning old runs, and telling syslog how the run went.
///
/// The order of a run: `arm()` starts the clock; the content is loaded; `lock(_:)` takes the folder's lock; the host
/// is scanned and the results written through the folder (whose deadline is this run's); then `complete(...)` prunes
/// and sends the summary, or `fail(...)` sends the error.
final class UnattendedRun {
  let options: ScheduleOptions
  let outputFolder: String
  /// The deadline the result folder commits through.
  let deadline: ScanDeadline
  private let cleanup = RunCleanup()

  init(options: ScheduleOptions, outputFolder: String) {
    self.options = options
    self.outputFolder = outputFolder
    if let seconds = options.timeout {
      let syslog = options.syslogClient
      let cleanup = cleanup
      deadline = ScanDeadline(seconds: seconds) { expiry in
        cleanup.finish(removingEmptyFolders: true)
        Self.endAfterTimeout(expiry, syslog: syslog, outputFolder: outputFolder)
      }
    } else {
      deadline = .unbounded
    }
  }

  /// Starts the clock of `--timeout`.
  func arm() {
    deadline.arm()
  }

  /// Records what the run is doing, for the message if the time runs out.
  func enter(_ phase: ScanDeadline.Phase) {
    deadline.enter(phase)
  }

  /// Takes the lock on the folder's host folder, creating it, waiting as `--wait` allows.
  /// - Throws: `ScanLockError` when another run holds it, `OutputError` when the folder cannot be created.
  func lock(_ folder: ScanResultFolder) throws {
    deadline.enter(.waitingForLock)
    let hostFolder = folder.hostFolder
    var missing: [String] = []
    var ancestor = URL(fileURLWithPath: hostFolder).standardizedFileURL
    while ancestor.path != "/", !FileManager.default.fileExists(atPath: ancestor.path) {
      missing.insert(ancestor.path, at: 0)
      ancestor.deleteLastPathComponent()
    }
    cleanup.record(createdFolders: missing)
    do {
      try FileManager.default.createDirectory(
        atPath: hostFolder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
    } catch {
      throw OutputError(path: hostFolder, reason: "cannot create folder: \(error.localizedDescription)")
    }
    cleanup.record(try ScanLock(folder: hostFolder, waitingUpTo: options.wait))
    deadline.enter(.scanning)
  }

  /// A complete run: prunes old runs (`--keep`) and sends the summary. Problems here are warnings; the run's
  /// results are already safe.
  func complete(_ outcome: ScanOutcome, resultPath: String, folder: ScanResultFolder) {
    deadline.disarm()
    if let keep = options.keep {
      do {
        try RunRetention(hostFolder: folder.hostFolder, keep: keep).prune()
      } catch {
        warn("cannot prune old runs: \(error)")
      }
    }
    cleanup.finish(removingEmptyFolders: false)
    send(ScanAlert.summary(of: outcome, resultPath: resultPath))
  }

  /// A failed scan: sends the error, with the reason a SIEM can alert on.
  /// - Parameter diagnostic: the message printed on standard error.
  func fail(_ error: any Error, diagnostic: String) {
    deadline.disarm()
    cleanup.finish(removingEmptyFolders: true)
    let prefix = "palisade: error: "
    let message = diagnostic.hasPrefix(prefix) ? String(diagnostic.dropFirst(prefix.count)) : diagnostic
    send(ScanAlert.failure(Self.reason(for: error), message: message, outputFolder: outputFolder))
  }

  private func send(_ alert: ScanAlert) {
    guard let client = options.syslogClient else { return }
    do {
      try client.send(alert.severity, messageID: alert.kind.rawValue, alert.text)
    } catch {
      FileHandle.standardError.write(Data("palisade: warning: \(error)\n".utf8))
    }
  }

  private func warn(_ message: String) {
    FileHandle.standardError.write(Data("palisade: warning: \(message)\n".utf8))
    send(ScanAlert.warning(message))
  }

  static func reason(for error: any Error) -> ScanAlert.FailureReason {
    switch error {
    case let lock as ScanLockError: lock.isHeldByAnotherRun ? .locked : .output
    case is ScanDeadlineExpired: .timeout
    case is OutputError: .output
    case is LocatedError, is FileReadError, is ScanError: .content
    default: .other
    }
  }

  /// The deadline's expiry action, on the watchdog thread: report on standard error and syslog, then end the
  /// process at once, without running anything else of it (the scan may be stuck inside a probe).
  private static func endAfterTimeout(
    _ expiry: ScanDeadline.Expiry, syslog: SyslogClient?, outputFolder: String
  ) {
    let message =
      "the scan did not finish within \(seconds(expiry.seconds)) (it was \(expiry.phase.rawValue)); "
      + "it was stopped and nothing was written"
    let line = Array("palisade: error: \(message)\n".utf8)
    _ = line.withUnsafeBytes { Foundation.write(STDERR_FILENO, $0.baseAddress, $0.count) }
    if let syslog {
      let alert = ScanAlert.failure(.timeout, message: message, outputFolder: outputFolder)
      do {
        try syslog.send(alert.severity, messageID: alert.kind.rawValue, alert.text)
      } catch {
        let warning = Array("palisade: warning: \(error)\n".utf8)
        _ = warning.withUnsafeBytes { Foundation.write(STDERR_FILENO, $0.baseAddress, $0.count) }
      }
    }
    _exit(ExitStatus.scanFailed.rawValue)
  }

  /// `30 s`, `0.5 s`.
  private static func seconds(_ value: Double) -> String {
    value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
  }
}

/// What a run undoes when it ends: it gives the lock up (removing the lock file), and a run that failed or was
/// stopped also removes the folders it created for results it never wrote (when they are empty). Done once, by the
/// main thread or by the deadline's watchdog, whichever gets there first.
private final class RunCleanup: @unchecked Sendable {
  // @unchecked: the stored properties are only read and written while `mutex` is held.
  private let mutex = NSLock()
  private var lock: ScanLock?
  private var createdFolders: [String] = []
  private var isFinished = false

  /// The folders created for the results, outermost first.
  func record(createdFolders folders: [String]) {
    mutex.lock()
    defer { mutex.unlock() }
    createdFolders = folders
  }

  func record(_ lock: ScanLock) {
    mutex.lock()
    defer { mutex.unlock() }
    self.lock = lock
  }

  func finish(removingEmptyFolders: Bool) {
    mutex.lock()
    defer { mutex.unlock() }
    guard !isFinished else { return }
    isFinished = true
    lock?.release()
    lock = nil
    guard removingEmptyFolders else { return }
    for folder in createdFolders.reversed() {
      rmdir(folder)
    }
  }
}
