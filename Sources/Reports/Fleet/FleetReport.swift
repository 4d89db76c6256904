public import Engine
public import Foundation
public import SCAPContent
import XMLSupport

/// Many hosts' latest scans in one view (`palisade fleet`): per host its score, counts, age and what changed since
/// its previous run; per rule the hosts it fails on. Each ARF is read as a stream (`ARFSummaryReader`) and only its
/// summary's counts, changes and failing rules are kept, so memory grows with the hosts, not with their ARFs.
public struct FleetReport: Sendable {
  /// One host's line.
  public struct Host: Sendable {
    public let folder: FleetHostFolder
    /// The host's name: the ARF's asset, or the folder's when the ARF cannot be read.
    public let name: String
    public let fullyQualifiedName: String?
    /// The ARF read, and the file to show as the host's evidence (its HTML report when the run has one).
    public let arfPath: String
    public let evidencePath: String
    public let benchmarkID: String?
    public let profileID: String?
    public let score: Double?
    /// When the scan ended (or started), as written and as a time.
    public let scanTime: String?
    public let scanDate: Date?
    public let isStale: Bool
    /// How many rules had each result.
    public let resultCounts: [RuleResultValue: Int]
    /// How many rules needing attention (fail, error, unknown) had each severity.
    public let attentionBySeverity: [RuleSeverity: Int]
    /// What changed since the previous run; nil when there is none to compare with (or it cannot be read).
    public let drift: ResultDrift?
    /// Why the host's scan cannot be shown (`file:line:col: error: ...`); nil when it can.
    public let problem: String?
  }

  /// One rule that needs attention on at least one host.
  public struct Rule: Sendable {
    public let ruleID: String
    public let title: String?
    public let version: String?
    public let severity: RuleSeverity
    /// The hosts (indexes into `hosts`) where it needs attention, with the result there.
    public let hosts: [(host: Int, result: RuleResultValue)]
  }

  public let hosts: [Host]
  /// Worst first: the most hosts, then severity, then rule id.
  public let rules: [Rule]
  /// When the report was made, and how old a scan may be before it is stale.
  public let date: Date
  public let staleAfter: TimeInterval

  /// Reads every host's latest run (and previous one) with `width` ARFs read at a time.
  public static func read(
    _ folders: [FleetHostFolder], now: Date, staleAfter: TimeInterval,
    width: Int = ProcessInfo.processInfo.activeProcessorCount
  ) async -> FleetReport {
    var hosts: [Host?] = Array(repeating: nil, count: folders.count)
    var failing: [String: (rule: RuleOutcome, hosts: [(Int, RuleResultValue)])] = [:]
    var titles = RuleTitles()
    await withTaskGroup(of: (Int, Host, [RuleOutcome]).self) { group in
      var next = 0
      func start() {
        guard next < folders.count else { return }
        let index = next
        let folder = folders[index]
        next += 1
        group.addTask {
          let read = host(folder, now: now, staleAfter: staleAfter)
          return (index, read.host, read.attention)
        }
      }
      for _ in 0..<max(width, 1) { start() }
      while let (index, host, attention) = await group.next() {
        hosts[index] = host
        for outcome in attention {
          failing[outcome.ruleID, default: (outcome, [])].hosts.append((index, outcome.result))
        }
        if let benchmark = host.benchmarkID, !attention.isEmpty { titles.learn(benchmark, from: host.arfPath) }
        start()
      }
    }
    let rules = failing.values.map { entry in
      Rule(
        ruleID: entry.rule.ruleID, title: titles.title(of: entry.rule.ruleID), version: entry.rule.version,
        severity: entry.rule.severity, hosts: entry.hosts.sorted { $0.0 < $1.0 })
    }.sorted { lhs, rhs in
      if lhs.hosts.count != rhs.hosts.count { return lhs.hosts.count > rhs.hosts.count }
      if lhs.severity != rhs.severity { return lhs.severity < rhs.severity }
      return lhs.ruleID < rhs.ruleID
    }
    return FleetReport(hosts: hosts.compactMap { $0 }, rules: rules, date: now, staleAfter: staleAfter)
  }

  /// One host's line, and the rules that need attention on it.
  static func host(_ folder: FleetHostFolder, now: Date, staleAfter: TimeInterval) -> (
    host: Host, attention: [RuleOutcome]
  ) {
    let arfPath = folder.runFolder + "/arf.xml"
    let htmlPath = folder.runFolder + "/" + HTMLReportWriter.fileName
    let evidencePath = FileManager.default.fileExists(atPath: htmlPath) ? htmlPath : arfPath
    let summary: ScanSummary
    do {
      summary = try ARFSummaryReader.summary(ofARFAt: arfPath)
    } catch {
      let problem =
        FileManager.default.fileExists(atPath: folder.runFolder)
        ? Diagnostic(error: error).message : "\(folder.runFolder): error: no scan result (the run folder is missing)"
      return (
        Host(
          folder: folder, name: folder.name, fullyQualifiedName: nil, arfPath: arfPath, evidencePath: evidencePath,
          benchmarkID: nil, profileID: nil, score: nil, scanTime: nil, scanDate: nil, isStale: false,
          resultCounts: [:], attentionBySeverity: [:], drift: nil, problem: problem), []
      )
    }
    let drift = folder.previousRunFolder.flatMap { previous in
      (try? ARFSummaryReader.summary(ofARFAt: previous + "/arf.xml")).map { old in
        ResultDrift(old: old.driftSide, new: summary.driftSide, before: old.rules, after: summary.rules)
      }
    }
    let attention = summary.rules.filter(\.result.needsAttention)
    let scanTime = summary.endTime ?? summary.startTime
    let scanDate = scanTime.flatMap(UTCTimestamp.date(fromXSDDateTime:))
    return (
      Host(
        folder: folder, name: summary.hostName.isEmpty ? folder.name : summary.hostName,
        fullyQualifiedName: summary.fullyQualifiedName, arfPath: arfPath, evidencePath: evidencePath,
        benchmarkID: summary.benchmarkID, profileID: summary.profileID, score: summary.score, scanTime: scanTime,
        scanDate: scanDate, isStale: scanDate.map { now.timeIntervalSince($0) > staleAfter } ?? true,
        resultCounts: summary.rules.reduce(into: [:]) { $0[$1.result, default: 0] += 1 },
        attentionBySeverity: attention.reduce(into: [:]) { $0[$1.severity, default: 0] += 1 }, drift: drift,
        problem: nil), attention
    )
  }
}

/// The titles of failing rules, read once per benchmark from one of its ARFs with the typed reader
/// (`ResultDocumentReader`): the stream keeps no titles.
private struct RuleTitles {
  private var benchmarksRead: Set<String> = []
  private var titles: [String: String] = [:]

  mutating func learn(_ benchmarkID: String, from arfPath: String) {
    guard benchmarksRead.insert(benchmarkID).inserted,
      let document = try? ResultDocumentReader().read(contentsOf: arfPath)
    else { return }
    for finding in document.findings where titles[finding.rule.id] == nil {
      titles[finding.rule.id] = finding.rule.title
    }
  }

  func title(of ruleID: String) -> String? { titles[ruleID] }
}
