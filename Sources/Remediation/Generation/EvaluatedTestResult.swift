/// The parts of an XCCDF TestResult that fix generation needs.
public struct EvaluatedTestResult: Sendable {
  public let id: String
  /// The profile the scan ran, when it ran one.
  public let profileID: String?
  public let startTime: String?
  public let endTime: String?
  /// `1.2` or `1.1`, from the TestResult's namespace.
  public let xccdfVersion: String
  /// Rules whose result is `fail`, in the order of the rule results.
  public let failedRuleIDs: [String]

  public init(
    id: String, profileID: String?, startTime: String?, endTime: String?, xccdfVersion: String,
    failedRuleIDs: [String]
  ) {
    self.id = id
    self.profileID = profileID
    self.startTime = startTime
    self.endTime = endTime
    self.xccdfVersion = xccdfVersion
    self.failedRuleIDs = failedRuleIDs
  }
}
