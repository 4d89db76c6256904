public import XMLSupport

/// An XCCDF benchmark (1.1 or 1.2), loaded once into immutable values.
public struct Benchmark: Sendable {
  public let id: String
  /// The XCCDF namespace the benchmark was written in.
  public let namespace: String
  public let title: String
  public let version: String
  public let status: String?
  public let profiles: [Profile]
  public let values: [String: Value]
  /// Every rule, in document order.
  public let rules: [Rule]
  /// Groups and rules as nested in the document, for scoring.
  public let items: [BenchmarkItem]
  public let location: SourceLocation

  public init(
    id: String, namespace: String, title: String, version: String, status: String?, profiles: [Profile],
    values: [String: Value], items: [BenchmarkItem], location: SourceLocation
  ) {
    self.id = id
    self.namespace = namespace
    self.title = title
    self.version = version
    self.status = status
    self.profiles = profiles
    self.values = values
    self.items = items
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
}

/// A group or a rule, as nested in a benchmark.
public enum BenchmarkItem: Sendable {
  case group(Group)
  case rule(Rule)
}

/// An XCCDF group.
public struct Group: Sendable {
  public let id: String
  public let title: String
  /// The group's own `selected` attribute.
  public let selected: Bool
  public let weight: Double
  public let items: [BenchmarkItem]
}

/// An XCCDF profile: a tailoring of rule selection and value settings.
public struct Profile: Sendable {
  public let id: String
  public let title: String
  public let description: String
  /// Selections in document order: item id and whether it is selected.
  public let selections: [(idref: String, selected: Bool)]
  /// `set-value`: value id to value.
  public let setValues: [String: String]
  /// `refine-value`: value id to selector.
  public let refineValues: [String: String]
}

/// An XCCDF value: a parameter of the benchmark, bound to check-system variables by `check-export`.
public struct Value: Sendable {
  public let id: String
  public let title: String
  public let type: String
  /// Values by selector; the unselected (default) value has the empty selector.
  public let valuesBySelector: [String: String]

  /// The value under a selector, falling back to the default.
  public func value(selector: String?) -> String? {
    selector.flatMap { valuesBySelector[$0] } ?? valuesBySelector[""]
  }
}

/// An XCCDF rule.
public struct Rule: Sendable {
  public let id: String
  /// The rule's own `selected` attribute; a rule runs only when its groups are selected too.
  public let selected: Bool
  public let severity: String
  public let weight: Double
  public let role: String
  public let version: String?
  public let title: String
  public let description: String
  public let idents: [Ident]
  public let references: [String]
  public let fixtext: String?
  public let checks: [Check]
  public let location: SourceLocation
}

/// An identifier of a rule in another system, such as a CCI.
public struct Ident: Sendable, Hashable {
  public let system: String
  public let value: String
}

/// How a rule is checked.
public struct Check: Sendable {
  public let system: String
  public let selector: String?
  public let negate: Bool
  public let multiCheck: Bool
  /// `check-export`: value id to exported variable name.
  public let exports: [(valueID: String, exportName: String)]
  /// `check-content-ref`: document href and, optionally, the definition name.
  public let contentRefs: [(href: String, name: String?)]
  /// `check-content`: text for a person (a manual check).
  public let content: String?
}
