import Engine
import Foundation
import SCAPContent

/// The fleet page: one self-contained HTML file (the report's style sheet inlined, nothing fetched) with a line per
/// host (status, score, counts, findings by severity, last scan, changes since the previous run), the problems of
/// hosts whose scan cannot be read, each host's changes, and a line per failing rule with a link to each host's
/// evidence (its HTML report at the rule, or its ARF).
struct FleetHTMLWriter {
  let report: FleetReport
  /// The folder the page is written to: links to the hosts' files are relative to it.
  let linksFrom: String

  static let shownResults: [RuleResultValue] = [.pass, .fail, .error, .unknown, .notapplicable, .notchecked]
  static let shownSeverities: [RuleSeverity] = [.high, .medium, .low]

  var text: String {
    var html = HTMLBuilder()
    html.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
    html.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
    html.raw("<meta name=\"generator\" content=\"\(ProductInfo.name) \(ProductInfo.version)\">\n")
    html.element("title", "Fleet: \(report.hosts.count) hosts")
    html.raw("\n<style>\n\(HTMLReportStyle.css)\n\(Self.css)\n</style>\n</head>\n<body>\n<header>\n")
    html.element("h1", "Fleet: \(report.hosts.count) hosts")
    html.element(
      "p",
      "Made \(UTCTimestamp.string(from: report.date, .xsdDateTime)) · stale after "
        + Self.duration(report.staleAfter),
      className: "meta")
    html.raw("</header>\n")
    writeSummary(&html)
    html.raw("<main>\n")
    writeHosts(&html)
    writeProblems(&html)
    writeChanges(&html)
    writeRules(&html)
    html.raw("</main>\n<footer>")
    html.text("Written by \(ProductInfo.name) \(ProductInfo.version).")
    html.raw("</footer>\n</body>\n</html>\n")
    return html.text
  }

  private func writeSummary(_ html: inout HTMLBuilder) {
    let statuses = report.hosts.reduce(into: [FleetHostStatus: Int]()) { $0[FleetHostStatus($1), default: 0] += 1 }
    html.raw("<section class=\"summary\" aria-label=\"Summary\">\n<ul class=\"counts\">")
    for (status, className) in [(FleetHostStatus.current, "pass"), (.stale, "error"), (.failed, "fail")] {
      html.element("li", "\(statuses[status, default: 0]) \(status.rawValue)", className: className)
    }
    html.element("li", "\(report.rules.count) rules failing somewhere", className: "notchecked")
    html.raw("</ul>\n</section>\n")
  }

  private func writeHosts(_ html: inout HTMLBuilder) {
    html.raw("<h2 id=\"hosts\">Hosts</h2>\n<table class=\"fleet hosts\">\n<thead><tr><th>Host</th><th>Status</th>")
    html.raw("<th>Score</th>")
    for result in Self.shownResults { html.element("th", result.rawValue) }
    for severity in Self.shownSeverities { html.element("th", "\(severity.rawValue) findings") }
    html.raw("<th>Last scan</th><th>Since previous run</th></tr></thead>\n<tbody>\n")
    for host in report.hosts {
      let status = FleetHostStatus(host)
      html.raw("<tr class=\"\(status.rawValue)\"><td>")
      link(host.name, to: host.evidencePath, fragment: nil, &html)
      html.raw("</td>")
      html.element("td", status.rawValue, className: "status")
      html.element("td", host.score.map(FleetCSVWriter.number) ?? "", className: "number")
      for result in Self.shownResults {
        html.element(
          "td", host.problem == nil ? String(host.resultCounts[result, default: 0]) : "", className: "number")
      }
      for severity in Self.shownSeverities {
        html.element(
          "td", host.problem == nil ? String(host.attentionBySeverity[severity, default: 0]) : "", className: "number")
      }
      html.element("td", host.scanTime ?? "")
      html.raw("<td>")
      if let drift = host.drift {
        let counts = drift.counts
        if drift.changes.isEmpty {
          html.text("no change")
        } else {
          html.raw("<a href=\"#changes-\(HTMLEscaping.identifier(host.name))\">")
          html.text(
            RuleResultChange.Kind.allCases.compactMap { kind in
              counts[kind].map { "\($0) \(kind.rawValue)" }
            }.joined(separator: ", "))
          html.raw("</a>")
        }
      }
      html.raw("</td></tr>\n")
    }
    html.raw("</tbody>\n</table>\n")
  }

  private func writeProblems(_ html: inout HTMLBuilder) {
    let failed = report.hosts.filter { $0.problem != nil }
    guard !failed.isEmpty else { return }
    html.raw("<h2 id=\"failures\">Scans that cannot be read</h2>\n<ul class=\"messages\">\n")
    for host in failed {
      html.raw("<li><strong>")
      html.text(host.name)
      html.raw("</strong>: <code>")
      html.text(host.problem ?? "")
      html.raw("</code></li>\n")
    }
    html.raw("</ul>\n")
  }

  private func writeChanges(_ html: inout HTMLBuilder) {
    let changed = report.hosts.filter { !($0.drift?.changes.isEmpty ?? true) }
    guard !changed.isEmpty else { return }
    html.raw("<h2 id=\"changes\">Changes since each host's previous run</h2>\n")
    for host in changed {
      guard let drift = host.drift else { continue }
      html.raw("<details id=\"changes-\(HTMLEscaping.identifier(host.name))\"><summary>")
      html.text("\(host.name): \(drift.changes.count) changed since \(drift.old.startTime ?? drift.old.path)")
      html.raw("</summary>\n<ul>\n")
      for change in drift.changes {
        html.raw("<li><span class=\"badge \(change.kind.isRegression ? "fail" : "notchecked")\">")
        html.text(change.kind.rawValue)
        html.raw("</span> ")
        html.text(
          "\(change.version ?? XCCDFIdentifier.shortForm(of: change.ruleID)): "
            + "\(change.old?.rawValue ?? "absent") → \(change.new?.rawValue ?? "absent")")
        html.raw("</li>\n")
      }
      html.raw("</ul>\n</details>\n")
    }
  }

  private func writeRules(_ html: inout HTMLBuilder) {
    html.raw("<h2 id=\"rules\">Rules failing on hosts</h2>\n")
    guard !report.rules.isEmpty else {
      html.element("p", "No rule needs attention on any host.")
      return
    }
    html.raw("<table class=\"fleet rules\">\n<thead><tr><th>Rule</th><th>Severity</th><th>Hosts</th>")
    html.raw("<th>Evidence</th></tr></thead>\n<tbody>\n")
    for rule in report.rules {
      let shortID = XCCDFIdentifier.shortForm(of: rule.ruleID)
      html.raw("<tr><td>")
      if let version = rule.version { html.element("span", version, className: "stigid") }
      html.raw(" ")
      html.text(rule.title ?? shortID)
      html.raw("<div class=\"ids\">")
      html.text(shortID)
      html.raw("</div></td>")
      html.element("td", rule.severity.rawValue, className: "severity \(rule.severity.rawValue)")
      html.element("td", String(rule.hosts.count), className: "number")
      html.raw("<td class=\"evidence\">")
      for (position, entry) in rule.hosts.enumerated() {
        let host = report.hosts[entry.host]
        if position > 0 { html.raw(", ") }
        let isReport = host.evidencePath.hasSuffix(".html")
        link(host.name, to: host.evidencePath, fragment: isReport ? HTMLEscaping.identifier(shortID) : nil, &html)
        if entry.result != .fail { html.text(" (\(entry.result.rawValue))") }
      }
      html.raw("</td></tr>\n")
    }
    html.raw("</tbody>\n</table>\n")
  }

  /// A link to a host's file, relative to the page's folder.
  private func link(_ text: String, to path: String, fragment: String?, _ html: inout HTMLBuilder) {
    let relative = Self.relativePath(of: path, from: linksFrom)
    let encoded = relative.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? relative
    html.raw("<a href=\"\(HTMLEscaping.escape(encoded + (fragment.map { "#" + $0 } ?? "")))\">")
    html.text(text)
    html.raw("</a>")
  }

  /// `path` as seen from the folder `base`: `../results/web01/latest/report.html`.
  static func relativePath(of path: String, from base: String) -> String {
    let target = URL(fileURLWithPath: path).standardizedFileURL.pathComponents
    let origin = URL(fileURLWithPath: base).standardizedFileURL.pathComponents
    let common = zip(target, origin).prefix { $0 == $1 }.count
    return (Array(repeating: "..", count: origin.count - common) + target[common...]).joined(separator: "/")
  }

  /// `2 days`, `36 hours`, `90 minutes`, `45 seconds`.
  static func duration(_ seconds: TimeInterval) -> String {
    for (unit, length) in [("day", 86_400.0), ("hour", 3_600.0), ("minute", 60.0)]
    where seconds >= length && seconds.truncatingRemainder(dividingBy: length) == 0 {
      let count = Int(seconds / length)
      return "\(count) \(unit)\(count == 1 ? "" : "s")"
    }
    return "\(Int(seconds)) seconds"
  }

  /// What the fleet's tables add to the report's style sheet.
  static let css = """
    main { max-width: 96rem; }
    table.fleet { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; font-size: .9rem; }
    table.fleet th, table.fleet td { border: 1px solid var(--line); padding: .25rem .5rem; text-align: left;
      vertical-align: top; }
    table.fleet th { background: var(--soft); font-weight: 600; }
    table.fleet td.number { text-align: right; font-variant-numeric: tabular-nums; }
    table.hosts tr.stale td.status { color: var(--error); font-weight: 600; }
    table.hosts tr.failed td.status { color: var(--fail); font-weight: 600; }
    table.rules td.evidence { overflow-wrap: anywhere; }
    details { margin: .3rem 0; }
    details summary { padding: .2rem 0; }
    """
}
