import Foundation
import SCAPContent
import XMLSupport

/// Reads an XCCDF 1.1 or 1.2 `Benchmark` element into what reports show of it: DISA's manual benchmarks
/// (1.1, short ids), data-stream benchmarks (1.2) and SCC's result files alike.
struct BenchmarkReader {
  /// Values in force during the scan, for the `sub` elements in rule texts.
  let substitutions: [String: String]

  init(substitutions: [String: String] = [:]) {
    self.substitutions = substitutions
  }

  /// - Parameter fileName: the file the benchmark was read from, for the checklist's `filename`.
  /// - Throws: `LocatedError` when the element is not an XCCDF benchmark.
  func benchmark(from element: XMLElement, fileName: String) throws -> ReportedBenchmark {
    guard element.localName == "Benchmark", let namespace = element.name.namespace,
      [SCAPNamespace.xccdf12, SCAPNamespace.xccdf11].contains(namespace)
    else {
      throw LocatedError("expected an XCCDF 'Benchmark' element, found '\(element.localName)'", at: element.location)
    }
    guard let id = element[attribute: "id"] else {
      throw LocatedError("'Benchmark' has no 'id' attribute", at: element.location)
    }
    var rules: [ReportedRule] = []
    var values: [String: ReportedValue] = [:]
    gather(element, namespace: namespace, group: nil, rules: &rules, values: &values)
    let reference = element.firstElement(named: "reference", in: namespace)
    return ReportedBenchmark(
      id: id, title: text("title", of: element, namespace: namespace),
      description: text("description", of: element, namespace: namespace),
      version: element.firstElement(named: "version", in: namespace)?.trimmedText ?? "",
      statusDate: element.elements(named: "status", in: namespace).last?[attribute: "date"],
      releaseInfo: element.elements(named: "plain-text", in: namespace).first { $0[attribute: "id"] == "release-info" }?
        .trimmedText,
      noticeID: element.firstElement(named: "notice", in: namespace)?[attribute: "id"],
      source: reference?.firstElement(named: "source")?.trimmedText, fileName: fileName, rules: rules, values: values)
  }

  private func gather(
    _ parent: XMLElement, namespace: String, group: XMLElement?, rules: inout [ReportedRule],
    values: inout [String: ReportedValue]
  ) {
    for child in parent.elements where child.name.namespace == namespace {
      switch child.localName {
      case "Group":
        gather(child, namespace: namespace, group: child, rules: &rules, values: &values)
      case "Rule":
        if let rule = rule(child, namespace: namespace, group: group) { rules.append(rule) }
      case "Value":
        guard let id = child[attribute: "id"] else { continue }
        let plainValue = child.elements(named: "value", in: namespace).first { $0[attribute: "selector"] == nil }
        values[id] = ReportedValue(
          id: id, title: text("title", of: child, namespace: namespace),
          description: text("description", of: child, namespace: namespace), defaultValue: plainValue?.text)
      default:
        break
      }
    }
  }

  private func rule(_ element: XMLElement, namespace: String, group: XMLElement?) -> ReportedRule? {
    guard let id = element[attribute: "id"] else { return nil }
    // The check the reports name is the first OVAL one (or the first at all); the text a reviewer reads is the
    // first check content, such as DISA's manual check or a manual review that complements the OVAL check.
    let checks = ResultDocumentReader.checks(of: element, namespace: namespace)
    let check = checks.first { $0[attribute: "system"] == SCAPNamespace.ovalDefinitions } ?? checks.first
    let contentRef = check?.firstElement(named: "check-content-ref", in: namespace)
    let checkContent = checks.lazy.compactMap { $0.firstElement(named: "check-content", in: namespace) }.first
    let fixText = element.firstElement(named: "fixtext", in: namespace)
    return ReportedRule(
      id: id, groupID: group?[attribute: "id"],
      groupTitle: group.map { text("title", of: $0, namespace: namespace) },
      version: element.firstElement(named: "version", in: namespace)?.trimmedText,
      title: text("title", of: element, namespace: namespace),
      severity: RuleSeverity(attribute: element[attribute: "severity"]),
      weight: element[attribute: "weight"] ?? "1.0",
      discussion: RuleDiscussion(description: descriptionText(of: element, namespace: namespace)),
      checkContent: checkContent.map { XCCDFText.plainText(of: $0, substitutions: substitutions) },
      checkReference: contentRef.flatMap { reference in
        reference[attribute: "href"].map { ($0, reference[attribute: "name"]) }
      },
      checkExports: checks.flatMap { ResultDocumentReader.exports(of: $0, namespace: namespace) },
      fixText: fixText.map { XCCDFText.plainText(of: $0, substitutions: substitutions) },
      fixID: fixText?[attribute: "fixref"],
      idents: element.elements(named: "ident", in: namespace).map {
        ReportedIdent(system: $0[attribute: "system"] ?? "", value: $0.trimmedText)
      },
      references: element.elements(named: "reference", in: namespace).map(reference))
  }

  /// A rule's description; DISA's escaped `<VulnDiscussion>` markup arrives here as text and is split later.
  private func descriptionText(of element: XMLElement, namespace: String) -> String {
    guard let description = element.firstElement(named: "description", in: namespace) else { return "" }
    return XCCDFText.plainText(of: description, substitutions: substitutions)
  }

  private func reference(_ element: XMLElement) -> ReportedReference {
    let dublinCore = SCAPNamespace.dublinCore
    if let title = element.firstElement(named: "title", in: dublinCore) {
      return ReportedReference(
        href: element[attribute: "href"], text: title.trimmedText,
        identifier: element.firstElement(named: "identifier", in: dublinCore)?.trimmedText)
    }
    return ReportedReference(href: element[attribute: "href"], text: element.trimmedText)
  }

  private func text(_ name: String, of element: XMLElement, namespace: String) -> String {
    element.firstElement(named: name, in: namespace).map { XCCDFText.plainText(of: $0, substitutions: substitutions) }
      ?? ""
  }
}
