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
  public let profile: Profile?
  public let values: ValueBinding
  public let ruleResults: [RuleResult]
  public let score: DefaultScore
  public let ovalRuns: [OVALRun]
  public let target: TargetIdentity
  public let startTime: Date
  public let endTime: Date

  /// The number of rule results of each kind.
  public var counts: [RuleResultValue: Int] {
    ruleResults.reduce(into: [:]) { $0[$1.result, default: 0] += 1 }
  }
}

/// One OVAL document that the benchmark's checks referred to, and what evaluating it produced.
public struct OVALRun: Sendable {
  /// The href the benchmark's `check-content-ref` used.
  public let href: String
  public let definitions: OVALDefinitions
  public let record: EvaluationRecord
}
