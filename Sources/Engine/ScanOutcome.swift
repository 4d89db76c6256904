public import Foundation
public import OVAL
public import SCAPContent

/// Everything a scan found, for the report writers.
public struct ScanOutcome: Sendable {
  public let document: SCAPDocument
  public let dataStreamID: String?
  /// The component id of the benchmark inside a data stream (for the TestResult's `benchmark href`).
  public let benchmarkComponentID: String?
  public let benchmark: Benchmark
  /// The profile chosen, as written (from the tailoring or the benchmark).
  public let profile: Profile?
  public let values: ValueBinding
  /// One result per rule, in document order; a multi-check rule has one per definition.
  public let ruleResults: [RuleResult]
  public let scores: [Score]
  public let ovalRuns: [OVALRun]
  public var target: TargetIdentity
  public let startTime: Date
  public let endTime: Date

  /// The default-model score (or the first score the benchmark asked for).
  public var score: Score {
    scores.first { $0.system == Scoring.defaultModel } ?? scores.first
      ?? Score(system: Scoring.defaultModel, score: 0, maximum: 100)
  }

  /// The number of rule results of each kind.
  public var counts: [RuleResultValue: Int] {
    ruleResults.reduce(into: [:]) { $0[$1.result, default: 0] += 1 }
  }

  /// Whether some rule failed or could not be decided: the scan's findings, exit code 2.
  public var needsAttention: Bool {
    ruleResults.contains { $0.result.needsAttention }
  }
}

/// One OVAL document that checks or platforms referred to, and what evaluating it produced.
public struct OVALRun: Sendable {
  /// The document's identity in the content: its component id, or its path.
  public let key: String
  /// An href that named it, as written in the content.
  public let href: String
  public let definitions: OVALDefinitions
  public let record: EvaluationRecord

  public init(key: String? = nil, href: String, definitions: OVALDefinitions, record: EvaluationRecord) {
    self.key = key ?? href
    self.href = href
    self.definitions = definitions
    self.record = record
  }
}
