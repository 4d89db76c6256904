public import Engine
import Foundation

/// The summary `palisade scan --summary-format json` prints: one line of JSON on standard output, for log collectors
/// that keep one record per line (a Kubernetes pod's log, journald, a SIEM's file input).
///
/// `status` is `findings` when some rule needs attention (exit 2) and `compliant` otherwise; `counts` has every
/// result kind but `notselected`, zeros included, so a collector need not know which kinds occurred.
public struct ScanSummaryJSON {
  public let outcome: ScanOutcome
  /// The ARF written; the summary gives it as an absolute path.
  public let resultPath: String

  public init(outcome: ScanOutcome, resultPath: String) {
    self.outcome = outcome
    self.resultPath = resultPath
  }

  private struct Document: Encodable {
    let status: String
    let host: String
    let benchmark: String
    let profile: String?
    let score: Double
    let maximum: Double
    let counts: [String: Int]
    let started: String
    let ended: String
    let results: String
    let engine: String?
    let scanner: String
  }

  /// The summary: one line of JSON, keys sorted, ending with a line break.
  public var line: String {
    let counts = outcome.counts
    let document = Document(
      status: outcome.needsAttention ? "findings" : "compliant", host: outcome.target.hostname,
      benchmark: outcome.benchmark.id, profile: outcome.profile?.id, score: outcome.score.score,
      maximum: outcome.score.maximum,
      counts: Dictionary(
        uniqueKeysWithValues: RuleResultValue.allCases.filter { $0 != .notselected }.map {
          ($0.rawValue, counts[$0] ?? 0)
        }),
      started: UTCTimestamp.string(from: outcome.startTime, .xsdDateTime),
      ended: UTCTimestamp.string(from: outcome.endTime, .xsdDateTime),
      results: URL(fileURLWithPath: resultPath).standardizedFileURL.path,
      engine: outcome.target.containerEngine?.summary, scanner: "\(ProductInfo.name) \(ProductInfo.version)")
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    // Strings, numbers and a dictionary of numbers: encoding cannot fail; JSON escapes every line break in a value.
    return ((try? encoder.encode(document)).map { String(decoding: $0, as: UTF8.self) } ?? "{}") + "\n"
  }
}
