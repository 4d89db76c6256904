import Foundation
import OVAL
import SCAPContent

/// Runs XCCDF checks through the OVAL documents they name: one evaluator per document, with every exported XCCDF
/// value bound to its external variable (XCCDF 1.2 specification, section 7.2.3.5, Check Processing).
final class CheckEngine {
  private let resolver: ContentResolver
  private let collector: any ObjectCollector
  private let semantics: OVALSemantics
  private var bindings: [String: [String: [String]]] = [:]
  private var evaluators: [String: OVALEvaluator] = [:]
  /// Documents in the order they were first used, with the href that first named each.
  private(set) var documentOrder: [(key: String, href: String)] = []

  init(resolver: ContentResolver, collector: any ObjectCollector, semantics: OVALSemantics = .openSCAP) {
    self.resolver = resolver
    self.collector = collector
    self.semantics = semantics
  }

  /// The checks a rule would run, chosen by the selector as the processing model says: checks with the
  /// selector if any, else those without one; then the first with a system Palisade runs.
  static func candidateCheck(of rule: Rule, selector: String?) -> Check? {
    let withSelector = selector.map { wanted in rule.checks.filter { $0.selector == wanted } } ?? []
    let candidates = withSelector.isEmpty ? rule.checks.filter { ($0.selector ?? "").isEmpty } : withSelector
    return candidates.first { $0.system == SCAPNamespace.ovalDefinitions } ?? candidates.first
  }

  /// Records the values a check exports, so the evaluator of its document is created with them bound.
  func prepare(_ check: Check, values: ValueBinding) throws {
    guard check.system == SCAPNamespace.ovalDefinitions,
      let (key, href, _, _) = try resolvedReference(of: check)
    else { return }
    for export in check.exports {
      if let value = values.values[export.valueID] {
        bindings[key, default: [:]][export.exportName] = [value]
      }
    }
    // Every document a selected rule refers to is reported, even when platforms leave it unevaluated.
    if !documentOrder.contains(where: { $0.key == key }) { documentOrder.append((key, href)) }
  }

  /// Collects, several at a time, the objects of every definition the checks will evaluate, document by document,
  /// before any is evaluated.
  func prefetchObjects(for checks: [Check]) async throws {
    var definitionIDs: [String: [String]] = [:]
    var documents: [(key: String, href: String, definitions: OVALDefinitions)] = []
    for check in checks where check.system == SCAPNamespace.ovalDefinitions {
      guard let (key, href, name, definitions) = try resolvedReference(of: check) else { continue }
      if definitionIDs[key] == nil { documents.append((key, href, definitions)) }
      definitionIDs[key, default: []] += name.map { [$0] } ?? definitions.definitions.map(\.id)
    }
    for document in documents {
      await evaluator(for: document.key, href: document.href, definitions: document.definitions)
        .prefetchObjects(forDefinitions: definitionIDs[document.key] ?? [])
    }
  }

  /// Evaluates one check; a multi-check without a definition name gives one result per definition.
  func evaluate(_ check: Check, multiCheckAllowed: Bool) async throws -> [CheckOutcome] {
    guard check.system == SCAPNamespace.ovalDefinitions else {
      if let content = check.content {
        return [
          CheckOutcome(
            result: .notchecked, messages: [RuleMessage(.info, "this rule needs a manual review: \(content)")])
        ]
      }
      return [
        CheckOutcome(
          result: .notchecked,
          messages: [RuleMessage(.info, "check system '\(check.system)' is not one Palisade runs")])
      ]
    }
    guard let (key, href, name, definitions) = try resolvedReference(of: check) else {
      if let content = check.content {
        return [
          CheckOutcome(
            result: .notchecked, messages: [RuleMessage(.info, "this rule needs a manual review: \(content)")])
        ]
      }
      let hrefs = check.contentRefs.map(\.href).joined(separator: ", ")
      return [
        CheckOutcome(result: .notchecked, messages: [RuleMessage(.warning, "check content '\(hrefs)' cannot be found")])
      ]
    }
    let evaluator = evaluator(for: key, href: href, definitions: definitions)
    if let name {
      guard definitions.definition(name) != nil else {
        return [
          CheckOutcome(
            result: .error, documentKey: key,
            messages: [RuleMessage(.error, "definition '\(name)' is not in \(href)")])
        ]
      }
      return [await outcome(of: [name], check: check, key: key, evaluator: evaluator, name: nil)]
    }
    let ids = definitions.definitions.map(\.id)
    if check.multiCheck && multiCheckAllowed {
      var outcomes: [CheckOutcome] = []
      for id in ids { outcomes.append(await outcome(of: [id], check: check, key: key, evaluator: evaluator, name: id)) }
      return outcomes
    }
    return [await outcome(of: ids, check: check, key: key, evaluator: evaluator, name: nil)]
  }

  /// Evaluates a complex check with XCCDF's AND/OR and negation tables.
  func evaluate(_ complexCheck: ComplexCheck) async throws -> CheckOutcome {
    var results: [RuleResultValue] = []
    var messages: [RuleMessage] = []
    for child in complexCheck.children {
      switch child {
      case .check(let check):
        // Inside a complex-check, multi-check is ignored (XCCDF 1.2, section 6.4.4.4).
        for outcome in try await evaluate(check, multiCheckAllowed: false) {
          results.append(outcome.result)
          messages += outcome.messages
        }
      case .complexCheck(let nested):
        let outcome = try await evaluate(nested)
        results.append(outcome.result)
        messages += outcome.messages
      }
    }
    let combined = complexCheck.checkOperator == .and ? ResultCombination.and(results) : ResultCombination.or(results)
    return CheckOutcome(
      result: complexCheck.negate ? ResultCombination.negate(combined) : combined, messages: messages)
  }

  /// Evaluates one definition of the document an href names (for CPE checks); error when it cannot be found.
  func evaluatePlatformCheck(href: String, definitionID: String) async -> OVALResult {
    guard let (key, definitions) = try? resolver.ovalDefinitions(forPlatformCheckHref: href),
      definitions.definition(definitionID) != nil
    else { return .error }
    return await evaluator(for: key, href: href, definitions: definitions).evaluate(definitionID: definitionID)
  }

  /// What each document's evaluation produced, in the order the documents were first used.
  var runs: [OVALRun] {
    documentOrder.compactMap { entry in
      if let evaluator = evaluators[entry.key] {
        return OVALRun(key: entry.key, href: entry.href, definitions: evaluator.definitions, record: evaluator.record)
      }
      return (try? resolver.ovalDefinitions(forCheckHref: entry.href)).flatMap { resolved in
        resolved.map {
          OVALRun(key: entry.key, href: entry.href, definitions: $0.definitions, record: EvaluationRecord())
        }
      }
    }
  }

  private func evaluator(for key: String, href: String, definitions: OVALDefinitions) -> OVALEvaluator {
    if let existing = evaluators[key] { return existing }
    let evaluator = OVALEvaluator(
      definitions: definitions, collector: collector, externalVariables: bindings[key] ?? [:], semantics: semantics)
    evaluators[key] = evaluator
    if !documentOrder.contains(where: { $0.key == key }) { documentOrder.append((key, href)) }
    return evaluator
  }

  private func resolvedDocument(of check: Check) throws -> (String, OVALDefinitions)? {
    try resolvedReference(of: check).map { ($0.key, $0.definitions) }
  }

  /// The first check-content-ref whose document resolves (Check.Content step).
  private func resolvedReference(of check: Check) throws -> (
    key: String, href: String, name: String?, definitions: OVALDefinitions
  )? {
    for reference in check.contentRefs {
      if let (key, definitions) = try resolver.ovalDefinitions(forCheckHref: reference.href) {
        return (key, reference.href, reference.name, definitions)
      }
    }
    return nil
  }

  /// The rule result of a check over definitions, whether it names one, runs one of a multi-check or stands for every
  /// definition of its document: each definition's result becomes a rule result through its class, several are
  /// combined with XCCDF's AND (XCCDF 1.2 specification, section 7.2.3.5), then the check's negation applies.
  private func outcome(
    of definitionIDs: [String], check: Check, key: String, evaluator: OVALEvaluator, name: String?
  ) async -> CheckOutcome {
    var values: [RuleResultValue] = []
    for id in definitionIDs {
      let result = await evaluator.evaluate(definitionID: id)
      let definitionClass = evaluator.definitions.definition(id)?.definitionClass ?? "compliance"
      values.append(Self.ruleResult(for: result, definitionClass: definitionClass))
    }
    var value = ResultCombination.and(values)
    if check.negate { value = ResultCombination.negate(value) }
    let messages = definitionIDs.flatMap {
      Self.messages(for: $0, record: evaluator.record)
    }
    return CheckOutcome(result: value, documentKey: key, contentName: name, messages: messages)
  }

  /// XCCDF 1.2 specification, section 7.2.3.5.2: OVAL definition results as rule results. A true compliance or
  /// inventory definition passes; a true vulnerability or patch definition is a finding.
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

  /// The problems reported by the tests that decided the definition's result, as rule-result messages naming the
  /// file and reason; a test on a branch that did not decide the result does not explain it.
  static func messages(for definitionID: String, record: EvaluationRecord) -> [RuleMessage] {
    let (testIDs, definitionIDs) = record.deciding(of: definitionID)
    var seen: Set<String> = []
    var messages: [RuleMessage] = []
    for testID in testIDs {
      guard let outcome = record.tests[testID] else { continue }
      var texts = outcome.messages
      if let collected = record.collectedObjects[outcome.test.objectRef] {
        texts += collected.messages.filter { $0.level == .error || $0.level == .warning }.map(\.text)
      }
      for text in texts where seen.insert(text).inserted {
        messages.append(RuleMessage(outcome.result == .error ? .error : .info, text))
      }
    }
    // A definition that could not be evaluated at all (references nested too deeply) says why itself.
    let definitionsOnTheWay = Set(definitionIDs)
    for outcome in record.definitions where !outcome.messages.isEmpty && definitionsOnTheWay.contains(outcome.id) {
      for text in outcome.messages where seen.insert(text).inserted { messages.append(RuleMessage(.error, text)) }
    }
    return messages
  }
}

/// What one check decided.
struct CheckOutcome {
  var result: RuleResultValue
  var documentKey: String? = nil
  var contentName: String? = nil
  var messages: [RuleMessage] = []
}
