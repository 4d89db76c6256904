import ArgumentParser
import RunControl

/// The `palisade scan` options for unattended runs (cron, systemd timers): retention, the lock, the time bound and
/// syslog alerts.
struct ScheduleOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "After a complete run, keep only the newest N runs of this host (the one 'latest' points at is never removed).",
      valueName: "N"))
  var keep: Int?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "When another scan holds the lock on this host's result folder, wait up to this long for it; 0 exits 1 at "
        + "once.", valueName: "seconds"))
  var wait: Double = 0

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Stop the whole run (waiting for the lock included) after this long: exit 1, report it, write nothing.",
      valueName: "seconds"))
  var timeout: Double?

  @Flag(
    name: .long,
    help: "Send a summary to syslog after each run, and an error-priority message when the scan itself fails.")
  var syslog = false

  @Option(
    name: .long,
    help: ArgumentHelp(
      "The syslog datagram socket (implies --syslog; default: \(SyslogClient.defaultSocketPath)).", valueName: "path"))
  var syslogSocket: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "The syslog facility: daemon, user, auth, authpriv, local0 ... local7, or another of RFC 5424's.",
      valueName: "name"))
  var syslogFacility: String = "daemon"

  func validate() throws {
    if let keep, keep < 1 {
      throw ValidationError("'--keep' must be at least 1, not \(keep)")
    }
    guard wait >= 0, wait.isFinite else {
      throw ValidationError("'--wait' must be a number of seconds, 0 or more")
    }
    try EvaluationTimeoutOption.validate(timeout: timeout)
    if SyslogFacility(named: syslogFacility) == nil {
      let names = SyslogFacility.allCases.map(\.name).joined(separator: ", ")
      throw ValidationError("unknown syslog facility '\(syslogFacility)'; use one of: \(names)")
    }
  }

  /// The run's bounds and where its alerts go.
  var runSchedule: RunSchedule {
    RunSchedule(keep: keep, wait: wait, timeout: timeout, syslog: syslogClient)
  }

  /// Where alerts go, when they are asked for.
  private var syslogClient: SyslogClient? {
    guard syslog || syslogSocket != nil else { return nil }
    return SyslogClient(
      socketPath: syslogSocket ?? SyslogClient.defaultSocketPath,
      facility: SyslogFacility(named: syslogFacility) ?? .daemon)
  }
}
