import Foundation
import OVAL
public import SCAPContent
import XMLSupport

/// Runs an XCCDF benchmark as the XCCDF 1.2 processing model describes (section 7.2): resolves the profile and
/// tailoring, selects rules, decides each item's platforms, runs each selected rule's check and scores the results.
public struct Scanner: Sendable {
  public init() {}

  /// Scans with the request's content and collector.
  /// - Throws: `ScanError` or `LocatedError` when the content cannot be used at all (no benchmark, unknown
  ///   profile, a check document that is malformed). Problems on the scanned host never throw: they become rule
  ///   results.
  public func scan(_ request: ScanRequest) async throws -> ScanOutcome {
    let startTime = Date()
    let resolving = RunStatistics.startPhase("resolve")
    let resolver = try ContentResolver(
      document: request.document, dataStreamID: request.dataStreamID, checklistID: request.checklistID,
      tailoringID: request.tailoringID, tailoringPath: request.tailoringPath)
    let benchmark = resolver.benchmark
    let profile = try request.profileID.map {
      try ResolvedProfile($0, benchmark: benchmark, tailoring: resolver.tailoring)
    }
    let selection = RuleSelection(benchmark: benchmark, profile: profile)
    let values = ValueBinding(benchmark: benchmark, profile: profile, defaults: request.valueDefaults)
    let onlyRules = Set(request.ruleIDs)
    let skipped = Set(request.skippedRuleIDs)
    for id in request.ruleIDs + request.skippedRuleIDs where benchmark.rule(id) == nil {
      throw ScanError("no rule '\(id)' in benchmark '\(benchmark.id)'")
    }
    func isEvaluated(_ rule: Rule) -> Bool {
      selection.isSelected(rule) && (onlyRules.isEmpty || onlyRules.contains(rule.id)) && !skipped.contains(rule.id)
    }
    func refinement(of rule: Rule) -> RuleRefinement? {
      profile?.refineRules[rule.id] ?? rule.clusterID.flatMap { profile?.refineRules[$0] }
    }

    // Exports are bound before any document is evaluated, and every check document is loaded first, so that
    // malformed content fails the scan before anything is collected.
    let engine = CheckEngine(resolver: resolver, collector: request.collector, semantics: request.ovalSemantics)
    for rule in benchmark.rules where isEvaluated(rule) {
      if let complexCheck = rule.complexCheck {
        for check in complexCheck.checks { try engine.prepare(check, values: values) }
      } else if let check = CheckEngine.candidateCheck(of: rule, selector: refinement(of: rule)?.selector) {
        try engine.prepare(check, values: values)
      }
    }
    resolving?.end()
    let platforms = PlatformApplicability(
      benchmark: benchmark, dictionaries: resolver.dictionaries, namesNotOnTarget: request.platformsNotOnTarget,
      evaluate: { href, id in await engine.evaluatePlatformCheck(href: href, definitionID: id) })

    // The objects of every rule that will be checked are collected first, all together and several at a time, as
    // `oval eval` collects a document's; the rules then read them from memory, in order.
    var checked: [Check] = []
    func plan(_ items: [BenchmarkItem], scope: PlatformScope) async {
      for item in items {
        switch item {
        case .group(let group):
          await plan(group.items, scope: scope.nested(platforms: group.platforms))
        case .rule(let rule):
          let refined = refinement(of: rule)
          guard isEvaluated(rule), (refined?.role ?? rule.role) != .unchecked, await scope.applies(),
            await platforms.applies(rule.platforms)
          else { continue }
          if let complexCheck = rule.complexCheck {
            checked += complexCheck.checks
          } else if let check = CheckEngine.candidateCheck(of: rule, selector: refined?.selector) {
            checked.append(check)
          }
        }
      }
    }
    let benchmarkScope = PlatformScope(platforms: benchmark.platforms, parent: nil, applicability: platforms)
    await plan(benchmark.items, scope: benchmarkScope)
    try await engine.prefetchObjects(for: checked)

    var results: [RuleResult] = []
    func process(_ items: [BenchmarkItem], scope: PlatformScope) async throws {
      for item in items {
        switch item {
        case .group(let group):
          try await process(group.items, scope: scope.nested(platforms: group.platforms))
        case .rule(let rule):
          let refined = refinement(of: rule)
          let role = refined?.role ?? rule.role
          func result(_ value: RuleResultValue, _ outcome: CheckOutcome? = nil, check: Check? = nil) -> RuleResult {
            RuleResult(
              rule: rule, result: value, time: Date(), severity: refined?.severity, weight: refined?.weight,
              role: role, check: check, complexCheck: rule.complexCheck, checkDocumentKey: outcome?.documentKey,
              checkContentName: outcome?.contentName, messages: outcome?.messages ?? [])
          }
          guard isEvaluated(rule) else {
            results.append(result(.notselected))
            continue
          }
          if role == .unchecked {
            results.append(result(.notchecked))
            continue
          }
          guard await scope.applies(), await platforms.applies(rule.platforms) else {
            // A platform that cannot hold on this target says why; one its check found false needs no message.
            let reasons = platforms.reasons(for: scope.platformsWithEnclosing + rule.platforms).map {
              RuleMessage(.info, $0)
            }
            results.append(result(.notapplicable, CheckOutcome(result: .notapplicable, messages: reasons)))
            continue
          }
          // What the checks decided, joined with what reviewers answered, then scored as the rule's role says.
          func decided(_ outcome: CheckOutcome, check: Check? = nil) -> RuleResult {
            let scanned = result(outcome.result, outcome, check: check)
            let reviewed = ReviewApplication.applying(
              request.answers?.answer(for: rule, at: scanned.time), to: scanned)
            return reviewed.replacing(
              result: Self.scoredResult(reviewed.result, role: role), messages: reviewed.messages,
              overrides: reviewed.overrides)
          }
          if let complexCheck = rule.complexCheck {
            results.append(decided(try await engine.evaluate(complexCheck)))
          } else if let check = CheckEngine.candidateCheck(of: rule, selector: refined?.selector) {
            for outcome in try await engine.evaluate(check, multiCheckAllowed: true) {
              results.append(decided(outcome, check: check))
            }
          } else {
            results.append(
              decided(CheckOutcome(result: .notchecked, messages: [RuleMessage(.info, "the rule has no check")])))
          }
        }
      }
    }
    try await RunStatistics.measure("evaluate") { try await process(benchmark.items, scope: benchmarkScope) }

    return ScanOutcome(
      document: request.document, dataStreamID: resolver.dataStreamID,
      benchmarkComponentID: resolver.benchmarkComponentID, benchmark: benchmark, profile: profile?.profile,
      values: values, ruleResults: results,
      scores: Scoring.scores(benchmark: benchmark, ruleResults: results), ovalRuns: engine.runs,
      target: request.target, startTime: startTime, endTime: Date())
  }

  /// A rule whose role is `unscored` reports informational whatever its check said (XCCDF 1.2, Check.Export).
  static func scoredResult(_ result: RuleResultValue, role: RuleRole) -> RuleResultValue {
    role == .unscored && [.pass, .fail].contains(result) ? .informational : result
  }

}

extension Scanner {
  /// The benchmark a scan of `document` would run, for commands that list or answer its rules without scanning.
  /// - Throws: `ScanError` or `LocatedError` as `scan(_:)` does for content it cannot use.
  public func benchmark(in document: SCAPDocument, dataStreamID: String? = nil) throws -> Benchmark {
    try ContentResolver(
      document: document, dataStreamID: dataStreamID, checklistID: nil, tailoringID: nil, tailoringPath: nil
    ).benchmark
  }
}
