public import SCAPContent

/// The value each XCCDF Value takes under a profile: `set-value` first, then the `refine-value` selector,
/// then the default (XCCDF 1.2 specification, section 7.2.3.4).
public struct ValueBinding: Sendable {
  /// Value id to the value in force, for every Value that has one.
  public let values: [String: String]

  public init(benchmark: Benchmark, profile: Profile?) {
    var values: [String: String] = [:]
    for (id, value) in benchmark.values {
      if let set = profile?.setValues[id] {
        values[id] = set
      } else if let resolved = value.value(selector: profile?.refineValues[id]) {
        values[id] = resolved
      }
    }
    self.values = values
  }
}
