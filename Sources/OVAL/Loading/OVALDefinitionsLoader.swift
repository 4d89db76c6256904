import Foundation
public import XMLSupport

extension OVALDefinitions {
  /// Loads an `oval_definitions` element, checking that every reference inside it resolves.
  /// - Parameters:
  ///   - element: the `oval_definitions` element (the root of an OVAL file or a data-stream component).
  ///   - path: the file diagnostics name.
  /// - Throws: `LocatedError` for a missing id, an unknown enumeration value or a dangling reference.
  public init(parsing element: XMLElement, path: String) throws {
    guard element.name == XMLName(OVALNamespace.definitions, "oval_definitions") else {
      throw LocatedError(
        "expected an OVAL 'oval_definitions' element, found '\(element.localName)'", at: element.location)
    }
    var loader = OVALDefinitionsLoader()
    for section in element.elements {
      switch section.localName {
      case "definitions": try section.elements.forEach { try loader.addDefinition($0) }
      case "tests": try section.elements.forEach { try loader.addTest($0) }
      case "objects": try section.elements.forEach { try loader.addObject($0) }
      case "states": try section.elements.forEach { try loader.addState($0) }
      case "variables": try section.elements.forEach { try loader.addVariable($0) }
      default: break
      }
    }
    self.init(
      definitions: loader.definitions, tests: loader.tests, objects: loader.objects, states: loader.states,
      variables: loader.variables, source: element, path: path)
    try checkReferences()
  }

  /// Every test, object, state, definition and variable that something refers to must exist.
  private func checkReferences() throws {
    func requireVariable(_ ref: String?, at location: SourceLocation) throws {
      if let ref, variables[ref] == nil {
        throw LocatedError("reference to undefined variable '\(ref)'", at: location)
      }
    }
    func check(_ criteria: Criteria, at location: SourceLocation) throws {
      for child in criteria.children {
        switch child {
        case .criteria(let nested): try check(nested, at: location)
        case .criterion(let testRef, _, _):
          if tests[testRef] == nil {
            throw LocatedError("criterion refers to undefined test '\(testRef)'", at: location)
          }
        case .extendDefinition(let definitionRef, _, _):
          if definition(definitionRef) == nil {
            throw LocatedError("extend_definition refers to undefined definition '\(definitionRef)'", at: location)
          }
        }
      }
    }
    for definition in definitions {
      if let criteria = definition.criteria { try check(criteria, at: definition.location) }
    }
    for test in tests.values {
      if !test.objectRef.isEmpty, objects[test.objectRef] == nil {
        throw LocatedError("test '\(test.id)' refers to undefined object '\(test.objectRef)'", at: test.location)
      }
      for stateRef in test.stateRefs where states[stateRef] == nil {
        throw LocatedError("test '\(test.id)' refers to undefined state '\(stateRef)'", at: test.location)
      }
    }
    for object in objects.values {
      for entity in object.entities { try requireVariable(entity.varRef, at: object.location) }
    }
    for state in states.values {
      for entity in state.entities {
        try requireVariable(entity.varRef, at: state.location)
        for field in entity.fields { try requireVariable(field.varRef, at: state.location) }
      }
    }
    func check(_ component: Component, at location: SourceLocation) throws {
      switch component {
      case .literal: break
      case .variable(let ref): try requireVariable(ref, at: location)
      case .object(let ref, _, _):
        if objects[ref] == nil {
          throw LocatedError("object_component refers to undefined object '\(ref)'", at: location)
        }
      case .function(let function):
        for part in function.components { try check(part, at: location) }
      }
    }
    func check(_ set: ObjectSet, at location: SourceLocation) throws {
      for ref in set.objectRefs where objects[ref] == nil {
        throw LocatedError("set refers to undefined object '\(ref)'", at: location)
      }
      for filter in set.filters where states[filter.stateRef] == nil {
        throw LocatedError("filter refers to undefined state '\(filter.stateRef)'", at: location)
      }
      for nested in set.sets { try check(nested, at: location) }
    }
    for object in objects.values {
      if let set = object.set { try check(set, at: object.location) }
      for filter in object.filters where states[filter.stateRef] == nil {
        throw LocatedError("filter refers to undefined state '\(filter.stateRef)'", at: object.location)
      }
    }
    for variable in variables.values {
      if case .local(let component) = variable.kind { try check(component, at: variable.location) }
    }
  }
}

/// Collects the parts of a definitions document as its sections are read.
private struct OVALDefinitionsLoader {
  var definitions: [Definition] = []
  var definitionIDs: Set<String> = []
  var tests: [String: OVALTest] = [:]
  var objects: [String: OVALObject] = [:]
  var states: [String: OVALState] = [:]
  var variables: [String: Variable] = [:]

  mutating func addDefinition(_ element: XMLElement) throws {
    let id = try element.requiredAttribute("id")
    guard definitionIDs.insert(id).inserted else {
      throw LocatedError("duplicate definition id '\(id)'", at: element.location)
    }
    let metadata = element.firstElement(named: "metadata")
    definitions.append(
      Definition(
        id: id, version: try element.requiredAttribute("version"),
        definitionClass: element[attribute: "class"] ?? "",
        title: metadata?.firstElement(named: "title")?.trimmedText ?? "",
        isDeprecated: try element.booleanAttribute("deprecated") ?? false,
        criteria: try element.firstElement(named: "criteria").map(Self.criteria(from:)),
        location: element.location))
  }

  static func criteria(from element: XMLElement) throws -> Criteria {
    var children: [CriteriaNode] = []
    for child in element.elements {
      let negate = try child.booleanAttribute("negate") ?? false
      let applicability = try child.booleanAttribute("applicability_check")
      switch child.localName {
      case "criteria": children.append(.criteria(try criteria(from: child)))
      case "criterion":
        children.append(
          .criterion(
            testRef: try child.requiredAttribute("test_ref"), negate: negate, applicabilityCheck: applicability))
      case "extend_definition":
        children.append(
          .extendDefinition(
            definitionRef: try child.requiredAttribute("definition_ref"), negate: negate,
            applicabilityCheck: applicability))
      default:
        throw LocatedError("unexpected element '\(child.localName)' in criteria", at: child.location)
      }
    }
    return Criteria(
      logicalOperator: try element.enumAttribute("operator", default: .and),
      negate: try element.booleanAttribute("negate") ?? false,
      applicabilityCheck: try element.booleanAttribute("applicability_check"), children: children)
  }

  mutating func addTest(_ element: XMLElement) throws {
    let id = try element.requiredAttribute("id")
    guard tests[id] == nil else { throw LocatedError("duplicate test id '\(id)'", at: element.location) }
    // Only the unknown_test, which always evaluates to unknown, may go without an object.
    let object = element.firstElement(named: "object")
    guard object != nil || element.localName == "unknown_test" else {
      throw LocatedError("test '\(id)' has no object", at: element.location)
    }
    tests[id] = OVALTest(
      id: id, version: try element.requiredAttribute("version"), name: element.name,
      comment: element[attribute: "comment"],
      check: try element.enumAttribute("check", default: .all),
      checkExistence: try element.enumAttribute("check_existence", default: .atLeastOneExists),
      stateOperator: try element.enumAttribute("state_operator", default: .and),
      objectRef: try object?.requiredAttribute("object_ref") ?? "",
      stateRefs: try element.elements(named: "state").map { try $0.requiredAttribute("state_ref") },
      location: element.location)
  }

  mutating func addObject(_ element: XMLElement) throws {
    let id = try element.requiredAttribute("id")
    guard objects[id] == nil else { throw LocatedError("duplicate object id '\(id)'", at: element.location) }
    var behaviors: [String: String] = [:]
    var entities: [Entity] = []
    var set: ObjectSet?
    var filters: [ObjectFilter] = []
    for child in element.elements {
      if child.name.namespace == OVALNamespace.definitions {
        switch child.localName {
        case "set": set = try Self.objectSet(from: child)
        case "filter": filters.append(try Self.filter(from: child))
        default: break
        }
      } else if child.localName == "behaviors" {
        for attribute in child.attributes { behaviors[attribute.name.localName] = attribute.value }
      } else if child.localName == "filter" {
        filters.append(try Self.filter(from: child))
      } else {
        entities.append(try Self.entity(from: child))
      }
    }
    objects[id] = OVALObject(
      id: id, version: try element.requiredAttribute("version"), name: element.name,
      comment: element[attribute: "comment"], entities: entities, behaviors: behaviors, set: set, filters: filters,
      location: element.location)
  }

  static func objectSet(from element: XMLElement) throws -> ObjectSet {
    ObjectSet(
      setOperator: try element.enumAttribute("set_operator", default: .union),
      objectRefs: element.elements(named: "object_reference").map(\.trimmedText),
      sets: try element.elements(named: "set").map(objectSet(from:)),
      filters: try element.elements(named: "filter").map(filter(from:)))
  }

  static func filter(from element: XMLElement) throws -> ObjectFilter {
    ObjectFilter(action: try element.enumAttribute("action", default: .exclude), stateRef: element.trimmedText)
  }

  mutating func addState(_ element: XMLElement) throws {
    let id = try element.requiredAttribute("id")
    guard states[id] == nil else { throw LocatedError("duplicate state id '\(id)'", at: element.location) }
    states[id] = OVALState(
      id: id, version: try element.requiredAttribute("version"), name: element.name,
      stateOperator: try element.enumAttribute("operator", default: .and),
      entities: try element.elements.filter { $0.name.namespace != OVALNamespace.definitions }.map(Self.entity(from:)),
      location: element.location)
  }

  static func entity(from element: XMLElement) throws -> Entity {
    let isNil = element[attribute: "nil", namespace: "http://www.w3.org/2001/XMLSchema-instance"] == "true"
    let varRef = element[attribute: "var_ref"]
    let fields = try element.elements(named: "field").map(entity(from:))
    return Entity(
      name: element.localName == "field" ? (try element.requiredAttribute("name")) : element.localName,
      value: (varRef != nil || isNil || !fields.isEmpty) ? nil : element.text,
      datatype: try element.enumAttribute("datatype", default: .string),
      operation: try element.enumAttribute("operation", default: .equals),
      mask: try element.booleanAttribute("mask") ?? false,
      varRef: varRef,
      varCheck: try element.enumAttribute("var_check", default: .all),
      entityCheck: try element.enumAttribute("entity_check", default: .all),
      checkExistence: try element.enumAttribute("check_existence", default: .atLeastOneExists),
      isNil: isNil, fields: fields)
  }

  mutating func addVariable(_ element: XMLElement) throws {
    let id = try element.requiredAttribute("id")
    guard variables[id] == nil else { throw LocatedError("duplicate variable id '\(id)'", at: element.location) }
    let kind: Variable.Kind
    switch element.localName {
    case "external_variable": kind = .external
    case "constant_variable": kind = .constant(element.elements(named: "value").map(\.text))
    case "local_variable":
      guard let component = element.elements.first else {
        throw LocatedError("local variable '\(id)' has no component", at: element.location)
      }
      kind = .local(try Self.component(from: component))
    default:
      throw LocatedError("unknown variable type '\(element.localName)'", at: element.location)
    }
    variables[id] = Variable(
      id: id, version: try element.requiredAttribute("version"),
      datatype: try element.enumAttribute("datatype", default: .string), comment: element[attribute: "comment"],
      kind: kind, location: element.location)
  }

  static func component(from element: XMLElement) throws -> Component {
    let parts = { try element.elements.map(component(from:)) }
    func single() throws -> Component {
      guard let first = element.elements.first else {
        throw LocatedError("'\(element.localName)' has no component", at: element.location)
      }
      return try component(from: first)
    }
    switch element.localName {
    case "literal_component": return .literal(element.text)
    case "variable_component": return .variable(varRef: try element.requiredAttribute("var_ref"))
    case "object_component":
      return .object(
        objectRef: try element.requiredAttribute("object_ref"), itemField: try element.requiredAttribute("item_field"),
        recordField: element[attribute: "record_field"])
    case "arithmetic":
      return .function(.arithmetic(try element.enumAttribute("arithmetic_operation", default: .add), try parts()))
    case "begin": return .function(.begin(try element.requiredAttribute("character"), try single()))
    case "end": return .function(.end(try element.requiredAttribute("character"), try single()))
    case "concat": return .function(.concat(try parts()))
    case "count": return .function(.count(try parts()))
    case "escape_regex": return .function(.escapeRegex(try single()))
    case "glob_to_regex":
      return .function(.globToRegex(noEscape: try element.booleanAttribute("glob_noescape") ?? false, try single()))
    case "regex_capture":
      return .function(.regexCapture(pattern: element[attribute: "pattern"] ?? "", try single()))
    case "split": return .function(.split(delimiter: try element.requiredAttribute("delimiter"), try single()))
    case "substring":
      return .function(
        .substring(
          start: try element.integerAttribute("substring_start"),
          length: try element.integerAttribute("substring_length"), try single()))
    case "time_difference":
      return .function(
        .timeDifference(
          first: try element.enumAttribute("format_1", default: .yearMonthDay),
          second: try element.enumAttribute("format_2", default: .yearMonthDay), try parts()))
    case "unique": return .function(.unique(try parts()))
    default:
      throw LocatedError("unknown variable component '\(element.localName)'", at: element.location)
    }
  }
}

extension XMLElement {
  func requiredAttribute(_ name: String) throws -> String {
    guard let value = self[attribute: name] else {
      throw LocatedError("'\(localName)' has no '\(name)' attribute", at: location)
    }
    return value
  }

  func booleanAttribute(_ name: String) throws -> Bool? {
    guard let value = self[attribute: name] else { return nil }
    switch value {
    case "true", "1": return true
    case "false", "0": return false
    default: throw LocatedError("'\(name)' must be true or false, not '\(value)'", at: location)
    }
  }

  func integerAttribute(_ name: String) throws -> Int {
    guard let text = self[attribute: name], let value = Int(text.trimmingCharacters(in: .whitespaces)) else {
      throw LocatedError("'\(localName)' needs an integer '\(name)' attribute", at: location)
    }
    return value
  }

  func enumAttribute<Value: RawRepresentable<String>>(_ name: String, default defaultValue: Value) throws -> Value {
    guard let raw = self[attribute: name] else { return defaultValue }
    guard let value = Value(rawValue: raw) else {
      throw LocatedError("unknown \(name) '\(raw)' on '\(localName)'", at: location)
    }
    return value
  }
}
