/// How an unattended run (`palisade scan` from cron or a systemd timer) is bounded and reported: retention, the
/// wait for the lock, the time bound and syslog alerts.
public struct RunSchedule: Sendable {
  /// After a complete run, keep only the newest this many runs of the host (`--keep`); nil keeps every run.
  public var keep: Int?
  /// How long to wait for another run's lock on the host's folder, in seconds (`--wait`); 0 gives up at once.
  public var wait: Double
  /// The time the whole run may take, in seconds (`--timeout`); nil for no bound.
  public var timeout: Double?
  /// Where alerts go (`--syslog`); nil sends none.
  public var syslog: SyslogClient?

  public init(keep: Int? = nil, wait: Double = 0, timeout: Double? = nil, syslog: SyslogClient? = nil) {
    self.keep = keep
    self.wait = wait
    self.timeout = timeout
    self.syslog = syslog
  }
}
