public import XMLSupport

/// A CPE applicability-language platform: a logical test over CPE names and checks
/// (NIST IR 7698, CPE Applicability Language 2.3).
public struct CPEPlatform: Sendable {
  public let id: String
  public let title: String
  public let test: CPELogicalTest

  public init(id: String, title: String, test: CPELogicalTest) {
    self.id = id
    self.title = title
    self.test = test
  }

  /// Loads a `cpe-lang:platform` element.
  public init(parsing element: XMLElement) throws {
    guard let id = element[attribute: "id"] else {
      throw LocatedError("'platform' has no 'id' attribute", at: element.location)
    }
    guard let test = element.firstElement(named: "logical-test") else {
      throw LocatedError("platform '\(id)' has no logical-test", at: element.location)
    }
    self.init(
      id: id, title: element.firstElement(named: "title")?.trimmedText ?? "", test: try CPELogicalTest(parsing: test))
  }
}

/// A logical test: AND or OR over facts and nested tests, possibly negated.
public struct CPELogicalTest: Sendable {
  public enum Operator: String, Sendable { case and = "AND", or = "OR" }

  public indirect enum Term: Sendable {
    /// A CPE name, true when it matches the target (through the dictionary's check).
    case factRef(name: String)
    /// A check evaluated directly: its system, document href and definition id.
    case checkFactRef(system: String, href: String, idRef: String)
    case test(CPELogicalTest)
  }

  public let testOperator: Operator
  public let negate: Bool
  public let terms: [Term]

  public init(testOperator: Operator, negate: Bool, terms: [Term]) {
    self.testOperator = testOperator
    self.negate = negate
    self.terms = terms
  }

  init(parsing element: XMLElement) throws {
    let operatorText = (element[attribute: "operator"] ?? "AND").uppercased()
    guard let parsedOperator = Operator(rawValue: operatorText) else {
      throw LocatedError("unknown logical-test operator '\(operatorText)'", at: element.location)
    }
    var terms: [Term] = []
    for child in element.elements {
      switch child.localName {
      case "logical-test": terms.append(.test(try CPELogicalTest(parsing: child)))
      case "fact-ref":
        guard let name = child[attribute: "name"] else {
          throw LocatedError("'fact-ref' has no 'name' attribute", at: child.location)
        }
        terms.append(.factRef(name: name))
      case "check-fact-ref":
        guard let system = child[attribute: "system"], let href = child[attribute: "href"],
          let idRef = child[attribute: "id-ref"]
        else { throw LocatedError("'check-fact-ref' needs system, href and id-ref", at: child.location) }
        terms.append(.checkFactRef(system: system, href: href, idRef: idRef))
      default:
        break
      }
    }
    self.init(
      testOperator: parsedOperator, negate: ["true", "1"].contains(element[attribute: "negate"] ?? "false"),
      terms: terms)
  }
}
