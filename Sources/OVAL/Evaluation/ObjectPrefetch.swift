import Foundation
import XMLSupport

/// Objects collected ahead of the evaluation, several at a time, so that probes run in parallel (with a bounded
/// width) while the evaluator itself walks definitions one at a time.
///
/// Only objects whose entities need no variable are collected ahead: their requests are known before anything is
/// evaluated, and are exactly what the evaluator would send. Each result is handed over once, when the evaluator asks
/// for the object; everything else (sets, variable objects, objects with variables, filters) stays the evaluator's.
struct ObjectPrefetch {
  private let collector: any ObjectCollector
  private let isEnabled: Bool
  private var visitedDefinitions: Set<String> = []
  private var requestedObjects: Set<String> = []
  private var collected: [String: CollectedObject] = [:]

  /// How many objects are collected at once: one per processor, at least two (probes wait on the filesystem too).
  static var width: Int { min(max(ProcessInfo.processInfo.activeProcessorCount, 2), 16) }

  /// - Parameters:
  ///   - collector: where items come from.
  ///   - isEnabled: false when items come from recorded system characteristics instead of a collector.
  init(collector: any ObjectCollector, isEnabled: Bool) {
    self.collector = collector
    self.isEnabled = isEnabled
  }

  /// The object's collected items, if it was collected ahead; each result is handed over once.
  mutating func take(_ objectID: String) -> CollectedObject? {
    collected.removeValue(forKey: objectID)
  }

  /// The objects the given definitions reach, through tests, sets, variables and extended definitions, that have
  /// not been asked for before.
  fileprivate mutating func newObjects(reachableFrom definitionIDs: [String], in document: OVALDefinitions) -> [String]
  {
    guard isEnabled else { return [] }
    var reach = Reach(document: document)
    for id in definitionIDs where visitedDefinitions.insert(id).inserted {
      reach.visit(definitionID: id)
    }
    visitedDefinitions.formUnion(reach.definitions)
    return reach.objects.filter { requestedObjects.insert($0).inserted }
  }

  fileprivate mutating func store(_ object: CollectedObject, for objectID: String) {
    collected[objectID] = object
  }

  fileprivate var objectCollector: any ObjectCollector { collector }
}

extension OVALEvaluator {
  /// Collects, several at a time, every object the given definitions need whose entities use no variable, before
  /// they are evaluated. Evaluating a definition calls this for it; calling it first with every definition to be
  /// evaluated lets all their objects be collected together.
  public func prefetchObjects(forDefinitions definitionIDs: [String]) async {
    await RunStatistics.measure("collect") { await collectAhead(forDefinitions: definitionIDs) }
  }

  private func collectAhead(forDefinitions definitionIDs: [String]) async {
    let objectIDs = prefetch.newObjects(reachableFrom: definitionIDs, in: definitions)
    var candidates: [(object: OVALObject, request: ObjectRequest)] = []
    for id in objectIDs {
      guard let object = definitions.objects[id], let request = Self.independentRequest(for: object) else { continue }
      candidates.append((object, request))
    }
    // Filters that use variables are decided early too when the variables can be computed first (a uid list from
    // password items, say): resolving them may collect the objects they read, which are then not collected again.
    var filters: [String: ItemFilter] = [:]
    for (object, _) in candidates where !object.filters.isEmpty {
      let variableValues = await filterVariableValues(for: object)
      if let filter = ItemFilter(object.filters, states: definitions.states, variableValues: variableValues) {
        filters[object.id] = filter
      }
    }
    let requests = candidates.filter { record.collectedObjects[$0.object.id] == nil }.map {
      (id: $0.object.id, request: $0.request, filter: filters[$0.object.id])
    }
    guard !requests.isEmpty else { return }
    let collector = prefetch.objectCollector
    let width = ObjectPrefetch.width
    var pending = requests.makeIterator()
    await withTaskGroup(of: (String, CollectedObject).self) { group in
      func startNext() -> Bool {
        guard let next = pending.next() else { return false }
        group.addTask {
          if let filter = next.filter, let filtering = collector as? any FilteringObjectCollector {
            return (next.id, await filtering.collect(next.request, keeping: filter))
          }
          return (next.id, await collector.collect(next.request))
        }
        return true
      }
      for _ in 0..<width where !startNext() { break }
      while let (id, collected) = await group.next() {
        prefetch.store(collected, for: id)
        _ = startNext()
      }
    }
  }

  /// The object's items when they were collected ahead; else, for an object with filters the collector can apply
  /// (states without variables, or whose variables can be computed), the items collected now with those filters
  /// applied while collecting; nil when the evaluator collects the object itself.
  func collectedAhead(_ object: OVALObject, values: [String: [String]]) async -> CollectedObject? {
    if let early = prefetch.take(object.id) { return early }
    guard !object.filters.isEmpty,
      object.name != XMLName(OVALNamespace.definitions("independent"), "variable_object"),
      let filtering = prefetch.objectCollector as? any FilteringObjectCollector
    else { return nil }
    let variableValues = await filterVariableValues(for: object)
    guard let filter = ItemFilter(object.filters, states: definitions.states, variableValues: variableValues) else {
      return nil
    }
    return await filtering.collect(ObjectRequest(object: object, values: values), keeping: filter)
  }

  /// The values of the variables an object's filter states use, when each can be computed without collecting the
  /// object itself; variables that cannot be computed are left out (the evaluator then filters on its own).
  private func filterVariableValues(for object: OVALObject) async -> [String: [String]] {
    var references: [String] = []
    for filter in object.filters {
      guard let state = definitions.states[filter.stateRef] else { continue }
      references += ItemFilter.variables(of: state)
    }
    var resolvedValues: [String: [String]] = [:]
    for reference in Set(references) {
      var reach = Reach(document: definitions)
      reach.visit(variableID: reference)
      guard !reach.objects.contains(object.id),
        case .success(let resolved) = await values(ofVariable: reference)
      else { continue }
      resolvedValues[reference] = resolved
    }
    return resolvedValues
  }

  /// The request the evaluator would make for an object that needs no variable; nil for sets, variable objects and
  /// objects with variable references, which the evaluator collects itself.
  private static func independentRequest(for object: OVALObject) -> ObjectRequest? {
    guard object.set == nil,
      object.name != XMLName(OVALNamespace.definitions("independent"), "variable_object"),
      !object.entities.contains(where: { $0.varRef != nil })
    else { return nil }
    var values: [String: [String]] = [:]
    for entity in object.entities {
      if let value = entity.value { values[entity.name] = [value] }
    }
    return ObjectRequest(object: object, values: values)
  }
}

/// What a set of definitions reaches: definitions (through extend_definition), then tests, objects, states and
/// variables, and the objects that variables' object components name.
///
/// The walk keeps its own stack of what is left to visit, in document order: a chain of extended definitions or
/// variables thousands long costs its length, on the heap, never the thread's stack.
private struct Reach {
  /// Something left to visit.
  private enum Node {
    case definition(String)
    case criteria(Criteria)
    case object(String)
    case set(ObjectSet)
    case state(String)
    case entity(Entity)
    case variable(String)
    case component(Component)
  }

  let document: OVALDefinitions
  private(set) var definitions: Set<String> = []
  private(set) var objects: [String] = []
  private var seenObjects: Set<String> = []
  private var seenVariables: Set<String> = []
  private var seenStates: Set<String> = []
  private var pending: [Node] = []

  init(document: OVALDefinitions) {
    self.document = document
  }

  mutating func visit(definitionID: String) {
    visitAll(from: .definition(definitionID))
  }

  mutating func visit(variableID: String) {
    visitAll(from: .variable(variableID))
  }

  private mutating func visitAll(from start: Node) {
    pending.append(start)
    while let node = pending.popLast() {
      // The nodes a node leads to are pushed in reverse, so that they are visited in document order.
      pending += next(after: node).reversed()
    }
  }

  private mutating func next(after node: Node) -> [Node] {
    switch node {
    case .definition(let id):
      guard definitions.insert(id).inserted, let criteria = document.definition(id)?.criteria else { return [] }
      return [.criteria(criteria)]
    case .criteria(let criteria):
      return criteria.children.flatMap { child -> [Node] in
        switch child {
        case .criteria(let nested): return [.criteria(nested)]
        case .extendDefinition(let ref, _, _): return [.definition(ref)]
        case .criterion(let testRef, _, _):
          guard let test = document.tests[testRef] else { return [] }
          return [.object(test.objectRef)] + test.stateRefs.map(Node.state)
        }
      }
    case .object(let id):
      guard seenObjects.insert(id).inserted, let object = document.objects[id] else { return [] }
      objects.append(id)
      return object.entities.map(Node.entity) + (object.set.map { [Node.set($0)] } ?? [])
        + object.filters.map { Node.state($0.stateRef) }
    case .set(let set):
      return set.objectRefs.map(Node.object) + set.sets.map(Node.set) + set.filters.map { Node.state($0.stateRef) }
    case .state(let id):
      guard seenStates.insert(id).inserted, let state = document.states[id] else { return [] }
      return state.entities.map(Node.entity)
    case .entity(let entity):
      return (entity.varRef.map { [Node.variable($0)] } ?? []) + entity.fields.map(Node.entity)
    case .variable(let id):
      guard seenVariables.insert(id).inserted, let variable = document.variables[id],
        case .local(let component) = variable.kind
      else { return [] }
      return [.component(component)]
    case .component(let component):
      switch component {
      case .literal: return []
      case .variable(let ref): return [.variable(ref)]
      case .object(let ref, _, _): return [.object(ref)]
      case .function(let function): return function.components.map(Node.component)
      }
    }
  }
}
