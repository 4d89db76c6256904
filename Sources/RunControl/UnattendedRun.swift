public import Engine
import Foundation
public import Probes
public import Reports
public import SCAPContent
public import XMLSupport

/// What `palisade scan` does around the scan itself so that it can run unattended: the time bound, the lock on the
/// host's result folder, the result folder, pruning old runs, and telling syslog how the run went.
///
/// The order of a run: `arm()` starts the clock; `scan(contentAt:target:scanning:)` loads the content, finds the
/// target, takes its folder's lock and scans it; `write(_:formats:stig:)` writes the results through the folder (whose deadline is this
/// run's), prunes and sends the summary; `fail(_:)` sends the error of a run that failed. A run stopped from outside
/// (the deadline, `stop(bySignal:named:)`) reports and ends the process through the `exit` it was given, so the
/// process's end stays with the command.
public final class UnattendedRun: Sendable {
  public let schedule: RunSchedule
  public let outputFolder: String
  /// The deadline the result folder commits through.
  public let deadline: ScanDeadline
  private let cleanup = RunCleanup()
  private let report: @Sendable (Diagnostic) -> Void
  private let exitProcess: @Sendable (Int32) -> Never

  /// What a complete run wrote.
  public struct WrittenRun: Sendable {
    /// The committed ARF.
    public let resultPath: String
    /// The notes of the report conversion (rules that matched no STIG rule).
    public let notes: [String]
  }

  /// - Parameters:
  ///   - report: prints a diagnostic (warnings, and the error of a run stopped from outside) on standard error.
  ///   - exit: ends the process at once with this code, without running anything else of it (the scan may be stuck
  ///     inside a probe): `_exit`. Called on the watchdog or the signal thread.
  public init(
    schedule: RunSchedule, outputFolder: String, report: @escaping @Sendable (Diagnostic) -> Void,
    exit: @escaping @Sendable (Int32) -> Never
  ) {
    self.schedule = schedule
    self.outputFolder = outputFolder
    self.report = report
    self.exitProcess = exit
    if let seconds = schedule.timeout {
      let cleanup = cleanup
      let syslog = schedule.syslog
      deadline = ScanDeadline(seconds: seconds) { expiry in
        cleanup.finish(removingEmptyFolders: true)
        let message =
          "the scan did not finish within \(expiry.secondsText) (it was \(expiry.phase.rawValue)); "
          + "it was stopped and nothing was written"
        Self.end(
          reporting: message, reason: .timeout, syslog: syslog, outputFolder: outputFolder, report: report,
          exit: { exit(1) })
      }
    } else {
      deadline = .unbounded
    }
  }

  /// Starts the clock of `--timeout`.
  public func arm() {
    deadline.arm()
  }

  /// Ends the run in order after a termination signal: removes an uncommitted run folder (under the deadline's lock,
  /// so no commit slips in), gives the lock up, reports, and exits 128 + the signal's number. Called on the thread
  /// that received the signal; when the time ran out first, or the run failed and is reporting it, this waits for
  /// that to end the process.
  public func stop(bySignal number: Int32, named name: String) -> Never {
    deadline.interrupt { phase, isCommitted in
      cleanup.finish(removingEmptyFolders: !isCommitted)
      let message =
        isCommitted
        ? "stopped by \(name) after its results were written"
        : "stopped by \(name) (it was \(phase.rawValue)); nothing was written"
      Self.end(
        reporting: message, reason: .interrupted, syslog: schedule.syslog, outputFolder: outputFolder,
        report: report, exit: { exitProcess(128 + number) })
    }
    while true { pause() }
  }

  /// Records what the run is doing, for the message if the time runs out.
  public func enter(_ phase: ScanDeadline.Phase) {
    deadline.enter(phase)
  }

  /// Makes sure the private folder a container or image was unpacked into is removed however the run ends (a
  /// signal, the deadline), not only when the scan returns.
  public func removeWhenEnding(_ temporaryFolder: String, stoppingFirst unpacking: UnpackStop) {
    cleanup.unpackedFolders.record(temporaryFolder, unpacking: unpacking)
  }

  /// Loads the content, finds the target, takes the lock on the target's folder and scans it, in that order: bad
  /// content or a target that cannot be found never touches the output folder, and nothing of the target (a
  /// container's unpacked tree) is fetched before the lock is held.
  /// - Parameters:
  ///   - target: the scanned host, or the container or image (`TargetIdentity.of(_:)`), asked once the content
  ///     has loaded; its host name names the folder locked.
  ///   - scanning: the scan of the loaded content on the target, run under the lock.
  /// - Throws: what loading the content, `target`, `lock(_:)` and `scanning` throw.
  public func scan(
    contentAt path: String, target: () throws -> TargetIdentity,
    scanning: (SCAPDocument, TargetIdentity) async throws -> ScanOutcome
  ) async throws -> ScanOutcome {
    deadline.enter(.loadingContent)
    let document = try SCAPDocument(contentsOf: path)
    let identity = try target()
    try lock(ScanResultFolder(base: outputFolder, host: identity.hostname))
    return try await scanning(document, identity)
  }

  /// Takes the lock on the folder's host folder, creating it, waiting as `--wait` allows.
  /// - Throws: `ScanLockError` when another run holds it, `OutputError` when the folder cannot be created or is not
  ///   this user's alone.
  public func lock(_ folder: ScanResultFolder) throws {
    deadline.enter(.waitingForLock)
    cleanup.record(createdFolders: try folder.prepareHostFolder())
    cleanup.record(try ScanLock(folder: folder.hostFolder, waitingUpTo: schedule.wait))
    deadline.enter(.scanning)
  }

  /// Writes the run's ARF and its reports in `formats` (with the STIG's text when given) into a new run folder,
  /// moves `latest` to it, then completes the run: prunes old runs (`--keep`) and sends the summary. Problems after
  /// the commit are warnings; the run's results are already safe.
  /// - Throws: `OutputError` (nothing of the run is left), `LocatedError` from the conversion.
  public func write(_ outcome: ScanOutcome, formats: [ReportFormat], stig: ReportedBenchmark?) throws -> WrittenRun {
    var notes: [String] = []
    var folder = ScanResultFolder(base: outputFolder, host: outcome.target.hostname)
    folder.deadline = deadline
    let writing = RunStatistics.startPhase("write")
    let resultPath = try folder.write(outcome) { arfPath, runFolder, committedARFPath in
      notes = try ReportFile.writeCompanions(
        ofARF: arfPath, committedAs: committedARFPath, formats: formats, stig: stig, into: runFolder
      ).notes
    }
    writing?.end()
    complete(outcome, resultPath: resultPath, folder: folder)
    return WrittenRun(resultPath: resultPath, notes: notes)
  }

  private func complete(_ outcome: ScanOutcome, resultPath: String, folder: ScanResultFolder) {
    deadline.disarm()
    if let keep = schedule.keep {
      do {
        try RunRetention(hostFolder: folder.hostFolder, keep: keep).prune()
      } catch {
        warn("cannot prune old runs: \(error)")
      }
    }
    cleanup.finish(removingEmptyFolders: false)
    send(ScanAlert.summary(of: outcome, resultPath: resultPath))
  }

  /// A failed run: gives the lock up, removes the folders it created, and sends the error with the reason a SIEM
  /// can alert on. When the run is being stopped (a signal, the deadline), this does not return: the stop ends the
  /// process, and only the stop is reported.
  public func fail(_ error: any Error) {
    deadline.disarm()
    cleanup.finish(removingEmptyFolders: true)
    send(
      ScanAlert.failure(Self.reason(for: error), message: Diagnostic(error: error).message, outputFolder: outputFolder))
  }

  /// The `reason` of a failed run's alert.
  public static func reason(for error: any Error) -> ScanAlert.FailureReason {
    switch error {
    case let lock as ScanLockError: lock.isHeldByAnotherRun ? .locked : .output
    case is ScanDeadlineExpired: .timeout
    case is OutputError: .output
    case is LocatedError, is FileReadError, is ScanError: .content
    default: .other
    }
  }

  private func send(_ alert: ScanAlert) {
    Self.send(alert, to: schedule.syslog, report: report)
  }

  private static func send(_ alert: ScanAlert, to syslog: SyslogClient?, report: (Diagnostic) -> Void) {
    guard let syslog else { return }
    do {
      try syslog.send(alert.severity, messageID: alert.kind.rawValue, alert.text)
    } catch {
      report(Diagnostic(.warning, error.sentence))
    }
  }

  private func warn(_ message: String) {
    report(Diagnostic(.warning, message))
    send(ScanAlert.warning(message))
  }

  /// Ends a run stopped from outside (the deadline's watchdog, a termination signal), on that thread: report on
  /// standard error and syslog, then end the process.
  private static func end(
    reporting message: String, reason: ScanAlert.FailureReason, syslog: SyslogClient?, outputFolder: String,
    report: (Diagnostic) -> Void, exit: () -> Never
  ) -> Never {
    report(Diagnostic(.error, message))
    send(ScanAlert.failure(reason, message: message, outputFolder: outputFolder), to: syslog, report: report)
    exit()
  }
}
