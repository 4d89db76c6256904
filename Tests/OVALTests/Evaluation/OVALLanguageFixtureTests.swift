import Foundation
import TestSupport
import Testing
import XMLSupport

@testable import OVAL

/// Our own OVAL language fixtures (Tests/OVALTests/Fixtures): functions, datatypes with their operations, criteria
/// operators, extend_definition, entity_check and var_check, in the style of MITRE's language tests: every
/// definition is true when the specification is followed, and each mixes checks that must hold with negated checks
/// that must not, so a wrong answer in either direction turns a definition false. The values come from variables,
/// so nothing is read from a host. `recorded-oval.xml` is analysed against the items of `recorded-syschar.xml`
/// instead (package versions, a case-insensitive comparison, checks over several items, an object recorded as not
/// existing), as `oval analyse` does. oscap gives the same answers on the same files.
@Suite struct OVALLanguageFixtureTests {
  static let fixtures = ["functions-oval.xml", "datatypes-oval.xml", "logic-oval.xml"]

  static func definitions(_ fixture: String) throws -> OVALDefinitions {
    let path = ProjectPaths.fixture("OVALTests", fixture)
    return try OVALDefinitions(parsing: try XMLDocument(contentsOf: path).rootElement(), path: path)
  }

  @Test(arguments: fixtures, [OVALSemantics.openSCAP, .specification])
  func everyDefinitionIsTrue(fixture: String, semantics: OVALSemantics) async throws {
    let definitions = try Self.definitions(fixture)
    let evaluator = OVALEvaluator(definitions: definitions, collector: CountingCollector([:]), semantics: semantics)
    let results = await evaluator.evaluateAll()
    #expect(!results.isEmpty && results.count == definitions.definitions.count)
    let titles = Dictionary(uniqueKeysWithValues: definitions.definitions.map { ($0.id, $0.title) })
    for (id, result) in results {
      #expect(result == .true, "\(fixture) \(id) (\(titles[id] ?? "")): \(result)")
    }
  }

  @Test(.enabled(if: Prerequisites.oscap != nil, "needs oscap (openscap-scanner)"), arguments: fixtures)
  func oscapFindsEveryDefinitionTrueToo(fixture: String) throws {
    let oscap = try #require(Prerequisites.oscap)
    let run = try CommandRun.run(oscap, ["oval", "eval", ProjectPaths.fixture("OVALTests", fixture)])
    #expect(run.status == 0, "\(run.output)")
    let printed = run.standardOutput.split(separator: "\n").filter { $0.hasPrefix("Definition ") }
    #expect(printed.count == (try Self.definitions(fixture)).definitions.count, "\(run.output)")
    #expect(printed.allSatisfy { $0.hasSuffix(": true") }, "\(printed)")
  }

  @Test(arguments: [OVALSemantics.openSCAP, .specification])
  func everyDefinitionIsTrueAnalysedAgainstRecordedItems(semantics: OVALSemantics) async throws {
    let definitions = try Self.definitions("recorded-oval.xml")
    let syschar = ProjectPaths.fixture("OVALTests", "recorded-syschar.xml")
    let recorded = try SystemCharacteristics(parsing: try XMLDocument(contentsOf: syschar).rootElement())
    let collector = CountingCollector([:])
    let evaluator = OVALEvaluator(
      definitions: definitions, collector: collector, recorded: recorded, semantics: semantics)
    let results = await evaluator.evaluateAll()
    #expect(results.count == definitions.definitions.count)
    for (id, result) in results {
      #expect(result == .true, "\(id): \(result)")
    }
    #expect(await collector.requests.isEmpty, "recorded items are analysed, nothing is collected")
  }

  @Test(.enabled(if: Prerequisites.oscap != nil, "needs oscap (openscap-scanner)"))
  func oscapAnalysesTheRecordedItemsAlike() throws {
    let oscap = try #require(Prerequisites.oscap)
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let results = folder.url.appendingPathComponent("results.xml").path
    let run = try CommandRun.run(
      oscap,
      [
        "oval", "analyse", "--results", results, ProjectPaths.fixture("OVALTests", "recorded-oval.xml"),
        ProjectPaths.fixture("OVALTests", "recorded-syschar.xml"),
      ])
    #expect(run.status == 0, "\(run.output)")
    let decided = try XMLDocument(contentsOf: results).elements(
      matching: "//r:results//r:definition", namespaces: ["r": "http://oval.mitre.org/XMLSchema/oval-results-5"])
    #expect(decided.count == (try Self.definitions("recorded-oval.xml")).definitions.count)
    #expect(decided.allSatisfy { $0[attribute: "result"] == "true" }, "\(decided.map { $0[attribute: "result"] })")
  }
}
