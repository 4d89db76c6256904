public import XMLSupport

/// An XCCDF benchmark (1.1 or 1.2), loaded once into immutable values.
public struct Benchmark: Sendable {
  public let id: String
  /// The XCCDF namespace the benchmark was written in.
  public let namespace: String
  public let title: String
  public let description: String
  public let version: String
  public let status: String?
  /// Platform ids (CPE names, or `#id` of an applicability-language platform) of which one must apply.
  public let platforms: [String]
  /// Applicability-language platforms declared inside the benchmark, by id.
  public let platformSpecification: [String: CPEPlatform]
  public let profiles: [Profile]
  public let values: [String: Value]
  /// The scoring models the benchmark asks for (`model system=...`); the default model when it names none.
  public let scoringModels: [String]
  /// Every rule, in document order.
  public let rules: [Rule]
  /// Groups and rules as nested in the document, for selection, applicability and scoring.
  public let items: [BenchmarkItem]
  /// The element as parsed, written back into XCCDF results.
  public let source: XMLElement
  public let location: SourceLocation

  public init(
    id: String, namespace: String, title: String, description: String = "", version: String, status: String?,
    platforms: [String] = [], platformSpecification: [String: CPEPlatform] = [:], profiles: [Profile],
    values: [String: Value], scoringModels: [String] = [], items: [BenchmarkItem],
    source: XMLElement = XMLElement(name: XMLName(nil, "Benchmark")), location: SourceLocation
  ) {
    self.id = id
    self.namespace = namespace
    self.title = title
    self.description = description
    self.version = version
    self.status = status
    self.platforms = platforms
    self.platformSpecification = platformSpecification
    self.profiles = profiles
    self.values = values
    self.scoringModels = scoringModels.isEmpty ? ["urn:xccdf:scoring:default"] : scoringModels
    self.items = items
    self.source = source
    self.location = location
    var rules: [Rule] = []
    func gather(_ items: [BenchmarkItem]) {
      for item in items {
        switch item {
        case .rule(let rule): rules.append(rule)
        case .group(let group): gather(group.items)
        }
      }
    }
    gather(items)
    self.rules = rules
  }

  /// The profile with the given id.
  public func profile(_ id: String) -> Profile? {
    profiles.first { $0.id == id }
  }

  /// The rule with the given id.
  public func rule(_ id: String) -> Rule? {
    rules.first { $0.id == id }
  }
}

/// A group or a rule, as nested in a benchmark.
public enum BenchmarkItem: Sendable {
  case group(Group)
  case rule(Rule)

  public var id: String {
    switch self {
    case .group(let group): group.id
    case .rule(let rule): rule.id
    }
  }
}

/// An XCCDF group.
public struct Group: Sendable {
  public let id: String
  /// The `cluster-id` profiles may select by.
  public let clusterID: String?
  public let title: String
  public let description: String
  /// The group's own `selected` attribute.
  public let selected: Bool
  public let weight: Double
  public let platforms: [String]
  /// Ids of items that must be selected for this one to be (each inner list: any one of them).
  public let requires: [[String]]
  /// Ids of items that, when selected, unselect this one.
  public let conflicts: [String]
  public let items: [BenchmarkItem]
}

/// An XCCDF profile: a tailoring of rule selection, values and rule properties.
public struct Profile: Sendable {
  public let id: String
  public let title: String
  public let description: String
  /// The profile this one extends, whose settings apply first.
  public let extends: String?
  public let isAbstract: Bool
  /// Selections in document order: item id and whether it is selected.
  public let selections: [(idref: String, selected: Bool)]
  /// `set-value`: value id to value.
  public let setValues: [String: String]
  /// `refine-value`: value id to selector.
  public let refineValues: [String: String]
  /// `refine-rule`: rule (or group) id to the properties it overrides.
  public let refineRules: [String: RuleRefinement]

  public init(
    id: String, title: String, description: String, extends: String? = nil, isAbstract: Bool = false,
    selections: [(idref: String, selected: Bool)], setValues: [String: String], refineValues: [String: String],
    refineRules: [String: RuleRefinement] = [:]
  ) {
    self.id = id
    self.title = title
    self.description = description
    self.extends = extends
    self.isAbstract = isAbstract
    self.selections = selections
    self.setValues = setValues
    self.refineValues = refineValues
    self.refineRules = refineRules
  }
}

/// What a profile's `refine-rule` changes: weight, severity, role and check selector.
public struct RuleRefinement: Sendable {
  public let weight: Double?
  public let severity: RuleSeverity?
  public let role: RuleRole?
  public let selector: String?

  public init(weight: Double?, severity: RuleSeverity?, role: RuleRole?, selector: String?) {
    self.weight = weight
    self.severity = severity
    self.role = role
    self.selector = selector
  }

  /// This refinement with `later`'s settings on top.
  public func merged(with later: RuleRefinement) -> RuleRefinement {
    RuleRefinement(
      weight: later.weight ?? weight, severity: later.severity ?? severity, role: later.role ?? role,
      selector: later.selector ?? selector)
  }
}

/// An XCCDF value: a parameter of the benchmark, bound to check-system variables by `check-export`.
public struct Value: Sendable {
  public let id: String
  /// The `cluster-id` profiles may refine by.
  public let clusterID: String?
  public let title: String
  /// `string`, `number` or `boolean`.
  public let type: String
  public let valueOperator: String
  /// Values by selector; the unselected (default) value has the empty selector.
  public let valuesBySelector: [String: String]

  public init(
    id: String, clusterID: String? = nil, title: String, type: String, valueOperator: String = "equals",
    valuesBySelector: [String: String]
  ) {
    self.id = id
    self.clusterID = clusterID
    self.title = title
    self.type = type
    self.valueOperator = valueOperator
    self.valuesBySelector = valuesBySelector
  }

  /// The value under a selector, falling back to the default.
  public func value(selector: String?) -> String? {
    selector.flatMap { valuesBySelector[$0] } ?? valuesBySelector[""]
  }
}

/// An XCCDF rule.
public struct Rule: Sendable {
  public let id: String
  /// The `cluster-id` profiles may select by.
  public let clusterID: String?
  /// The rule's own `selected` attribute; a rule runs only when its groups are selected too.
  public let selected: Bool
  public let severity: RuleSeverity
  public let weight: Double
  public let role: RuleRole
  public let version: String?
  public let title: String
  public let description: String
  public let idents: [Ident]
  public let references: [String]
  public let fixtext: String?
  public let fixes: [Fix]
  public let platforms: [String]
  public let requires: [[String]]
  public let conflicts: [String]
  public let checks: [Check]
  public let complexCheck: ComplexCheck?
  /// Whether the rule may be checked several times, once per definition (`multiple` attribute).
  public let isMultiple: Bool
  public let location: SourceLocation
}

/// An identifier of a rule in another system, such as a CCI.
public struct Ident: Sendable, Hashable {
  public let system: String
  public let value: String
}

/// A fix script or procedure attached to a rule.
public struct Fix: Sendable {
  public let id: String?
  public let system: String?
  public let text: String
  /// The platform (CPE name or `#id`) the fix is for, when it names one.
  public let platform: String?
  /// Whether applying the fix needs a reboot (`reboot`, false when absent).
  public let reboot: Bool
  /// `disruption`: `unknown`, `low`, `medium` or `high`; nil when absent.
  public let disruption: String?
  /// The element's children as written: text, comments and `sub` (or other) elements, for substitution.
  public let content: [XMLNode]

  public init(
    id: String?, system: String?, text: String, platform: String? = nil, reboot: Bool = false,
    disruption: String? = nil, content: [XMLNode]? = nil
  ) {
    self.id = id
    self.system = system
    self.text = text
    self.platform = platform
    self.reboot = reboot
    self.disruption = disruption
    self.content = content ?? [.text(text)]
  }
}

/// How a rule is checked.
public struct Check: Sendable {
  /// The check system's URI; empty when the check names none, as the XCCDF results of DISA's SCC and of STIG Manager
  /// write their `check` elements. No check engine takes such a check, so its rule is `notchecked`, as with oscap.
  public let system: String
  public let selector: String?
  public let negate: Bool
  public let multiCheck: Bool
  /// `check-export`: value id to exported variable name.
  public let exports: [(valueID: String, exportName: String)]
  /// `check-content-ref`: document href and, optionally, the definition name; the first that resolves is used.
  public let contentRefs: [(href: String, name: String?)]
  /// `check-content`: text for a person (a manual check).
  public let content: String?
}

/// A boolean combination of checks (XCCDF 1.2 specification, section 6.4.4.4).
public struct ComplexCheck: Sendable {
  public enum Operator: String, Sendable { case and = "AND", or = "OR" }

  public indirect enum Child: Sendable {
    case check(Check)
    case complexCheck(ComplexCheck)
  }

  public let checkOperator: Operator
  public let negate: Bool
  public let children: [Child]
}
