import Engine

/// The rules whose result changed between two scans (`palisade diff OLD NEW`), newly failing first.
public struct ResultDrift: Sendable {
  /// One side of the comparison, as the result file describes it.
  public struct Side: Sendable, Equatable {
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
    self.old = Self.side(of: old)
    self.new = Self.side(of: new)
    let before = Self.results(of: old)
    let after = Self.results(of: new)
    var changes: [RuleResultChange] = []
    var unchanged = 0
    var seen: Set<String> = []
    for entry in before.order + after.order where seen.insert(entry).inserted {
      let oldResult = before.results[entry]
      let newResult = after.results[entry]
      if oldResult?.result == newResult?.result {
        unchanged += 1
        continue
      }
      let rule = (newResult ?? oldResult)?.rule
      changes.append(
        RuleResultChange(
          ruleID: entry, title: rule?.title ?? entry, version: rule?.version, severity: rule?.severity ?? .unknown,
          old: oldResult?.result, new: newResult?.result))
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

  private struct RuleOutcome {
    let rule: ReportedRule
    let result: RuleResultValue
  }

  private static func results(of document: ResultDocument) -> (order: [String], results: [String: RuleOutcome]) {
    var order: [String] = []
    var results: [String: RuleOutcome] = [:]
    for finding in document.findings where finding.wasEvaluated {
      let id = finding.rule.id
      if let known = results[id] {
        if finding.result.attentionRank < known.result.attentionRank {
          results[id] = RuleOutcome(rule: finding.rule, result: finding.result)
        }
      } else {
        order.append(id)
        results[id] = RuleOutcome(rule: finding.rule, result: finding.result)
      }
    }
    return (order, results)
  }
}
