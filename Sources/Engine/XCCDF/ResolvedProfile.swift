public import SCAPContent

/// A profile with everything it inherits: the profiles it extends, applied first, then its own selectors in
/// document order (XCCDF 1.2 specification, section 7.2.3.4). A tailoring's profile of the same id wins over the
/// benchmark's.
public struct ResolvedProfile: Sendable {
  /// The profile as chosen (from the tailoring or the benchmark).
  public let profile: Profile
  public let selections: [(idref: String, selected: Bool)]
  public let setValues: [String: String]
  public let refineValues: [String: String]
  public let refineRules: [String: RuleRefinement]

  /// Finds a profile by full id or by the suffix after `_profile_` (as oscap does), in the tailoring first.
  /// - Throws: `ScanError` naming the known profiles.
  public init(_ requested: String, benchmark: Benchmark, tailoring: Tailoring?) throws {
    let candidates = (tailoring?.profiles ?? []) + benchmark.profiles
    let profile: Profile
    if let exact = candidates.first(where: { $0.id == requested }) {
      profile = exact
    } else {
      let matches = candidates.filter { $0.id.hasSuffix("_profile_" + requested) }
      guard let first = matches.first, Set(matches.map(\.id)).count == 1 else {
        let known = candidates.map(\.id).joined(separator: ", ")
        throw ScanError("no profile '\(requested)' in benchmark '\(benchmark.id)'; its profiles are: \(known)")
      }
      profile = first
    }
    var chain: [Profile] = [profile]
    var seen: Set<String> = [profile.id]
    while let parentID = chain.last?.extends {
      // A tailoring profile may extend a benchmark profile of the same id.
      let parent =
        candidates.first { $0.id == parentID && !seen.contains($0.id) }
        ?? benchmark.profiles.first { $0.id == parentID && chain.last?.id == parentID }
      guard let parent else {
        if seen.contains(parentID) { throw ScanError("profile '\(parentID)' extends itself") }
        throw ScanError("profile '\(chain.last?.id ?? "")' extends unknown profile '\(parentID)'")
      }
      seen.insert(parent.id)
      chain.append(parent)
    }
    var selections: [(String, Bool)] = []
    var setValues: [String: String] = [:]
    var refineValues: [String: String] = [:]
    var refineRules: [String: RuleRefinement] = [:]
    for ancestor in chain.reversed() {
      selections += ancestor.selections
      setValues.merge(ancestor.setValues) { $1 }
      refineValues.merge(ancestor.refineValues) { $1 }
      refineRules.merge(ancestor.refineRules) { earlier, later in earlier.merged(with: later) }
    }
    self.profile = profile
    self.selections = selections
    self.setValues = setValues
    self.refineValues = refineValues
    self.refineRules = refineRules
  }
}
