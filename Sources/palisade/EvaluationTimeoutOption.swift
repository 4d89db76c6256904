import ArgumentParser
import Foundation
import RunControl
import XMLSupport

/// `--timeout` of `oval eval` and `xccdf eval`: bounds loading the content and evaluating it with the deadline
/// `palisade scan --timeout` uses (`ScanDeadline`). When the time runs out the process reports it and exits 1 before
/// any result file is written; once the evaluation is over, the results are written unbounded (their size is the
/// content's, not the host's).
struct EvaluationTimeoutOption: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "Stop loading and evaluating after this long: exit 1, report it, write nothing.", valueName: "seconds"))
  var timeout: Double?

  func validate() throws {
    try Self.validate(timeout: timeout)
  }

  /// Refuses a `--timeout` that is not a number of seconds above 0; `scan --timeout` (`ScheduleOptions`) is
  /// checked by the same rule.
  static func validate(timeout: Double?) throws(ValidationError) {
    if let timeout, !(timeout > 0 && timeout.isFinite) {
      throw ValidationError("'--timeout' must be a number of seconds above 0")
    }
  }

  /// A started deadline for `--timeout`, or an unbounded one without it.
  /// - Parameter cleanup: runs on the watchdog's thread when the time runs out, before the process ends.
  func armedDeadline(cleanup: @escaping @Sendable () -> Void = {}) -> ScanDeadline {
    guard let timeout else { return .unbounded }
    let deadline = ScanDeadline(seconds: timeout) { expiry in
      cleanup()
      // On the watchdog thread, while the evaluation may be stuck in a match: write and leave, nothing else.
      StandardStreams.write(
        Diagnostic(
          .error, "the evaluation did not finish within \(expiry.secondsText); it was stopped and nothing was written"))
      _exit(ExitStatus.scanFailed.rawValue)
    }
    deadline.arm()
    return deadline
  }
}
