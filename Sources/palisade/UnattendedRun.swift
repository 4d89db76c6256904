import Engine
import Foundation
import Probes
import Reports
import RunControl
import XMLSupport

/// What `palisade scan` does around the scan itself so that it can run unattended: the time bound, the lock on the
/// host's result folder, pruning old runs, and telling syslog how the run went.
///
/// The order of a run: `arm()` starts the clock and catches the termination signals; the content is loaded;
/// `lock(_:)` takes the folder's lock; the host is scanned and the results written through the folder (whose deadline
/// is this run's); then `complete(...)` prunes and sends the summary, or `fail(...)` sends the error.
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
        let message =
          "the scan did not finish within \(secondsText(expiry.seconds)) (it was \(expiry.phase.rawValue)); "
          + "it was stopped and nothing was written"
        Self.end(reporting: message, reason: .timeout, syslog: syslog, outputFolder: outputFolder, exitCode: 1)
      }
    } else {
      deadline = .unbounded
    }
  }

  /// Starts the clock of `--timeout`, and ends the run in order on SIGTERM, SIGINT or SIGHUP.
  func arm() {
    let deadline = deadline
    let cleanup = cleanup
    let syslog = options.syslogClient
    let outputFolder = outputFolder
    TerminationSignals.handle { number in
      deadline.interrupt { phase, isCommitted in
        cleanup.finish(removingEmptyFolders: !isCommitted)
        let name = TerminationSignals.name(of: number)
        let message =
          isCommitted
          ? "stopped by \(name) after its results were written"
          : "stopped by \(name) (it was \(phase.rawValue)); nothing was written"
        Self.end(
          reporting: message, reason: .interrupted, syslog: syslog, outputFolder: outputFolder,
          exitCode: 128 + number)
      }
      // The time ran out first, or the run failed and is reporting it: either is ending the process.
      while true { pause() }
    }
    deadline.arm()
  }

  /// Records what the run is doing, for the message if the time runs out.
  func enter(_ phase: ScanDeadline.Phase) {
    deadline.enter(phase)
  }

  /// Takes the lock on the folder's host folder, creating it, waiting as `--wait` allows.
  /// - Throws: `ScanLockError` when another run holds it, `OutputError` when the folder cannot be created or is not
  ///   this user's alone.
  func lock(_ folder: ScanResultFolder) throws {
    deadline.enter(.waitingForLock)
    cleanup.record(createdFolders: try folder.prepareHostFolder())
    cleanup.record(try ScanLock(folder: folder.hostFolder, waitingUpTo: options.wait))
    deadline.enter(.scanning)
  }

  /// Makes sure the private folder a container or image was unpacked into is removed however the run ends (a
  /// signal, the deadline), not only when the scan returns.
  func removeWhenEnding(_ temporaryFolder: String, stoppingFirst unpacking: UnpackStop) {
    cleanup.unpackedFolders.record(temporaryFolder, unpacking: unpacking)
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

  /// A failed scan: sends the error, with the reason a SIEM can alert on. When the run is being stopped (a signal,
  /// the deadline), this does not return: the stop ends the process.
  /// - Parameter diagnostic: the message printed on standard error.
  func fail(_ error: any Error, diagnostic: String) {
    deadline.disarm()
    cleanup.finish(removingEmptyFolders: true)
    let prefix = "palisade: error: "
    let message = diagnostic.hasPrefix(prefix) ? String(diagnostic.dropFirst(prefix.count)) : diagnostic
    send(ScanAlert.failure(Self.reason(for: error), message: message, outputFolder: outputFolder))
  }

  private func send(_ alert: ScanAlert) {
    Self.send(alert, to: options.syslogClient)
  }

  private static func send(_ alert: ScanAlert, to syslog: SyslogClient?) {
    guard let syslog else { return }
    do {
      try syslog.send(alert.severity, messageID: alert.kind.rawValue, alert.text)
    } catch {
      StandardStreams.writeError("palisade: warning: \(error)")
    }
  }

  private func warn(_ message: String) {
    StandardStreams.writeError("palisade: warning: \(message)")
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

  /// Ends a run stopped from outside (the deadline's watchdog, a termination signal), on that thread: report on
  /// standard error and syslog, then end the process at once, without running anything else of it (the scan may be
  /// stuck inside a probe).
  private static func end(
    reporting message: String, reason: ScanAlert.FailureReason, syslog: SyslogClient?, outputFolder: String,
    exitCode: Int32
  ) -> Never {
    StandardStreams.writeError("palisade: error: \(message)")
    send(ScanAlert.failure(reason, message: message, outputFolder: outputFolder), to: syslog)
    _exit(exitCode)
  }
}

/// `30 s`, `0.5 s`.
private func secondsText(_ value: Double) -> String {
  value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
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
  /// The private folders containers or images were unpacked into, removed whatever the end.
  let unpackedFolders = UnpackedFolders()

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
    unpackedFolders.removeAll()
    guard removingEmptyFolders else { return }
    for folder in createdFolders.reversed() {
      rmdir(folder)
    }
  }
}
