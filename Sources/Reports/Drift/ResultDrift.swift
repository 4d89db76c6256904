import Engine

/// The rules whose result changed between two scans (`palisade diff OLD NEW`), newly failing first.
public struct ResultDrift: Sendable {
  /// One side of the comparison, as the result file describes it.
  public struct Side: Sendable, Equatable {
    public init(path: String, startTime: String?, host: String, benchmarkID: String, profileID: String?) {
      self.path = path
      self.startTime = startTime
      self.host = host
      self.benchmarkID = benchmarkID
      self.profileID = profileID
    }

    /// The result file read.
    public let path: String
    /// The TestResult's `start-time`, as written.
    public let startTime: String?
    /// The scanned host's name.
    public let host: String
    /// The benchmark that was run.
    public let benchmarkID: String
    /// The profile, when one was chosen.
    public let profileID: String?
  }

  /// The older scan.
  public let old: Side
  /// The newer scan.
  public let new: Side
  /// Every change, by kind (newly failing first), then by severity (high first), then by rule id.
  public let changes: [RuleResultChange]
  /// Rules with the same result in both scans.
  public let unchangedCount: Int

  /// Compares two scans rule by rule. A rule reported several times in one scan (a multi-check rule) counts with
  /// the result that needs the most attention.
  public init(from old: ResultDocument, to new: ResultDocument) {
    self.init(
      old: Self.side(of: old), new: Self.side(of: new), before: Self.results(of: old), after: Self.results(of: new))
  }

  /// Compares two scans' rule results (each list with one outcome per rule, as `RuleOutcome.merged` makes it).
  public init(old: Side, new: Side, before: [RuleOutcome], after: [RuleOutcome]) {
    self.old = old
    self.new = new
    let beforeByRule = Dictionary(before.map { ($0.ruleID, $0) }, uniquingKeysWith: { first, _ in first })
    let afterByRule = Dictionary(after.map { ($0.ruleID, $0) }, uniquingKeysWith: { first, _ in first })
    var changes: [RuleResultChange] = []
    var unchanged = 0
    var seen: Set<String> = []
    for entry in (before + after).map(\.ruleID) where seen.insert(entry).inserted {
      let oldOutcome = beforeByRule[entry]
      let newOutcome = afterByRule[entry]
      if oldOutcome?.result == newOutcome?.result {
        unchanged += 1
        continue
      }
      let rule = newOutcome ?? oldOutcome
      changes.append(
        RuleResultChange(
          ruleID: entry, title: rule?.title ?? entry, version: rule?.version, severity: rule?.severity ?? .unknown,
          old: oldOutcome?.result, new: newOutcome?.result))
    }
    self.changes = changes.sorted { lhs, rhs in
      if lhs.kind != rhs.kind { return lhs.kind < rhs.kind }
      if lhs.severity != rhs.severity { return lhs.severity < rhs.severity }
      return lhs.ruleID < rhs.ruleID
    }
    unchangedCount = unchanged
  }

  /// Whether any rule newly needs attention.
  public var hasRegressions: Bool { changes.contains { $0.kind.isRegression } }

  /// The number of changes of each kind.
  public var counts: [RuleResultChange.Kind: Int] {
    changes.reduce(into: [:]) { $0[$1.kind, default: 0] += 1 }
  }

  /// Notes for the reader, such as two scans of different benchmarks.
  public var notes: [String] {
    var notes: [String] = []
    if old.benchmarkID != new.benchmarkID {
      notes.append("the scans ran different benchmarks ('\(old.benchmarkID)' and '\(new.benchmarkID)')")
    }
    if old.profileID != new.profileID {
      notes.append(
        "the scans used different profiles ('\(old.profileID ?? "(default)")' and '\(new.profileID ?? "(default)")')")
    }
    if old.host != new.host {
      notes.append("the scans are of different hosts ('\(old.host)' and '\(new.host)')")
    }
    return notes
  }

  private static func side(of document: ResultDocument) -> Side {
    Side(
      path: document.sourcePath, startTime: document.testResult.startTime, host: document.testResult.target.hostName,
      benchmarkID: document.benchmark.id, profileID: document.testResult.profileID)
  }

  private static func results(of document: ResultDocument) -> [RuleOutcome] {
    RuleOutcome.merged(
      document.findings.filter(\.wasEvaluated).map { finding in
        RuleOutcome(
          ruleID: finding.rule.id, title: finding.rule.title, version: finding.rule.version,
          severity: finding.rule.severity, result: finding.result)
      })
  }
}
