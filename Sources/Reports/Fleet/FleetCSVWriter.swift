import Engine
import SCAPContent

/// One line per host (RFC 4180): name, status, score, the count of each result, the findings by severity, the last
/// scan's time, what changed since the previous run, the ARF and the problem of a host whose scan cannot be read.
struct FleetCSVWriter {
  let report: FleetReport

  static let results: [RuleResultValue] = [
    .pass, .fail, .error, .unknown, .notapplicable, .notchecked, .informational, .fixed, .notselected,
  ]
  static let severities: [RuleSeverity] = [.high, .medium, .low, .info, .unknown]

  var text: String {
    var lines = [
      (["host", "fqdn", "status", "score", "last_scan"] + Self.results.map(\.rawValue)
        + Self.severities.map { "attention_\($0.rawValue)" } + [
          "newly_failing", "resolved", "other_changes", "arf",
          "problem",
        ]).joined(separator: ",")
    ]
    for host in report.hosts {
      let counts = host.drift?.counts ?? [:]
      let other = (host.drift?.changes.count ?? 0) - counts[.newlyFailing, default: 0] - counts[.resolved, default: 0]
      let fields =
        [
          host.name, host.fullyQualifiedName ?? "", FleetHostStatus(host).rawValue, host.score.map(Self.number) ?? "",
          host.scanTime ?? "",
        ]
        + Self.results.map { host.problem == nil ? String(host.resultCounts[$0, default: 0]) : "" }
        + Self.severities.map { host.problem == nil ? String(host.attentionBySeverity[$0, default: 0]) : "" }
        + (host.drift == nil
          ? ["", "", ""]
          : [String(counts[.newlyFailing, default: 0]), String(counts[.resolved, default: 0]), String(other)])
        + [host.arfPath, host.problem ?? ""]
      lines.append(fields.map(Self.field).joined(separator: ","))
    }
    return lines.joined(separator: "\r\n") + "\r\n"
  }

  static func number(_ value: Double) -> String { String(format: "%.2f", value) }

  /// A field quoted when it holds a comma, quote or line break; a leading `=`, `+`, `-` or `@` is prefixed with `'`
  /// so that a spreadsheet shows a host-chosen name as text, never runs it as a formula.
  private static func field(_ value: String) -> String {
    let safe = value.first.map { "=+-@".contains($0) } == true ? "'" + value : value
    guard safe.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return safe }
    return "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}

/// How a host stands: its scan read and recent, read but older than the limit, or not readable.
enum FleetHostStatus: String {
  case current, stale, failed

  init(_ host: FleetReport.Host) {
    self = host.problem != nil ? .failed : host.isStale ? .stale : .current
  }
}
