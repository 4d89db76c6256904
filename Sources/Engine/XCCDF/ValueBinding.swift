public import SCAPContent

/// The value each XCCDF Value takes under a profile: `set-value` first, then the `refine-value` selector (by id or
/// cluster-id), then the default (XCCDF 1.2 specification, section 7.2.3.4).
public struct ValueBinding: Sendable {
  /// Value id to the value in force, for every Value that has one.
  public let values: [String: String]

  public init(benchmark: Benchmark, profile: ResolvedProfile?) {
    var values: [String: String] = [:]
    for (id, value) in benchmark.values {
      if let set = profile?.setValues[id] {
        values[id] = set
      } else {
        let selector = profile?.refineValues[id] ?? value.clusterID.flatMap { profile?.refineValues[$0] }
        if let resolved = value.value(selector: selector) { values[id] = resolved }
      }
    }
    self.values = values
  }
}
