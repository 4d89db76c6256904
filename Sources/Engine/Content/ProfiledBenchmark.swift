public import SCAPContent

/// A benchmark with the profile a command asked for resolved: which rules it selects and the value each XCCDF Value
/// takes. What a scan starts from, for commands that read content without scanning (fix generation).
public struct ProfiledBenchmark: Sendable {
  public let benchmark: Benchmark
  public let profile: ResolvedProfile?
  public let selection: RuleSelection
  public let values: ValueBinding

  /// Picks the benchmark, tailoring and profile as a scan does (see `ScanRequest` for each choice).
  /// - Throws: `ScanError` or `LocatedError` when the content has no such benchmark, tailoring or profile.
  public init(
    document: SCAPDocument, dataStreamID: String? = nil, checklistID: String? = nil, profileID: String?,
    tailoringID: String? = nil, tailoringPath: String? = nil
  ) throws {
    let resolver = try ContentResolver(
      document: document, dataStreamID: dataStreamID, checklistID: checklistID, tailoringID: tailoringID,
      tailoringPath: tailoringPath)
    let profile = try profileID.map {
      try ResolvedProfile($0, benchmark: resolver.benchmark, tailoring: resolver.tailoring)
    }
    self.benchmark = resolver.benchmark
    self.profile = profile
    self.selection = RuleSelection(benchmark: resolver.benchmark, profile: profile)
    self.values = ValueBinding(benchmark: resolver.benchmark, profile: profile)
  }

  /// The selected rules in document order.
  public var selectedRules: [Rule] { benchmark.rules.filter(selection.isSelected) }
}
