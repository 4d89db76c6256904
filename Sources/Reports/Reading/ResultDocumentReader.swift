import Engine
import Foundation
import OVAL
import SCAPContent
public import XMLSupport

/// Reads a scan result file into a `ResultDocument`: an ARF 1.1 report collection (Palisade's or OpenSCAP's), an
/// XCCDF `Benchmark` holding a `TestResult` (`oscap --results`, SCC, Palisade's `xccdf` format), or a lone
/// `TestResult`. Every report format is written from what this returns, so a scan's own reports and a later
/// `palisade report` of the same file agree.
public struct ResultDocumentReader {
  public init() {}

  /// Reads the result file at `path`.
  /// - Throws: `LocatedError` naming the file (and place) when it cannot be read or holds no XCCDF TestResult.
  public func read(contentsOf path: String) throws -> ResultDocument {
    let root = try XMLDocument(contentsOf: path).rootElement()
    return try read(root, path: path)
  }

  /// Reads a parsed result document; `path` names it in diagnostics and locates files it refers to.
  public func read(_ root: XMLElement, path: String) throws -> ResultDocument {
    switch (root.name.namespace, root.localName) {
    case (SCAPNamespace.arf, "asset-report-collection"):
      return try readReportCollection(root, path: path)
    case _ where SCAPDocumentKind(root) == .benchmark:
      guard let testResult = root.elements(named: "TestResult", in: root.name.namespace).last else {
        throw LocatedError("the benchmark holds no TestResult: it is content, not a result", at: root.location)
      }
      return try assemble(
        testResult: testResult, benchmark: root, benchmarkFile: path, asset: nil, path: path,
        ovalResults: besideFile(path))
    case (SCAPNamespace.xccdf12, "TestResult"), (SCAPNamespace.xccdf11, "TestResult"):
      let href = root.firstElement(named: "benchmark")?[attribute: "href"]
      let benchmarkFile = href.flatMap { Self.file($0, besides: path) }
      let benchmark = try benchmarkFile.map { try XMLDocument(contentsOf: $0).rootElement() }
      return try assemble(
        testResult: root, benchmark: benchmark, benchmarkFile: benchmarkFile ?? path, asset: nil, path: path,
        ovalResults: besideFile(path))
    default:
      throw LocatedError(
        "'\(root.localName)' is not an ARF report collection or an XCCDF result (Benchmark or TestResult)",
        at: root.location)
    }
  }

  // MARK: ARF

  private func readReportCollection(_ root: XMLElement, path: String) throws -> ResultDocument {
    var reports: [String: XMLElement] = [:]
    var reportOrder: [String] = []
    var testResult: XMLElement?
    var resultBenchmark: XMLElement?
    for report in root.firstElement(named: "reports", in: SCAPNamespace.arf)?.elements(named: "report") ?? [] {
      guard let id = report[attribute: "id"], let content = report.firstElement(named: "content")?.elements.first
      else { continue }
      reports[id] = content
      reportOrder.append(id)
      guard testResult == nil else { continue }
      if content.localName == "TestResult" {
        testResult = content
      } else if content.localName == "Benchmark", let nested = content.elements(named: "TestResult").last {
        testResult = nested
        resultBenchmark = content
      }
    }
    guard let testResult else {
      throw LocatedError("the report collection holds no XCCDF TestResult", at: root.location)
    }
    let benchmark = resultBenchmark ?? requestedBenchmark(in: root, for: testResult)
    let asset = root.firstElement(named: "assets", in: SCAPNamespace.arf)?.firstElement(named: "asset")?
      .firstElement(named: "computing-device", in: SCAPNamespace.assetIdentification)
    return try assemble(
      testResult: testResult, benchmark: benchmark, benchmarkFile: path, asset: asset, path: path,
      ovalResults: { href in
        guard href.hasPrefix("#"), let content = reports[String(href.dropFirst())],
          content.name == XMLName(OVALNamespace.results, "oval_results")
        else { return nil }
        return content
      },
      allOVALResults: reportOrder.compactMap { reports[$0] }.filter {
        $0.name == XMLName(OVALNamespace.results, "oval_results")
      })
  }

  /// The benchmark the TestResult names, from the report request: the data-stream component its `benchmark
  /// href` points at, or the request's benchmark itself.
  private func requestedBenchmark(in root: XMLElement, for testResult: XMLElement) -> XMLElement? {
    let requests = root.firstElement(named: "report-requests", in: SCAPNamespace.arf)?.elements(named: "report-request")
    let href = testResult.firstElement(named: "benchmark")?[attribute: "href"]
    let benchmarkID = testResult.firstElement(named: "benchmark")?[attribute: "id"]
    var candidates: [XMLElement] = []
    for request in requests ?? [] {
      guard let content = request.firstElement(named: "content")?.elements.first else { continue }
      if content.localName == "Benchmark" { return content }
      guard SCAPDocumentKind(content) == .dataStreamCollection else { continue }
      for component in content.elements(named: "component", in: SCAPNamespace.sourceDataStream) {
        guard let inside = component.elements.first, inside.localName == "Benchmark" else { continue }
        if let href, href == "#" + (component[attribute: "id"] ?? "") { return inside }
        candidates.append(inside)
      }
    }
    return candidates.first { $0[attribute: "id"] == benchmarkID } ?? candidates.first
  }

  // MARK: Plain XCCDF results

  /// OVAL results files `oscap --oval-results` writes beside a plain XCCDF result: `<check href>.result.xml`.
  private func besideFile(_ path: String) -> (String) -> XMLElement? {
    var cache: [String: XMLElement?] = [:]
    return { href in
      if let cached = cache[href] { return cached }
      let name = OVALResultsFileName.name(forDefinitions: href)
      let loaded = Self.file(name, besides: path).flatMap { try? XMLDocument(contentsOf: $0).rootElement() }
      cache[href] = loaded
      return loaded
    }
  }

  /// A file named relative to another file's folder, when it exists.
  static func file(_ reference: String, besides path: String) -> String? {
    guard !reference.hasPrefix("#"), !reference.contains("://") else { return nil }
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
    let candidate = URL(fileURLWithPath: reference, relativeTo: folder).path
    return FileManager.default.isReadableFile(atPath: candidate) ? candidate : nil
  }

  // MARK: Assembly

  private func assemble(
    testResult element: XMLElement, benchmark benchmarkElement: XMLElement?, benchmarkFile: String,
    asset: XMLElement?, path: String, ovalResults: (String) -> XMLElement?, allOVALResults: [XMLElement] = []
  ) throws -> ResultDocument {
    let namespace = element.name.namespace
    var setValues: [String: String] = [:]
    for setValue in element.elements(named: "set-value", in: namespace) {
      if let id = setValue[attribute: "idref"] { setValues[id] = setValue.text }
    }
    let fileName = URL(fileURLWithPath: benchmarkFile).lastPathComponent
    let benchmark = try benchmarkElement.map {
      ReportedBenchmark(try Benchmark(parsing: $0), fileName: fileName, substitutions: setValues)
    }
    var indexes: [String: OVALResultsIndex] = [:]
    var everyIndex: [OVALResultsIndex]?
    // The results the check's href names; when it names none that has the definition (a raw file name where
    // the writer did not map it to a report), any results document that has it.
    func index(_ href: String, definitionID: String) -> OVALResultsIndex? {
      if indexes[href] == nil, let results = ovalResults(href) { indexes[href] = OVALResultsIndex(results: results) }
      if let named = indexes[href], named.result(ofDefinition: definitionID) != nil { return named }
      if everyIndex == nil { everyIndex = allOVALResults.map(OVALResultsIndex.init(results:)) }
      return everyIndex?.first { $0.result(ofDefinition: definitionID) != nil } ?? indexes[href]
    }
    var findings: [Finding] = []
    for ruleResult in element.elements(named: "rule-result", in: namespace) {
      findings.append(
        finding(
          ruleResult, namespace: namespace, benchmark: benchmark, setValues: setValues,
          index: { index($0, definitionID: $1) }))
    }
    let systemInfo = indexes.values.first?.systemInfo ?? everyIndex?.first?.systemInfo ?? [:]
    let testResult = TestResultReader(element: element, asset: asset, systemInfo: systemInfo).testResult(
      setValues: setValues)
    return ResultDocument(
      sourcePath: path,
      benchmark: benchmark ?? Self.benchmark(of: findings, testResult: testResult, fileName: fileName),
      testResult: testResult, findings: findings)
  }

  private func finding(
    _ element: XMLElement, namespace: String?, benchmark: ReportedBenchmark?, setValues: [String: String],
    index: (_ href: String, _ definitionID: String) -> OVALResultsIndex?
  ) -> Finding {
    let idref = element[attribute: "idref"] ?? ""
    let rule = benchmark?.rule(idref) ?? Self.rule(fromResult: element, namespace: namespace)
    let resultText = element.firstElement(named: "result", in: namespace)?.trimmedText ?? ""
    var notes: [String] = []
    let result = RuleResultValue(rawValue: resultText) ?? .unknown
    if RuleResultValue(rawValue: resultText) == nil {
      notes.append("the result file gives the unknown result '\(resultText)'")
    }
    let checks = Self.checks(of: element, namespace: namespace)
    var exports = checks.flatMap { Self.exports(of: $0, namespace: namespace) }
    if exports.isEmpty { exports = rule.checkExports }
    let boundValues = exports.map { export in
      BoundValue(
        valueID: export.valueID, exportName: export.exportName, title: benchmark?.values[export.valueID]?.title,
        value: setValues[export.valueID] ?? benchmark?.values[export.valueID]?.defaultValue)
    }
    var definition: (id: String, result: OVALResult)?
    var evidence: [TestEvidence] = []
    for check in checks where check[attribute: "system"] == SCAPNamespace.ovalDefinitions {
      for reference in check.elements(named: "check-content-ref", in: namespace) {
        guard let href = reference[attribute: "href"], let definitionID = reference[attribute: "name"],
          let results = index(href, definitionID)
        else { continue }
        if definition == nil {
          definition = (definitionID, results.result(ofDefinition: definitionID) ?? .notEvaluated)
        }
        evidence += results.evidence(forDefinition: definitionID, exports: boundValues)
      }
    }
    return Finding(
      rule: rule, result: result, time: element[attribute: "time"],
      messages: element.elements(named: "message", in: namespace).map {
        FindingMessage(
          severity: $0[attribute: "severity"].flatMap(RuleMessage.Severity.init(rawValue:)) ?? .info,
          text: $0.trimmedText)
      },
      definition: definition, evidence: evidence, boundValues: boundValues, notes: notes,
      overrides: element.elements(named: "override", in: namespace).compactMap {
        Self.override($0, namespace: namespace)
      })
  }

  /// A rule-result `override`; nil when its results are not XCCDF results.
  static func override(_ element: XMLElement, namespace: String?) -> FindingOverride? {
    func result(_ name: String) -> RuleResultValue? {
      element.firstElement(named: name, in: namespace).flatMap { RuleResultValue(rawValue: $0.trimmedText) }
    }
    guard let oldResult = result("old-result"), let newResult = result("new-result") else { return nil }
    return FindingOverride(
      time: element[attribute: "time"] ?? "", authority: element[attribute: "authority"] ?? "",
      oldResult: oldResult, newResult: newResult,
      remark: element.firstElement(named: "remark", in: namespace)?.trimmedText ?? "")
  }

  /// A rule's (or rule result's) checks: its `check`s and those inside its `complex-check`, in document order.
  static func checks(of element: XMLElement, namespace: String?) -> [XMLElement] {
    var checks: [XMLElement] = []
    for child in element.elements where child.name.namespace == namespace {
      switch child.localName {
      case "check": checks.append(child)
      case "complex-check": checks += Self.checks(of: child, namespace: namespace)
      default: break
      }
    }
    return checks
  }

  /// A check's `check-export`s: value id and export name.
  static func exports(of check: XMLElement, namespace: String?) -> [(valueID: String, exportName: String)] {
    check.elements(named: "check-export", in: namespace).compactMap { export in
      guard let valueID = export[attribute: "value-id"], let name = export[attribute: "export-name"] else {
        return nil
      }
      return (valueID, name)
    }
  }

  /// A rule known only from its result, when the result file does not carry the benchmark.
  private static func rule(fromResult element: XMLElement, namespace: String?) -> ReportedRule {
    let idref = element[attribute: "idref"] ?? ""
    return ReportedRule(
      id: idref, groupID: nil, groupTitle: nil, version: element[attribute: "version"],
      title: XCCDFIdentifier.shortForm(of: idref), severity: RuleSeverity(attribute: element[attribute: "severity"]),
      weight: element[attribute: "weight"] ?? "1.0", discussion: RuleDiscussion(description: ""), checkContent: nil,
      checkReference: nil, fixText: nil, fixID: nil,
      idents: element.elements(named: "ident", in: namespace).map {
        ReportedIdent(system: $0[attribute: "system"] ?? "", value: $0.trimmedText)
      },
      references: [])
  }

  /// A benchmark made of what the TestResult says, for a lone TestResult whose benchmark is not at hand.
  private static func benchmark(of findings: [Finding], testResult: ReportedTestResult, fileName: String)
    -> ReportedBenchmark
  {
    let id = testResult.benchmarkID ?? "unknown-benchmark"
    return ReportedBenchmark(
      id: id, title: XCCDFIdentifier.shortForm(of: id), description: "", version: "", statusDate: nil,
      releaseInfo: nil, noticeID: nil, source: nil, fileName: fileName, rules: findings.map(\.rule), values: [:])
  }
}

extension ResultDocumentReader {
  /// Reads a DISA STIG benchmark (the manual XCCDF from DISA's STIG library, or any XCCDF benchmark) whose
  /// official texts `ResultDocument.mergingSTIG(_:)` lays over a result.
  /// - Throws: `LocatedError` naming the file when it is not an XCCDF benchmark.
  public func readSTIG(contentsOf path: String) throws -> ReportedBenchmark {
    let root = try XMLDocument(contentsOf: path).rootElement()
    return ReportedBenchmark(try Benchmark(parsing: root), fileName: URL(fileURLWithPath: path).lastPathComponent)
  }
}
