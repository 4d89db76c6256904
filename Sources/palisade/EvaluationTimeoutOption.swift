import ArgumentParser
import Foundation
import Reports
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
  func armedDeadline() -> ScanDeadline {
    guard let timeout else { return .unbounded }
    let deadline = ScanDeadline(seconds: timeout) { expiry in
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
