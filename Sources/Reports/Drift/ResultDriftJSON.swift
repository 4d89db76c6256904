public import Foundation

/// `palisade diff --json`: the same comparison for scripts and SIEMs.
///
/// ```json
/// {
///   "changes" : [ { "kind" : "newly-failing", "new" : "fail", "old" : "pass", "rule" : "xccdf_..._rule_SV-...",
///                   "severity" : "low", "title" : "...", "version" : "DKER-EE-001590" } ],
///   "counts" : { "newly-failing" : 1, "unchanged" : 12 },
///   "new" : { "benchmark" : "...", "host" : "web1", "path" : "...", "profile" : null, "startTime" : "..." },
///   "notes" : [ ],
///   "old" : { ... },
///   "regressed" : true
/// }
/// ```
/// Absent results (a rule added or removed) are `null`; keys are sorted.
public struct ResultDriftJSON: Sendable {
  /// The comparison to write.
  public let drift: ResultDrift

  public init(drift: ResultDrift) {
    self.drift = drift
  }

  /// The document, pretty-printed, with a final line break.
  public func data() throws -> Data {
    var counts = Dictionary(uniqueKeysWithValues: drift.counts.map { ($0.key.rawValue, $0.value) })
    counts["unchanged"] = drift.unchangedCount
    let document = Document(
      old: Side(drift.old), new: Side(drift.new), regressed: drift.hasRegressions, counts: counts,
      changes: drift.changes.map(Change.init), notes: drift.notes)
    var data = try StableJSON.encode(document)
    data.append(UInt8(ascii: "\n"))
    return data
  }

  private struct Document: Encodable {
    let old: Side
    let new: Side
    let regressed: Bool
    let counts: [String: Int]
    let changes: [Change]
    let notes: [String]
  }

  private struct Side: Encodable {
    let path: String
    @NullWhenAbsent var startTime: String?
    let host: String
    let benchmark: String
    @NullWhenAbsent var profile: String?

    init(_ side: ResultDrift.Side) {
      path = side.path
      startTime = side.startTime
      host = side.host
      benchmark = side.benchmarkID
      profile = side.profileID
    }
  }

  private struct Change: Encodable {
    let kind: String
    let rule: String
    let title: String
    @NullWhenAbsent var version: String?
    let severity: String
    @NullWhenAbsent var old: String?
    @NullWhenAbsent var new: String?

    init(_ change: RuleResultChange) {
      kind = change.kind.rawValue
      rule = change.ruleID
      title = change.title
      version = change.version
      severity = change.severity.rawValue
      old = change.old?.rawValue
      new = change.new?.rawValue
    }
  }
}
