/// `palisade diff` as text: both scans, then each kind of change with its rules, then the counts.
///
/// ```
/// Old: results/web1/20261127T020000Z/arf.xml (2026-11-27T02:00:00+00:00, web1)
/// New: results/web1/20261128T020000Z/arf.xml (2026-11-28T02:00:00+00:00, web1)
///
/// Newly failing (1):
///   pass -> fail       SV-235787r960912_rule  DKER-EE-001590  The Docker daemon must send container logs to ...
///
/// 1 rule changed: 1 newly failing; 12 unchanged
/// ```
public struct ResultDriftText: Sendable {
  /// The comparison to write.
  public let drift: ResultDrift

  public init(drift: ResultDrift) {
    self.drift = drift
  }

  /// The whole text, ending with a line break.
  public var text: String {
    var lines = [
      "Old: \(Self.describe(drift.old))",
      "New: \(Self.describe(drift.new))",
    ]
    for note in drift.notes { lines.append("Note: \(note)") }
    let counts = drift.counts
    for kind in RuleResultChange.Kind.allCases {
      let changes = drift.changes.filter { $0.kind == kind }
      guard !changes.isEmpty else { continue }
      lines.append("")
      lines.append("\(Self.heading(kind)) (\(changes.count)):")
      for change in changes {
        let move = "\(change.old?.rawValue ?? "(absent)") -> \(change.new?.rawValue ?? "(absent)")"
        let padded = move.padding(toLength: max(move.count, 28), withPad: " ", startingAt: 0)
        let version = change.version.map { "\($0)  " } ?? ""
        lines.append("  \(padded) \(XCCDFIdentifier.shortForm(of: change.ruleID))  \(version)\(change.title)")
      }
    }
    lines.append("")
    let tally = RuleResultChange.Kind.allCases.compactMap { kind in
      counts[kind].map { "\($0) \(Self.heading(kind).lowercased())" }
    }
    let total = drift.changes.count
    let changed = total == 0 ? "No rule changed" : "\(total) rule\(total == 1 ? "" : "s") changed"
    let detail = tally.isEmpty ? "" : ": " + tally.joined(separator: ", ")
    lines.append("\(changed)\(detail); \(drift.unchangedCount) unchanged")
    // Each line is escaped whole: a value holding a line break cannot start a line of its own.
    return lines.map { TerminalText.escaped($0) }.joined(separator: "\n") + "\n"
  }

  static func heading(_ kind: RuleResultChange.Kind) -> String {
    switch kind {
    case .newlyFailing: "Newly failing"
    case .stillFailing: "Still failing, with another result"
    case .resolved: "Resolved"
    case .changed: "Changed"
    case .added: "Added"
    case .removed: "Removed"
    }
  }

  private static func describe(_ side: ResultDrift.Side) -> String {
    let details = [side.startTime, side.host.isEmpty ? nil : side.host].compactMap { $0 }
    return details.isEmpty ? side.path : "\(side.path) (\(details.joined(separator: ", ")))"
  }
}
