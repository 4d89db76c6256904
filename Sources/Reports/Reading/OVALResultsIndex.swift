import Foundation
import OVAL
import XMLSupport

/// An OVAL results document indexed for finding a definition's evidence: the definitions it carries (tests,
/// objects, states, variables), the results of each definition and test, and the collected objects and items.
///
/// Works on Palisade's results and OpenSCAP's alike: both carry the definitions and full system data.
struct OVALResultsIndex {
  /// Items kept per test; a recursive file check can collect thousands, and a reviewer needs the first ones.
  static let itemLimit = 50

  private var tests: [String: XMLElement] = [:]
  private var objects: [String: XMLElement] = [:]
  private var states: [String: XMLElement] = [:]
  private var variables: [String: XMLElement] = [:]
  private var definitionCriteria: [String: XMLElement] = [:]
  private var definitionResults: [String: XMLElement] = [:]
  private var testResults: [String: XMLElement] = [:]
  private var collectedObjects: [String: XMLElement] = [:]
  private var items: [String: XMLElement] = [:]
  /// `os_name`, `os_version`, `architecture` and `primary_host_name` of the system characteristics.
  private(set) var systemInfo: [String: String] = [:]

  init(results: XMLElement) {
    if let definitions = results.firstElement(named: "oval_definitions") {
      for section in definitions.elements {
        switch section.localName {
        case "definitions":
          for definition in section.elements {
            if let id = definition[attribute: "id"], let criteria = definition.firstElement(named: "criteria") {
              definitionCriteria[id] = criteria
            }
          }
        case "tests": index(section.elements, into: &tests)
        case "objects": index(section.elements, into: &objects)
        case "states": index(section.elements, into: &states)
        case "variables": index(section.elements, into: &variables)
        default: break
        }
      }
    }
    guard let system = results.firstElement(named: "results")?.firstElement(named: "system") else { return }
    for definition in system.firstElement(named: "definitions")?.elements ?? [] {
      if let id = definition[attribute: "definition_id"] { definitionResults[id] = definition }
    }
    for test in system.firstElement(named: "tests")?.elements ?? [] {
      if let id = test[attribute: "test_id"] { testResults[id] = test }
    }
    guard let characteristics = system.firstElement(named: "oval_system_characteristics") else { return }
    for field in characteristics.firstElement(named: "system_info")?.elements ?? [] where field.elements.isEmpty {
      systemInfo[field.localName] = field.trimmedText
    }
    index(characteristics.firstElement(named: "collected_objects")?.elements ?? [], into: &collectedObjects)
    index(characteristics.firstElement(named: "system_data")?.elements ?? [], into: &items)
  }

  private func index(_ elements: [XMLElement], into table: inout [String: XMLElement]) {
    for element in elements {
      if let id = element[attribute: "id"] { table[id] = element }
    }
  }

  /// The definition's result (`true`, `false`, ...), when the results have it.
  func result(ofDefinition id: String) -> OVALResult? {
    definitionResults[id]?[attribute: "result"].map(Self.result)
  }

  /// A `result` attribute: absent, `not evaluated`; outside OVAL's ResultEnumeration, `unknown`.
  static func result(_ text: String?) -> OVALResult {
    guard let text else { return .notEvaluated }
    return OVALResult(rawValue: text) ?? .unknown
  }

  /// An attribute of one of OVAL's enumerations; absent or outside the enumeration, the schema's default.
  private static func decoded<Value: RawRepresentable>(_ text: String?, default defaultValue: Value) -> Value
  where Value.RawValue == String {
    text.flatMap(Value.init(rawValue:)) ?? defaultValue
  }

  /// The evidence of every test the definition's criteria reach, extended definitions included, in order.
  /// - Parameter exports: the rule's `check-export`s, to show which XCCDF Value a variable came from.
  func evidence(forDefinition id: String, exports: [BoundValue]) -> [TestEvidence] {
    var references: [(testID: String, isApplicabilityCheck: Bool)] = []
    var listed: Set<String> = []
    var visited: Set<String> = [id]
    // Depth first in document order, with a stack of its own (each node with the applicability it inherits): a chain
    // of extended definitions thousands long must not overflow the thread's stack.
    var pending: [(node: XMLElement, inherited: Bool)] = []
    func push(childrenOf criteria: XMLElement, inherited: Bool) {
      let applicability = inherited || criteria[attribute: "applicability_check"] == "true"
      pending += criteria.elements.reversed().map { ($0, applicability) }
    }
    if let criteria = self.criteria(ofDefinition: id) { push(childrenOf: criteria, inherited: false) }
    while let (child, inherited) = pending.popLast() {
      let applicability = inherited || child[attribute: "applicability_check"] == "true"
      switch child.localName {
      case "criteria":
        push(childrenOf: child, inherited: applicability)
      case "criterion":
        if let testID = child[attribute: "test_ref"], listed.insert(testID).inserted {
          references.append((testID, applicability))
        }
      case "extend_definition":
        if let extended = child[attribute: "definition_ref"], visited.insert(extended).inserted,
          let extendedCriteria = self.criteria(ofDefinition: extended)
        {
          push(childrenOf: extendedCriteria, inherited: applicability)
        }
      default:
        break
      }
    }
    return references.map {
      evidence(forTest: $0.testID, isApplicabilityCheck: $0.isApplicabilityCheck, exports: exports)
    }
  }

  /// The criteria of a definition: from its result (which carries each criterion's result) or from the content.
  private func criteria(ofDefinition id: String) -> XMLElement? {
    definitionResults[id]?.firstElement(named: "criteria") ?? definitionCriteria[id]
  }

  private func evidence(forTest id: String, isApplicabilityCheck: Bool, exports: [BoundValue]) -> TestEvidence {
    let test = tests[id]
    let outcome = testResults[id]
    let objectID = test?.firstElement(named: "object")?[attribute: "object_ref"]
    let testedVariables = (outcome?.elements(named: "tested_variable") ?? []).compactMap { element in
      element[attribute: "variable_id"].map { ($0, element.text) }
    }
    let context = VariableContext(
      testedValues: Dictionary(grouping: testedVariables, by: \.0).mapValues { $0.map(\.1) },
      objectID: objectID, exports: exports)
    var testedItems = (outcome?.elements(named: "tested_item") ?? []).compactMap { element in
      element[attribute: "item_id"].map { ($0, element[attribute: "result"].map(Self.result)) }
    }
    let collected = objectID.flatMap { collectedObjects[$0] }
    if testedItems.isEmpty, let collected {
      testedItems = collected.elements(named: "reference").compactMap { reference in
        reference[attribute: "item_ref"].map { ($0, OVALResult?.none) }
      }
    }
    let kept = testedItems.prefix(Self.itemLimit).compactMap { itemID, result in
      items[itemID].map { item(from: $0, result: result) }
    }
    return TestEvidence(
      testID: id, testType: test?.localName ?? "test", comment: test?[attribute: "comment"],
      result: Self.result(outcome?[attribute: "result"]),
      checkExistence: Self.decoded(
        test?[attribute: "check_existence"] ?? outcome?[attribute: "check_existence"], default: .atLeastOneExists),
      check: Self.decoded(test?[attribute: "check"] ?? outcome?[attribute: "check"], default: .all),
      stateOperator: Self.decoded(test?[attribute: "state_operator"], default: .and),
      isApplicabilityCheck: isApplicabilityCheck,
      object: objectID.map { object(id: $0, collected: collected, context: context) },
      items: kept, omittedItemCount: max(0, testedItems.count - Self.itemLimit),
      states: (test?.elements(named: "state") ?? []).compactMap { $0[attribute: "state_ref"] }.map {
        state(id: $0, context: context)
      },
      messages: (outcome?.elements(named: "message") ?? []).map(\.trimmedText))
  }

  private func object(id: String, collected: XMLElement?, context: VariableContext) -> ObjectEvidence {
    guard let element = objects[id] else {
      return ObjectEvidence(
        id: id, type: "object", comment: nil, flag: Self.flag(of: collected), entities: [], filters: [],
        remarks: [], messages: collected.map(messages) ?? [])
    }
    var entities: [ExpectedEntity] = []
    var filters: [(ObjectFilter.Action, StateExpectation)] = []
    var remarks: [String] = []
    for child in element.elements {
      switch child.localName {
      case "filter":
        filters.append(
          (Self.decoded(child[attribute: "action"], default: .exclude), state(id: child.trimmedText, context: context)))
      case "set":
        let members = child.descendantsAndSelf().filter { $0.localName == "object_reference" }.map(\.trimmedText)
        remarks.append(
          "a set (\(child[attribute: "set_operator"] ?? "UNION")) of the objects \(members.joined(separator: ", "))")
      case "behaviors":
        let settings = child.attributes.map { "\($0.name.localName)=\($0.value)" }.joined(separator: ", ")
        if !settings.isEmpty { remarks.append("behaviors: \(settings)") }
      case "notes", "signature":
        break
      default:
        entities.append(entity(child, context: context))
      }
    }
    return ObjectEvidence(
      id: id, type: element.localName, comment: element[attribute: "comment"], flag: Self.flag(of: collected),
      entities: entities, filters: filters, remarks: remarks, messages: collected.map(messages) ?? [])
  }

  /// A collected object's flag, when it has one of OVAL's FlagEnumeration.
  private static func flag(of collected: XMLElement?) -> CollectedObjectFlag? {
    collected?[attribute: "flag"].flatMap(CollectedObjectFlag.init(rawValue:))
  }

  private func messages(_ collected: XMLElement) -> [String] {
    collected.elements(named: "message").map(\.trimmedText)
  }

  private func state(id: String, context: VariableContext) -> StateExpectation {
    guard let element = states[id] else {
      return StateExpectation(id: id, comment: nil, stateOperator: .and, entities: [])
    }
    let entities = element.elements.filter { !["notes", "signature"].contains($0.localName) }.map {
      entity($0, context: context)
    }
    return StateExpectation(
      id: id, comment: element[attribute: "comment"],
      stateOperator: Self.decoded(element[attribute: "operator"], default: .and),
      entities: entities)
  }

  private func entity(_ element: XMLElement, context: VariableContext) -> ExpectedEntity {
    let variableID = element[attribute: "var_ref"]
    let values: [String]
    if let variableID {
      values = self.values(ofVariable: variableID, context: context)
    } else if element.elements.isEmpty {
      values = [element.text]
    } else {
      values = []
    }
    return ExpectedEntity(
      name: element[attribute: "name"] ?? element.localName,
      operation: Self.decoded(element[attribute: "operation"], default: .equals),
      datatype: element[attribute: "datatype"].flatMap(Datatype.init(rawValue:)), values: values,
      variableID: variableID, variableCheck: element[attribute: "var_check"].flatMap(CheckEnumeration.init(rawValue:)),
      boundValues: variableID.map { boundValues(ofVariable: $0, exports: context.exports) } ?? [],
      fields: element.elements(named: "field").map { entity($0, context: context) })
  }

  /// The values a variable had: as the test recorded them, as the object's collection recorded them, or as the
  /// content gives them (a constant, or an external variable bound to an XCCDF Value).
  private func values(ofVariable id: String, context: VariableContext) -> [String] {
    if let tested = context.testedValues[id], !tested.isEmpty { return tested }
    let recorded = { (object: XMLElement) -> [String] in
      object.elements(named: "variable_value").filter { $0[attribute: "variable_id"] == id }.map(\.text)
    }
    if let objectID = context.objectID, let collected = collectedObjects[objectID] {
      let values = recorded(collected)
      if !values.isEmpty { return values }
    }
    for collected in collectedObjects.values {
      let values = recorded(collected)
      if !values.isEmpty { return values }
    }
    guard let variable = variables[id] else { return [] }
    switch variable.localName {
    case "constant_variable":
      return variable.elements(named: "value").map(\.text)
    case "external_variable":
      return context.exports.filter { $0.exportName == id }.compactMap(\.value)
    default:
      return []
    }
  }

  /// The XCCDF Values behind a variable: exported to it directly, or to a variable it is computed from.
  private func boundValues(ofVariable id: String, exports: [BoundValue]) -> [BoundValue] {
    var found: [BoundValue] = []
    var visited: Set<String> = []
    var pending = [id]
    while let next = pending.popLast() {
      guard visited.insert(next).inserted else { continue }
      found += exports.filter { $0.exportName == next }
      guard let variable = variables[next] else { continue }
      for element in variable.descendantsAndSelf() {
        if let reference = element[attribute: "var_ref"] { pending.append(reference) }
      }
    }
    return found
  }

  private func item(from element: XMLElement, result: OVALResult?) -> ItemEvidence {
    ItemEvidence(
      id: element[attribute: "id"] ?? "", type: element.localName,
      status: Self.decoded(element[attribute: "status"], default: .exists),
      result: result,
      entities: element.elements.filter { $0.localName != "message" }.map { itemEntity($0) })
  }

  private func itemEntity(_ element: XMLElement) -> ItemEntity {
    ItemEntity(
      name: element[attribute: "name"] ?? element.localName, value: element.elements.isEmpty ? element.text : "",
      status: element[attribute: "status"].flatMap(ItemStatus.init(rawValue:)),
      fields: element.elements(named: "field").map { itemEntity($0) })
  }
}

/// What a test's variables resolve against.
private struct VariableContext {
  let testedValues: [String: [String]]
  let objectID: String?
  let exports: [BoundValue]
}
