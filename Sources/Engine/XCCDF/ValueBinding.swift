public import SCAPContent

/// The value each XCCDF Value takes under a profile: `set-value` first, then the `refine-value` selector (by id or
/// cluster-id), then the default (XCCDF 1.2 specification, section 7.2.3.4), which a default the scanner found on the
/// host replaces.
public struct ValueBinding: Sendable {
  /// Value id to the value in force, for every Value that has one.
  public let values: [String: String]

  public init(benchmark: Benchmark, profile: ResolvedProfile?, defaults: [String: String] = [:]) {
    var values: [String: String] = [:]
    for (id, value) in benchmark.values {
      if let set = profile?.setValues[id] {
        values[id] = set
      } else {
        let selector = profile?.refineValues[id] ?? value.clusterID.flatMap { profile?.refineValues[$0] }
        if selector == nil, let found = defaults[id] {
          values[id] = found
        } else if let resolved = value.value(selector: selector) {
          values[id] = resolved
        }
      }
    }
    self.values = values
  }
}
