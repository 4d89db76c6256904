public import Engine
import Foundation

/// What a scan tells syslog, so that a SIEM can count results and alert when scans fail or stop arriving.
///
/// Every message is one line of `key=value` pairs after a short sentence; values with spaces are quoted. The
/// MSGID says which kind it is: `scan-summary` after a complete run (severity `informational` when every rule
/// passed, `warning` when some need attention), `scan-failed` when the scan itself failed (severity `error`), and
/// `scan-warning` for a problem that did not stop the run, such as old runs that could not be pruned.
public struct ScanAlert: Sendable, Equatable {
  /// The MSGIDs.
  public enum Kind: String, Sendable {
    case summary = "scan-summary"
    case failure = "scan-failed"
    case warning = "scan-warning"
  }

  /// Why a scan failed, the `reason` key of a `scan-failed` message.
  public enum FailureReason: String, Sendable {
    /// The content is missing, unreadable or malformed, or an option names something it does not have.
    case content
    /// The results could not be written.
    case output
    /// The run did not finish within `--timeout`.
    case timeout
    /// Another run holds the lock on the result folder.
    case locked
    /// The run was stopped by SIGTERM, SIGINT or SIGHUP.
    case interrupted
    /// Anything else.
    case other
  }

  /// Which message this is; its MSGID.
  public let kind: Kind
  /// The syslog severity it is sent with.
  public let severity: SyslogSeverity
  /// The message text: a short sentence, then `key=value` pairs.
  public let text: String

  public init(kind: Kind, severity: SyslogSeverity, text: String) {
    self.kind = kind
    self.severity = severity
    self.text = text
  }

  /// The summary of a complete run: the count of each result, the score and the run's folder.
  /// - Parameter resultPath: the ARF's path; the message names its folder, absolute.
  public static func summary(of outcome: ScanOutcome, resultPath: String) -> ScanAlert {
    let counts = outcome.counts
    let needsAttention = outcome.needsAttention
    let order: [RuleResultValue] = [
      .pass, .fail, .error, .unknown, .notapplicable, .notchecked, .informational, .fixed,
    ]
    var pairs: [(String, String)] = [("status", needsAttention ? "findings" : "compliant")]
    pairs += order.map { ($0.rawValue, String(counts[$0] ?? 0)) }
    pairs += [
      ("score", String(format: "%.2f", outcome.score.score)),
      ("maximum", String(format: "%.0f", outcome.score.maximum)),
      ("host", outcome.target.hostname),
      ("benchmark", outcome.benchmark.id),
      ("profile", outcome.profile?.id ?? "(default)"),
      ("results", absoluteFolder(of: resultPath)),
    ]
    let sentence = needsAttention ? "scan complete, rules need attention" : "scan complete, compliant"
    return ScanAlert(
      kind: .summary, severity: needsAttention ? .warning : .informational,
      text: sentence + ": " + Self.keyValues(pairs))
  }

  /// A scan that failed: the reason, the diagnostic, and where results would have gone.
  public static func failure(_ reason: FailureReason, message: String, outputFolder: String) -> ScanAlert {
    ScanAlert(
      kind: .failure, severity: .error,
      text: "scan failed: "
        + Self.keyValues([
          ("reason", reason.rawValue), ("output", absolutePath(outputFolder)), ("message", oneLine(message)),
        ]))
  }

  /// A problem that did not stop the run.
  public static func warning(_ message: String) -> ScanAlert {
    ScanAlert(
      kind: .warning, severity: .warning, text: "scan warning: " + Self.keyValues([("message", oneLine(message))]))
  }

  /// `key=value key="value with spaces"`, with `"` and `\` escaped inside quotes.
  static func keyValues(_ pairs: [(String, String)]) -> String {
    pairs.map { key, value in
      let plain = !value.isEmpty && !value.contains { $0 == " " || $0 == "\"" || $0 == "\\" || $0 == "=" }
      if plain { return "\(key)=\(value)" }
      let escaped = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
      return "\(key)=\"\(escaped)\""
    }.joined(separator: " ")
  }

  private static func oneLine(_ text: String) -> String {
    text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
  }

  private static func absoluteFolder(of path: String) -> String {
    URL(fileURLWithPath: absolutePath(path)).deletingLastPathComponent().path
  }

  private static func absolutePath(_ path: String) -> String {
    URL(fileURLWithPath: path).standardizedFileURL.path
  }
}
