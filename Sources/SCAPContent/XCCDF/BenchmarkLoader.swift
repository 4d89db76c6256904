public import XMLSupport

extension Benchmark {
  /// Loads an XCCDF 1.1 or 1.2 `Benchmark` element.
  /// - Throws: `LocatedError` for a missing id or a malformed attribute.
  public init(parsing element: XMLElement) throws {
    let loader = try XCCDFLoader(reading: "Benchmark", element)
    let namespace = loader.namespace
    var profiles: [Profile] = []
    var values: [String: Value] = [:]
    var items: [BenchmarkItem] = []
    var platformSpecification: [String: CPEPlatform] = [:]
    for child in element.elements {
      if child.name.namespace == SCAPNamespace.cpeLanguage, child.localName == "platform-specification" {
        for platform in child.elements(named: "platform") {
          let parsed = try CPEPlatform(parsing: platform)
          platformSpecification[parsed.id] = parsed
        }
        continue
      }
      guard child.name.namespace == namespace else { continue }
      switch child.localName {
      case "Profile": profiles.append(try loader.profile(child))
      case "Value":
        let value = try loader.value(child)
        values[value.id] = value
      case "Group", "Rule":
        items.append(try loader.item(child, values: &values))
      default: break
      }
    }
    self.init(
      id: try loader.required("id", of: element), namespace: namespace, title: loader.text("title", of: element),
      description: loader.text("description", of: element), version: loader.text("version", of: element),
      status: element.firstElement(named: "status")?.trimmedText, platforms: loader.platforms(of: element),
      platformSpecification: platformSpecification, profiles: profiles, values: values,
      scoringModels: element.elements(named: "model", in: namespace).compactMap { $0[attribute: "system"] },
      items: items, source: element, location: element.location)
  }
}

/// Reads the parts of an XCCDF document in one XCCDF namespace (1.1 or 1.2).
struct XCCDFLoader {
  let namespace: String

  /// A loader for `element`, which must be an XCCDF 1.1 or 1.2 element named `localName`.
  init(reading localName: String, _ element: XMLElement) throws {
    guard element.localName == localName,
      let namespace = element.name.namespace, [SCAPNamespace.xccdf12, SCAPNamespace.xccdf11].contains(namespace)
    else {
      throw LocatedError("expected an XCCDF '\(localName)' element, found '\(element.localName)'", at: element.location)
    }
    self.namespace = namespace
  }

  func item(_ element: XMLElement, values: inout [String: Value]) throws -> BenchmarkItem {
    let selected = try boolean("selected", of: element) ?? true
    let weight = try number("weight", of: element) ?? 1.0
    if element.localName == "Rule" { return .rule(try rule(element, selected: selected, weight: weight)) }
    var items: [BenchmarkItem] = []
    for child in element.elements where child.name.namespace == namespace {
      switch child.localName {
      case "Value":
        let value = try self.value(child)
        values[value.id] = value
      case "Group", "Rule":
        items.append(try item(child, values: &values))
      default: break
      }
    }
    return .group(
      Group(
        id: try required("id", of: element), clusterID: element[attribute: "cluster-id"],
        title: text("title", of: element),
        description: text("description", of: element), selected: selected, weight: weight,
        platforms: platforms(of: element), requires: requires(of: element), conflicts: conflicts(of: element),
        items: items))
  }

  func rule(_ element: XMLElement, selected: Bool, weight: Double) throws -> Rule {
    Rule(
      id: try required("id", of: element), clusterID: element[attribute: "cluster-id"], selected: selected,
      severity: RuleSeverity(attribute: element[attribute: "severity"]),
      weight: weight, role: RuleRole(attribute: element[attribute: "role"]),
      version: element.firstElement(named: "version", in: namespace)?.trimmedText,
      title: text("title", of: element), description: text("description", of: element),
      idents: element.elements(named: "ident", in: namespace).map {
        Ident(system: $0[attribute: "system"] ?? "", value: $0.trimmedText)
      },
      references: element.elements(named: "reference", in: namespace).map(\.trimmedText),
      fixtext: element.firstElement(named: "fixtext", in: namespace)?.trimmedText,
      fixes: try element.elements(named: "fix", in: namespace).map {
        Fix(
          id: $0[attribute: "id"], system: $0[attribute: "system"], text: $0.text, platform: $0[attribute: "platform"],
          reboot: try boolean("reboot", of: $0) ?? false, disruption: $0[attribute: "disruption"],
          content: $0.children)
      },
      platforms: platforms(of: element), requires: requires(of: element), conflicts: conflicts(of: element),
      checks: try element.elements(named: "check", in: namespace).map(check),
      complexCheck: try element.firstElement(named: "complex-check", in: namespace).map(complexCheck),
      isMultiple: try boolean("multiple", of: element) ?? false, location: element.location)
  }

  func check(_ element: XMLElement) throws -> Check {
    Check(
      system: element[attribute: "system"] ?? "", selector: element[attribute: "selector"],
      negate: try boolean("negate", of: element) ?? false,
      multiCheck: try boolean("multi-check", of: element) ?? false,
      exports: try element.elements(named: "check-export", in: namespace).map {
        (try required("value-id", of: $0), try required("export-name", of: $0))
      },
      contentRefs: try element.elements(named: "check-content-ref", in: namespace).map {
        (try required("href", of: $0), $0[attribute: "name"])
      },
      content: element.firstElement(named: "check-content", in: namespace)?.trimmedText)
  }

  func complexCheck(_ element: XMLElement) throws -> ComplexCheck {
    let operatorText = (element[attribute: "operator"] ?? "AND").uppercased()
    guard let checkOperator = ComplexCheck.Operator(rawValue: operatorText) else {
      throw LocatedError("unknown complex-check operator '\(operatorText)'", at: element.location)
    }
    var children: [ComplexCheck.Child] = []
    for child in element.elements where child.name.namespace == namespace {
      switch child.localName {
      case "check": children.append(.check(try check(child)))
      case "complex-check": children.append(.complexCheck(try complexCheck(child)))
      default: break
      }
    }
    return ComplexCheck(
      checkOperator: checkOperator, negate: try boolean("negate", of: element) ?? false, children: children)
  }

  func profile(_ element: XMLElement) throws -> Profile {
    var setValues: [String: String] = [:]
    var refineValues: [String: String] = [:]
    var refineRules: [String: RuleRefinement] = [:]
    var selections: [(String, Bool)] = []
    for child in element.elements where child.name.namespace == namespace {
      switch child.localName {
      case "select": selections.append((try required("idref", of: child), try boolean("selected", of: child) ?? true))
      case "set-value": setValues[try required("idref", of: child)] = child.text
      case "refine-value":
        if let selector = child[attribute: "selector"] { refineValues[try required("idref", of: child)] = selector }
      case "refine-rule":
        let refinement = RuleRefinement(
          weight: try number("weight", of: child),
          severity: child[attribute: "severity"].map(RuleSeverity.init(attribute:)),
          role: child[attribute: "role"].map(RuleRole.init(attribute:)),
          selector: child[attribute: "selector"])
        let id = try required("idref", of: child)
        refineRules[id] = refineRules[id].map { $0.merged(with: refinement) } ?? refinement
      default: break
      }
    }
    return Profile(
      id: try required("id", of: element), title: text("title", of: element),
      description: text("description", of: element), extends: element[attribute: "extends"],
      isAbstract: try boolean("abstract", of: element) ?? false, selections: selections, setValues: setValues,
      refineValues: refineValues, refineRules: refineRules)
  }

  func value(_ element: XMLElement) throws -> Value {
    var bySelector: [String: String] = [:]
    for child in element.elements(named: "value", in: namespace) {
      bySelector[child[attribute: "selector"] ?? ""] = child.text
    }
    return Value(
      id: try required("id", of: element), clusterID: element[attribute: "cluster-id"],
      title: text("title", of: element),
      type: element[attribute: "type"] ?? "string", valueOperator: element[attribute: "operator"] ?? "equals",
      valuesBySelector: bySelector)
  }

  func platforms(of element: XMLElement) -> [String] {
    element.elements(named: "platform", in: namespace).compactMap { $0[attribute: "idref"] }
  }

  /// `requires idref="a b"`: the item needs one of a or b selected; several requires elements all apply.
  func requires(of element: XMLElement) -> [[String]] {
    element.elements(named: "requires", in: namespace).compactMap {
      $0[attribute: "idref"].map { $0.split(separator: " ").map(String.init) }
    }
  }

  func conflicts(of element: XMLElement) -> [String] {
    element.elements(named: "conflicts", in: namespace).compactMap { $0[attribute: "idref"] }
  }

  func text(_ name: String, of element: XMLElement) -> String {
    element.firstElement(named: name, in: namespace)?.trimmedText ?? ""
  }

  func required(_ name: String, of element: XMLElement) throws -> String {
    guard let value = element[attribute: name] else {
      throw LocatedError("'\(element.localName)' has no '\(name)' attribute", at: element.location)
    }
    return value
  }

  func boolean(_ name: String, of element: XMLElement) throws -> Bool? {
    guard let value = element[attribute: name] else { return nil }
    switch value {
    case "true", "1": return true
    case "false", "0": return false
    default: throw LocatedError("'\(name)' must be true or false, not '\(value)'", at: element.location)
    }
  }

  func number(_ name: String, of element: XMLElement) throws -> Double? {
    guard let value = element[attribute: name] else { return nil }
    guard let number = Double(value), number >= 0 else {
      throw LocatedError("'\(name)' must be a non-negative number, not '\(value)'", at: element.location)
    }
    return number
  }
}
