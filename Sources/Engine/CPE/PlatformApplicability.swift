import OVAL
import SCAPContent

/// Decides whether the target is one of an item's platforms: a CPE name is matched through the dictionaries'
/// OVAL checks, a `#id` through the benchmark's applicability-language platform (NIST IR 7698). Each platform is
/// decided once per scan.
final class PlatformApplicability {
  private let benchmark: Benchmark
  private let dictionaries: [CPEDictionary]
  /// Evaluates an OVAL definition of the document an href names.
  private let evaluate: (_ href: String, _ definitionID: String) async -> OVALResult
  private var decided: [String: Bool] = [:]
  /// CPE names that do not hold on the target, with why (`ScanRequest.platformsNotOnTarget`).
  private let namesNotOnTarget: [String: String]
  /// Why the names of `namesNotOnTarget` that decided a platform do not hold, by platform.
  private var reasons: [String: [String]] = [:]
  /// The reasons met while deciding the current platform.
  private var reasonsMet: [String] = []

  init(
    benchmark: Benchmark, dictionaries: [CPEDictionary], namesNotOnTarget: [String: String] = [:],
    evaluate: @escaping (_ href: String, _ definitionID: String) async -> OVALResult
  ) {
    self.benchmark = benchmark
    self.dictionaries = dictionaries
    self.namesNotOnTarget = namesNotOnTarget
    self.evaluate = evaluate
  }

  /// An item with no platforms applies everywhere; otherwise one of its platforms must apply.
  func applies(_ platforms: [String]) async -> Bool {
    guard !platforms.isEmpty else { return true }
    for platform in platforms where await applies(platform) { return true }
    return false
  }

  /// Why the platforms among `platforms` that were decided false cannot hold on this target, when a name of
  /// `namesNotOnTarget` decided them.
  func reasons(for platforms: [String]) -> [String] {
    var found: [String] = []
    for platform in platforms where decided[platform] == false {
      for reason in reasons[platform] ?? [] where !found.contains(reason) { found.append(reason) }
    }
    return found
  }

  private func applies(_ platform: String) async -> Bool {
    if let known = decided[platform] { return known }
    reasonsMet = []
    let result: Bool
    if platform.hasPrefix("#") {
      if let specification = benchmark.platformSpecification[String(platform.dropFirst())] {
        result = await evaluate(specification.test) == .true
      } else {
        result = false
      }
    } else {
      result = await matches(name: platform) == .true
    }
    decided[platform] = result
    reasons[platform] = reasonsMet
    return result
  }

  /// A CPE name matches when a dictionary entry of that name has a check that is true. A name no dictionary
  /// lists, or one whose entry has no check, cannot be shown to match.
  private func matches(name: String) async -> OVALResult {
    if let reason = namesNotOnTarget[name] {
      if !reasonsMet.contains(reason) { reasonsMet.append(reason) }
      return .false
    }
    for dictionary in dictionaries {
      guard let entry = dictionary.entries[name] else { continue }
      for check in entry.checks where check.system == SCAPNamespace.ovalDefinitions {
        return await evaluate(check.href, check.idRef)
      }
    }
    return .false
  }

  /// A logical test: AND or OR over its terms, then negation (NIST IR 7698, section 6.1). The terms are decided in
  /// order up to the first that decides the test (false for AND, true for OR), as OpenSCAP does, so that the checks
  /// after it are not run: SSG's "machine and partition /tmp" platforms read no mounts in a container.
  private func evaluate(_ test: CPELogicalTest) async -> OVALResult {
    let decisive: OVALResult = test.testOperator == .and ? .false : .true
    var results: [OVALResult] = []
    for term in test.terms where results.last != decisive {
      switch term {
      case .factRef(let name): results.append(await matches(name: name))
      case .checkFactRef(let system, let href, let idRef):
        results.append(system == SCAPNamespace.ovalDefinitions ? await evaluate(href, idRef) : .error)
      case .test(let nested): results.append(await evaluate(nested))
      }
    }
    let combined: OVALResult
    switch test.testOperator {
    case .and:
      combined = results.contains(.false) ? .false : (results.allSatisfy { $0 == .true } ? .true : .error)
    case .or:
      combined = results.contains(.true) ? .true : (results.allSatisfy { $0 == .false } ? .false : .error)
    }
    guard test.negate else { return combined }
    return combined == .true ? .false : (combined == .false ? .true : combined)
  }
}
