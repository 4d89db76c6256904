public import Foundation
import XMLSupport

/// Evaluates OVAL definitions against a system through a collector, collecting each object once.
///
/// One evaluator serves one evaluation and lives in one task; `record` holds what the results document reports.
public final class OVALEvaluator {
  public let definitions: OVALDefinitions
  private let collector: any ObjectCollector
  /// When set, items come from this recorded system instead of the collector (`oval analyse`).
  private let recorded: SystemCharacteristics?
  let externalValues: [String: [String]]
  /// The moment time_difference measures against, fixed for the whole evaluation.
  let currentTime: Date
  /// The scanned host's local time zone, in which time_difference reads date-times that carry no zone.
  let timeZone: TimeZone
  /// OpenSCAP's answers or the specification's, where they differ (OVALSemantics.swift).
  let semantics: OVALSemantics
  var variableCache: [String: Result<[String], VariableError>] = [:]
  var variablesInProgress: Set<String> = []
  private var definitionResults: [String: OVALResult] = [:]
  private var definitionsInProgress: Set<String> = []
  private var objectsInProgress: Set<String> = []
  /// Items already recorded, by their content, so that an item found twice keeps one id.
  private var itemIDsByContent: [ItemContentKey: Int] = [:]
  private var nextItemID = 1
  public internal(set) var record = EvaluationRecord()
  /// Objects collected ahead, in parallel (ObjectPrefetch.swift).
  var prefetch: ObjectPrefetch

  /// - Parameters:
  ///   - definitions: the loaded definitions document.
  ///   - collector: where items come from.
  ///   - externalVariables: values for external variables, by variable id.
  ///   - recorded: a system-characteristics document to take every object's items from instead of collecting.
  ///   - currentTime: the moment time_difference measures against.
  ///   - timeZone: the host's local time zone (by default the `TZ` environment variable's, else the system's).
  ///   - semantics: whose answers to give where OpenSCAP and the specification differ.
  public init(
    definitions: OVALDefinitions, collector: any ObjectCollector, externalVariables: [String: [String]] = [:],
    recorded: SystemCharacteristics? = nil, currentTime: Date = Date(), timeZone: TimeZone = .current,
    semantics: OVALSemantics = .openSCAP
  ) {
    self.definitions = definitions
    self.collector = collector
    externalValues = externalVariables
    self.recorded = recorded
    self.currentTime = currentTime
    self.timeZone = timeZone
    self.semantics = semantics
    prefetch = ObjectPrefetch(collector: collector, isEnabled: recorded == nil)
  }

  /// Evaluates every definition of the document, in document order.
  public func evaluateAll() async -> [(id: String, result: OVALResult)] {
    await prefetchObjects(forDefinitions: definitions.definitions.map(\.id))
    var results: [(String, OVALResult)] = []
    for definition in definitions.definitions {
      results.append((definition.id, await evaluate(definitionID: definition.id)))
    }
    return results
  }

  /// How many definitions, objects and variables may be in evaluation at once, each reached through the one before
  /// (extend_definition, an object entity's or a state's var_ref, an object_component): far above what content
  /// writes (SSG nests a handful), and low enough that no chain exhausts memory or a small stack (`ulimit -s 512`).
  /// Deeper, the reference that goes too deep is an error naming it, as a reference cycle is.
  public static let maximumReferenceDepth = 1000

  /// Whether evaluating one more definition, object or variable would nest references too deeply.
  var referencesAreTooDeep: Bool {
    definitionsInProgress.count + objectsInProgress.count + variablesInProgress.count >= Self.maximumReferenceDepth
  }

  /// Why a definition, object or variable reached through too many nested references is not evaluated.
  static func tooDeep(_ what: String) -> String {
    "\(what) is reached through more than \(maximumReferenceDepth) nested references (extend_definition, "
      + "variables, objects); it is not evaluated"
  }

  /// Evaluates one definition (and whatever it extends); repeated calls return the first result.
  public func evaluate(definitionID id: String) async -> OVALResult {
    if let known = definitionResults[id] { return known }
    await prefetchObjects(forDefinitions: [id])
    guard let definition = definitions.definition(id) else { return .error }
    if referencesAreTooDeep {
      definitionResults[id] = .error
      record.record(
        DefinitionOutcome(
          id: id, version: definition.version, definitionClass: definition.definitionClass, result: .error,
          criteria: nil, messages: [Self.tooDeep("definition '\(id)'")]))
      return .error
    }
    guard definitionsInProgress.insert(id).inserted else {
      // An extend_definition cycle cannot be decided.
      return .error
    }
    defer { definitionsInProgress.remove(id) }
    var criteriaOutcome: CriteriaOutcome?
    let result: OVALResult
    if let criteria = definition.criteria {
      let outcome = await evaluate(criteria)
      criteriaOutcome = outcome
      result = outcome.result
    } else {
      result = .notEvaluated
    }
    definitionResults[id] = result
    record.record(
      DefinitionOutcome(
        id: id, version: definition.version, definitionClass: definition.definitionClass, result: result,
        criteria: criteriaOutcome))
    return result
  }

  private func evaluate(_ criteria: Criteria) async -> CriteriaOutcome {
    var children: [CriteriaOutcome.Child] = []
    var results: [OVALResult] = []
    for child in criteria.children {
      switch child {
      case .criteria(let nested):
        let outcome = await evaluate(nested)
        children.append(.criteria(outcome))
        results.append(outcome.result)
      case .criterion(let testRef, let negate, let applicability):
        let result = await evaluate(testID: testRef).negated(negate)
        children.append(
          .criterion(
            testRef: testRef, version: definitions.tests[testRef]?.version ?? "1", negate: negate,
            applicabilityCheck: applicability, result: result))
        results.append(result)
      case .extendDefinition(let ref, let negate, let applicability):
        let result = await evaluate(definitionID: ref).negated(negate)
        children.append(
          .extendDefinition(
            definitionRef: ref, version: definitions.definition(ref)?.version ?? "1", negate: negate,
            applicabilityCheck: applicability, result: result))
        results.append(result)
      }
    }
    let result = ResultCounts(results).combined(by: criteria.logicalOperator).negated(criteria.negate)
    return CriteriaOutcome(
      logicalOperator: criteria.logicalOperator, negate: criteria.negate,
      applicabilityCheck: criteria.applicabilityCheck, result: result, children: children)
  }

  /// Evaluates one test: collects its object, checks existence, then compares the items with the states
  /// (OVAL 5.11.2 specification, TestType).
  public func evaluate(testID id: String) async -> OVALResult {
    if let known = record.tests[id] { return known.result }
    guard let test = definitions.tests[id] else { return .error }
    if test.name.localName == "unknown_test" {
      // OVAL 5.11.2 independent schema: an unknown_test always evaluates to unknown.
      record.tests[id] = TestOutcome(test: test, result: .unknown, testedItems: [], testedVariables: [], messages: [])
      return .unknown
    }
    let collected = await collect(objectID: test.objectRef)
    var messages = collected.messages.filter { $0.level == .error }.map(\.text)
    var testedItems: [(Int, OVALResult)] = []
    var comparison = StateComparison(evaluator: self)
    let result: OVALResult

    switch collected.flag {
    case .error:
      result = .error
    case .notCollected:
      result = .unknown
    case .notApplicable:
      result = .notApplicable
    case .complete, .incomplete, .doesNotExist:
      let items = collected.itemIDs.compactMap { itemID in record.items[itemID].map { (itemID, $0) } }
      // check="none exist" is the pre-5.3 spelling of check_existence="none_exist" and overrides it.
      let existenceCheck = test.check == .noneExist ? ExistenceEnumeration.noneExist : test.checkExistence
      let existence = existenceCheck.evaluate(items.map(\.1.status))
      if existence != .true {
        result = existence
        testedItems = items.map { ($0.0, .notEvaluated) }
      } else if test.stateRefs.isEmpty {
        // Without a state the test is the existence check; an incomplete collection cannot show that items are
        // missing (OVAL 5.11.2, section on the check_existence attribute).
        result = collected.flag == .incomplete && test.checkExistence != .anyExist ? .unknown : existence
        testedItems = items.map { ($0.0, .notEvaluated) }
      } else {
        let states = test.stateRefs.compactMap { definitions.states[$0] }
        var itemResults: [OVALResult] = []
        for (itemID, item) in items where item.status == .exists {
          var stateResults: [OVALResult] = []
          for state in states { stateResults.append(await comparison.compare(item, with: state)) }
          let itemResult = ResultCounts(stateResults).combined(by: test.stateOperator)
          itemResults.append(itemResult)
          testedItems.append((itemID, itemResult))
        }
        var checked = itemResults.isEmpty ? existence : ResultCounts(itemResults).checked(by: test.check)
        // An incomplete collection leaves "all" and "none satisfy" open unless a collected item already decided
        // the test the other way.
        if collected.flag == .incomplete && checked == .true && test.check != .atLeastOne { checked = .unknown }
        result = checked
      }
    }
    messages += comparison.messages
    record.tests[id] = TestOutcome(
      test: test, result: result, testedItems: testedItems,
      testedVariables: Self.unique(collected.variableValues + comparison.usedVariables), messages: Self.unique(messages)
    )
    return result
  }

  /// Collects an object once per evaluation: from the recorded system, as a set of other objects, as a variable
  /// object, or through the collector; then applies the object's filters.
  func collect(objectID: String) async -> CollectedObjectRecord {
    if let known = record.collectedObjects[objectID] { return known }
    guard let object = definitions.objects[objectID] else {
      return CollectedObjectRecord(
        objectID: objectID, version: "1", flag: .error, itemIDs: [],
        messages: [CollectionMessage(.error, "undefined object '\(objectID)'")], variableValues: [])
    }
    guard !referencesAreTooDeep else {
      return CollectedObjectRecord(
        objectID: objectID, version: object.version, flag: .error, itemIDs: [],
        messages: [CollectionMessage(.error, Self.tooDeep("object '\(objectID)'"))], variableValues: [])
    }
    guard objectsInProgress.insert(objectID).inserted else {
      return CollectedObjectRecord(
        objectID: objectID, version: object.version, flag: .error, itemIDs: [],
        messages: [CollectionMessage(.error, "object '\(objectID)' refers to itself")], variableValues: [])
    }
    defer { objectsInProgress.remove(objectID) }

    var entry: CollectedObjectRecord
    if let recorded {
      entry = replay(object, from: recorded)
    } else if let set = object.set {
      let outcome = await evaluate(set)
      entry = CollectedObjectRecord(
        objectID: objectID, version: object.version, flag: outcome.flag, itemIDs: outcome.itemIDs,
        messages: outcome.messages, variableValues: [])
    } else {
      entry = await collectFromSystem(object)
      if !object.filters.isEmpty, entry.flag == .complete || entry.flag == .incomplete {
        let filtered = await filter(entry.itemIDs, by: object.filters)
        var flag = filtered.kept.isEmpty ? CollectedObjectFlag.doesNotExist : entry.flag
        var messages = entry.messages
        if let failure = filtered.failure {
          flag = .error
          messages.append(CollectionMessage(.error, failure))
        }
        entry = CollectedObjectRecord(
          objectID: objectID, version: object.version, flag: flag, itemIDs: filtered.kept, messages: messages,
          variableValues: entry.variableValues)
      }
    }
    record.collectedObjects[objectID] = entry
    return entry
  }

  /// Resolves the object's variable references, then asks the collector (or, for a variable_object, the
  /// variables themselves).
  ///
  /// An entity whose variable has no value makes the object an error in the specification; OpenSCAP skips the
  /// collection and reports the object as not existing, with a warning (OVALSemantics.swift). A variable that failed
  /// (an object it reads could not be collected, a function failed) keeps the object an error in both: OpenSCAP
  /// would take it as not existing too, which turns an unreachable Docker daemon into passing rules.
  private func collectFromSystem(_ object: OVALObject) async -> CollectedObjectRecord {
    var entityValues: [String: [String]] = [:]
    var variableValues: [(String, String)] = []
    var failure: (variableID: String, error: VariableError)?
    for entity in object.entities {
      if let ref = entity.varRef {
        switch await values(ofVariable: ref) {
        case .success(let resolved):
          entityValues[entity.name] = resolved
          variableValues += resolved.map { (ref, $0) }
        case .failure(let error):
          failure = failure ?? (ref, error)
        }
      } else if let value = entity.value {
        entityValues[entity.name] = [value]
      }
    }
    let collected: CollectedObject
    if let failure, semantics.makesObjectsAnError(failure.error.kind) {
      collected = .error(failure.error.message)
    } else if let failure {
      let message =
        "variable '\(failure.variableID)' has no value (\(failure.error.message)): the object is taken as not existing"
      collected = CollectedObject(flag: .doesNotExist, messages: [CollectionMessage(.warning, message)])
    } else if let early = await collectedAhead(object, values: entityValues) {
      collected = early
    } else if object.name == XMLName(OVALNamespace.definitions("independent"), "variable_object") {
      collected = await collectVariables(entityValues["var_ref"] ?? [])
    } else {
      collected = await collector.collect(ObjectRequest(object: object, values: entityValues))
    }
    return CollectedObjectRecord(
      objectID: object.id, version: object.version, flag: collected.flag, itemIDs: collected.items.map(register),
      messages: collected.messages, variableValues: Self.unique(variableValues))
  }

  /// variable_object: one variable_item per variable, holding its values (OVAL 5.11.2 independent schema).
  ///
  /// A variable without values is an error in the specification. OpenSCAP reports a variable that stands for
  /// nothing as an object that does not exist, and one without a supplied value as an item without values; a
  /// variable that failed is an error in both (see `collectFromSystem`).
  private func collectVariables(_ variableIDs: [String]) async -> CollectedObject {
    var items: [Item] = []
    var messages: [CollectionMessage] = []
    for id in variableIDs {
      switch await values(ofVariable: id) {
      case .success(let values):
        items.append(Self.variableItem(id, values))
      case .failure(let error) where semantics.makesObjectsAnError(error.kind):
        return .error(error.message, items: items)
      case .failure(let error) where error.kind == .noValues:
        return CollectedObject(flag: .doesNotExist, messages: [CollectionMessage(.warning, error.message)])
      case .failure(let error):
        items.append(Self.variableItem(id, []))
        messages.append(CollectionMessage(.warning, error.message))
      }
    }
    return .found(items, messages: messages)
  }

  private static func variableItem(_ id: String, _ values: [String]) -> Item {
    Item(
      type: "variable_item", family: "independent",
      entities: [ItemEntity("var_ref", id)] + values.map { ItemEntity("value", $0) })
  }

  /// Items and flag of an object as a system-characteristics document recorded them.
  private func replay(_ object: OVALObject, from recorded: SystemCharacteristics) -> CollectedObjectRecord {
    guard let recordedObject = recorded.objects[object.id] else {
      return CollectedObjectRecord(
        objectID: object.id, version: object.version, flag: .notCollected, itemIDs: [],
        messages: [CollectionMessage(.warning, "object '\(object.id)' is not in the system characteristics")],
        variableValues: [])
    }
    let itemIDs = recordedObject.itemIDs.compactMap { recorded.items[$0] }.map(register)
    return CollectedObjectRecord(
      objectID: object.id, version: object.version, flag: recordedObject.flag, itemIDs: itemIDs,
      messages: recordedObject.messages, variableValues: [])
  }

  /// A set's items: its operands (object references or nested sets), each filtered, combined by the set operator
  /// (OVAL 5.11.2 specification, SetElement and SetOperatorEnumeration).
  private func evaluate(_ set: ObjectSet) async -> (
    flag: CollectedObjectFlag, itemIDs: [Int], messages: [CollectionMessage]
  ) {
    var operands: [(flag: CollectedObjectFlag, itemIDs: [Int])] = []
    var messages: [CollectionMessage] = []
    if set.objectRefs.isEmpty {
      for nested in set.sets {
        let outcome = await evaluate(nested)
        operands.append((outcome.flag, outcome.itemIDs))
        messages += outcome.messages
      }
    } else {
      for ref in set.objectRefs {
        let collected = await collect(objectID: ref)
        let filtered = await filter(collected.itemIDs, by: set.filters)
        operands.append((filtered.failure == nil ? collected.flag : .error, filtered.kept))
        messages += collected.messages
        if let failure = filtered.failure { messages.append(CollectionMessage(.error, failure)) }
      }
    }
    let combined = SetCombination(set.setOperator, operands)
    return (combined.flag, combined.itemIDs, messages)
  }

  /// Keeps the items that pass every filter: `include` keeps items matching its state, `exclude` drops them.
  /// A filter that cannot decide an item because PCRE2 stopped a pattern match at its limits is a `failure`, which
  /// makes the object an error: dropping or keeping the item would decide the test either way. Other undecided
  /// comparisons (a state variable without values, a value not of the datatype) do not match, as in OpenSCAP,
  /// whose answers content relies on (an exclude filter on a variable that may have no values).
  private func filter(_ itemIDs: [Int], by filters: [ObjectFilter]) async -> (kept: [Int], failure: String?) {
    guard !filters.isEmpty else { return (itemIDs, nil) }
    var comparison = StateComparison(evaluator: self)
    var kept: [Int] = []
    var failure: String?
    for itemID in itemIDs {
      guard let item = record.items[itemID] else { continue }
      var keep = true
      for filter in filters {
        guard let state = definitions.states[filter.stateRef] else { continue }
        let stoppedBefore = comparison.stoppedMatches
        let result = await comparison.compare(item, with: state)
        if result == .error, comparison.stoppedMatches > stoppedBefore, failure == nil {
          failure =
            "filter state '\(filter.stateRef)' cannot be decided"
            + (comparison.messages.last.map { ": \($0)" } ?? "")
        }
        let matches = result == .true
        if (filter.action == .include && !matches) || (filter.action == .exclude && matches) {
          keep = false
          break
        }
      }
      if keep { kept.append(itemID) }
    }
    return (kept, failure)
  }

  /// Records an item and returns its id; an item identical to one already recorded keeps that one's id.
  private func register(_ item: Item) -> Int {
    let key = ItemContentKey(item)
    if let known = itemIDsByContent[key] { return known }
    let id = nextItemID
    nextItemID += 1
    record.items[id] = item
    itemIDsByContent[key] = id
    return id
  }

  static func unique<Element: Hashable>(_ values: [Element]) -> [Element] {
    var seen: Set<Element> = []
    return values.filter { seen.insert($0).inserted }
  }

  static func unique(_ pairs: [(String, String)]) -> [(String, String)] {
    var seen: Set<String> = []
    return pairs.filter { seen.insert($0.0 + "\u{0}" + $0.1).inserted }
  }
}

/// An item's whole content, to recognise the same item collected for two objects.
private struct ItemContentKey: Hashable {
  let text: String

  init(_ item: Item) {
    var text = "\(item.family)#\(item.type)#\(item.status.rawValue)"
    func append(_ entities: [ItemEntity]) {
      for entity in entities {
        text += "\u{1}\(entity.name)\u{2}\(entity.datatype.rawValue)\u{2}\(entity.status.rawValue)\u{2}\(entity.value)"
        if !entity.fields.isEmpty {
          text += "\u{3}"
          append(entity.fields)
          text += "\u{4}"
        }
      }
    }
    append(item.entities)
    self.text = text
  }
}
