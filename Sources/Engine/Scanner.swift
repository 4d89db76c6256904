import Foundation
import OVAL
import SCAPContent
import XMLSupport

/// Runs an XCCDF benchmark: selects rules and values for the profile, evaluates each rule's OVAL check and
/// scores the results.
public struct Scanner: Sendable {
  public init() {}

  /// Scans with the request's content and collector.
  /// - Throws: `ScanError` or `LocatedError` when the content cannot be used at all (no benchmark, unknown
  ///   profile, a check document that is missing or malformed). Problems on the scanned host never throw: they
  ///   become rule results.
  public func scan(_ request: ScanRequest) async throws -> ScanOutcome {
    let startTime = Date()
    let checklist = try ChecklistSelection(document: request.document, dataStreamID: request.dataStreamID)
    let benchmark = checklist.benchmark
    let profile = try Self.profile(request.profileID, in: benchmark)
    let selection = RuleSelection(benchmark: benchmark, profile: profile)
    let values = ValueBinding(benchmark: benchmark, profile: profile)
    let selectedRules = benchmark.rules.filter(selection.isSelected)

    // Every OVAL document the selected rules refer to is loaded before any rule runs, so that malformed
    // content fails the scan before it collects anything.
    var evaluators: [String: OVALEvaluator] = [:]
    var documentOrder: [String] = []
    var bindings: [String: [String: [String]]] = [:]
    for rule in selectedRules {
      guard let check = Self.ovalCheck(of: rule), let href = check.contentRefs.first?.href else { continue }
      for export in check.exports {
        if let value = values.values[export.valueID] {
          bindings[href, default: [:]][export.exportName] = [value]
        }
      }
      if !documentOrder.contains(href) { documentOrder.append(href) }
    }
    for href in documentOrder {
      let definitions = try checklist.ovalDefinitions(href: href)
      evaluators[href] = OVALEvaluator(
        definitions: definitions, collector: request.collector, externalVariables: bindings[href] ?? [:])
    }

    var results: [RuleResult] = []
    for rule in benchmark.rules {
      guard selection.isSelected(rule) else {
        results.append(
          RuleResult(rule: rule, result: .notselected, time: Date(), check: nil, checkHref: nil, messages: []))
        continue
      }
      results.append(await evaluate(rule, evaluators: evaluators))
    }
    let score = DefaultScore(
      benchmark: benchmark, results: Dictionary(uniqueKeysWithValues: results.map { ($0.rule.id, $0.result) }))
    let runs = documentOrder.compactMap { href in
      evaluators[href].map { OVALRun(href: href, definitions: $0.definitions, record: $0.record) }
    }
    return ScanOutcome(
      document: request.document, dataStreamID: checklist.dataStreamID,
      benchmarkComponentID: checklist.benchmarkComponentID, benchmark: benchmark, profile: profile, values: values,
      ruleResults: results, score: score, ovalRuns: runs, target: request.target, startTime: startTime,
      endTime: Date())
  }

  private func evaluate(_ rule: Rule, evaluators: [String: OVALEvaluator]) async -> RuleResult {
    guard let check = Self.ovalCheck(of: rule) else {
      let manual = rule.checks.first
      let message =
        manual?.content != nil
        ? "this rule needs a manual review: \(manual?.content ?? "")"
        : "no check system that Palisade runs is given for this rule"
      return RuleResult(
        rule: rule, result: .notchecked, time: Date(), check: manual, checkHref: nil,
        messages: [RuleMessage(.info, message)])
    }
    guard let reference = check.contentRefs.first, let evaluator = evaluators[reference.href] else {
      return RuleResult(
        rule: rule, result: .error, time: Date(), check: check, checkHref: nil,
        messages: [RuleMessage(.error, "the OVAL check has no content reference")])
    }
    let definitionIDs = reference.name.map { [$0] } ?? evaluator.definitions.definitions.map(\.id)
    var definitionResults: [OVALResult] = []
    for id in definitionIDs {
      definitionResults.append(await evaluator.evaluate(definitionID: id))
    }
    let combined = OVALResultCombination.and(definitionResults)
    let definitionClass = definitionIDs.first.flatMap { evaluator.definitions.definition($0)?.definitionClass }
    var result = Self.ruleResult(for: combined, definitionClass: definitionClass ?? "compliance")
    if check.negate {
      result = result == .pass ? .fail : (result == .fail ? .pass : result)
    }
    let messages = definitionIDs.flatMap {
      Self.messages(for: $0, record: evaluator.record, definitions: evaluator.definitions)
    }
    return RuleResult(
      rule: rule, result: result, time: Date(), check: check, checkHref: reference.href, messages: messages)
  }

  /// The first OVAL check of a rule.
  static func ovalCheck(of rule: Rule) -> Check? {
    rule.checks.first { $0.system == SCAPNamespace.ovalDefinitions }
  }

  /// XCCDF 1.2 specification, table 30: OVAL definition results as rule results. A true compliance or inventory
  /// definition passes; a true vulnerability or patch definition is a finding.
  static func ruleResult(for result: OVALResult, definitionClass: String) -> RuleResultValue {
    let findingWhenTrue = definitionClass == "vulnerability" || definitionClass == "patch"
    switch result {
    case .true: return findingWhenTrue ? .fail : .pass
    case .false: return findingWhenTrue ? .pass : .fail
    case .error: return .error
    case .unknown: return .unknown
    case .notApplicable: return .notapplicable
    case .notEvaluated: return .notchecked
    }
  }

  /// The problems the definition's tests reported, as rule-result messages naming the file and reason.
  static func messages(for definitionID: String, record: EvaluationRecord, definitions: OVALDefinitions)
    -> [RuleMessage]
  {
    var testIDs: [String] = []
    var visited: Set<String> = []
    func gather(_ criteria: Criteria) {
      for child in criteria.children {
        switch child {
        case .criteria(let nested): gather(nested)
        case .criterion(let testRef, _, _): testIDs.append(testRef)
        case .extendDefinition(let ref, _, _):
          if visited.insert(ref).inserted, let criteria = definitions.definition(ref)?.criteria { gather(criteria) }
        }
      }
    }
    visited.insert(definitionID)
    if let criteria = definitions.definition(definitionID)?.criteria { gather(criteria) }
    var seen: Set<String> = []
    var messages: [RuleMessage] = []
    for testID in testIDs {
      guard let outcome = record.tests[testID] else { continue }
      var texts = outcome.messages
      if let collected = record.collectedObjects[outcome.test.objectRef] {
        texts += collected.messages.map(\.text)
      }
      for text in texts where seen.insert(text).inserted {
        messages.append(RuleMessage(outcome.result == .error ? .error : .info, text))
      }
    }
    return messages
  }

  /// Finds a profile by full id or by the suffix after `_profile_`, as oscap does.
  static func profile(_ requested: String?, in benchmark: Benchmark) throws -> Profile? {
    guard let requested else { return nil }
    if let exact = benchmark.profile(requested) { return exact }
    let matches = benchmark.profiles.filter { $0.id.hasSuffix("_profile_" + requested) }
    if matches.count == 1 { return matches[0] }
    let known = benchmark.profiles.map(\.id).joined(separator: ", ")
    throw ScanError("no profile '\(requested)' in benchmark '\(benchmark.id)'; its profiles are: \(known)")
  }
}

/// Combines several definition results with AND, for a check that names no definition.
enum OVALResultCombination {
  static func and(_ results: [OVALResult]) -> OVALResult {
    if results.count == 1 { return results[0] }
    if results.contains(.false) { return .false }
    for undecided in [OVALResult.error, .unknown, .notEvaluated] where results.contains(undecided) { return undecided }
    if results.allSatisfy({ $0 == .notApplicable }) { return .notApplicable }
    return .true
  }
}
