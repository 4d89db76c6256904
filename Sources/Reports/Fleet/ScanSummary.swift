/// What the fleet view keeps of one scan: who was scanned, when, the score and each rule's result. Read from an ARF
/// by `ARFSummaryReader` without holding the ARF.
public struct ScanSummary: Sendable {
  /// The ARF read.
  public let path: String
  /// The asset's host name (the TestResult's target when the asset names none).
  public let hostName: String
  public let fullyQualifiedName: String?
  public let benchmarkID: String
  public let profileID: String?
  /// The TestResult's `start-time` and `end-time`, as written.
  public let startTime: String?
  public let endTime: String?
  /// The first score the TestResult gives.
  public let score: Double?
  /// One outcome per rule reported (`RuleOutcome.merged`): what `palisade diff` compares.
  public let rules: [RuleOutcome]

  /// The side of a comparison (`ResultDrift`) this scan is.
  public var driftSide: ResultDrift.Side {
    ResultDrift.Side(
      path: path, startTime: startTime, host: hostName, benchmarkID: benchmarkID, profileID: profileID)
  }

}
