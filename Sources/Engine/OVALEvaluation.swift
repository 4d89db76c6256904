import Foundation
public import OVAL
import SCAPContent
import XMLSupport

/// `oval eval` and `oval analyse`: every definition of an OVAL document (or the chosen ones) against a system, or
/// against a recorded system-characteristics document.
public struct OVALEvaluation: Sendable {
  public let definitionsPath: String
  /// Definition ids to evaluate; all of them, in document order, when empty.
  public let definitionIDs: [String]
  public let variablesPath: String?
  public let collector: any ObjectCollector
  public let systemCharacteristicsPath: String?
  public let semantics: OVALSemantics

  public init(
    definitionsPath: String, definitionIDs: [String] = [], variablesPath: String? = nil,
    collector: any ObjectCollector, systemCharacteristicsPath: String? = nil, semantics: OVALSemantics = .openSCAP
  ) {
    self.definitionsPath = definitionsPath
    self.definitionIDs = definitionIDs
    self.variablesPath = variablesPath
    self.collector = collector
    self.systemCharacteristicsPath = systemCharacteristicsPath
    self.semantics = semantics
  }

  /// Loads the documents, evaluates, and returns the run with each definition's result in order.
  /// - Throws: `LocatedError` for unreadable or malformed documents, `ScanError` for an unknown definition id.
  public func run() async throws -> (
    run: OVALRun, results: [(id: String, result: OVALResult)], recorded: SystemCharacteristics?
  ) {
    let root = try XMLDocument(contentsOf: definitionsPath).rootElement()
    let definitionsElement: XMLElement
    if SCAPDocumentKind(root) == .dataStreamCollection {
      let collection = try SourceDataStreamCollection(parsing: root, path: definitionsPath)
      guard let definitions = collection.firstOVALDefinitions else {
        throw ScanError("\(definitionsPath) holds no OVAL definitions component")
      }
      definitionsElement = definitions
    } else {
      definitionsElement = root
    }
    let definitions = try RunStatistics.measure("load definitions") {
      try OVALDefinitions(parsing: definitionsElement, path: definitionsPath)
    }
    for id in definitionIDs where definitions.definition(id) == nil {
      throw ScanError("no definition '\(id)' in \(definitionsPath)")
    }
    let variables = try variablesPath.map { try OVALVariables(parsing: try XMLDocument(contentsOf: $0).rootElement()) }
    let recorded = try systemCharacteristicsPath.map {
      try SystemCharacteristics(parsing: try XMLDocument(contentsOf: $0).rootElement())
    }
    let evaluator = OVALEvaluator(
      definitions: definitions, collector: collector, externalVariables: variables?.values ?? [:], recorded: recorded,
      semantics: semantics)
    let results = await RunStatistics.measure("evaluate") {
      if definitionIDs.isEmpty { return await evaluator.evaluateAll() }
      var results: [(id: String, result: OVALResult)] = []
      for id in definitionIDs { results.append((id, await evaluator.evaluate(definitionID: id))) }
      return results
    }
    let run = OVALRun(href: definitionsPath, definitions: definitions, record: evaluator.record)
    return (run, results, recorded)
  }
}
