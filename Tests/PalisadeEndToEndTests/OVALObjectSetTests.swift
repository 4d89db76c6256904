import Foundation
import TestSupport
import Testing
import XMLSupport

/// OVAL sets over objects that collect the same files (OVAL 5.11.2 specification, SetElement): a file several objects
/// collect is one item of the system characteristics, which each object references, and the set operators work on
/// those items.
@Suite struct OVALObjectSetTests {
  static let content = ProjectPaths.packageRoot
    .appendingPathComponent("Tests/PalisadeEndToEndTests/Fixtures/overlapping-file-sets-oval.xml").path
  static let systemCharacteristics = "http://oval.mitre.org/XMLSchema/oval-system-characteristics-5"

  /// Freshly made folders: the first read of each moves its access time, as on a host where nothing read them since
  /// they last changed.
  static func host() throws -> FakeHost {
    let host = try FakeHost()
    try host.write("/srv/sets/txt/txtfile/build.txt", "x\n")
    try FileManager.default.createDirectory(
      at: host.root.appendingPathComponent("srv/sets/txt/txtfile/subtxtfile"), withIntermediateDirectories: true)
    return host
  }

  @Test func intersectionComplementAndUnionOfOverlappingObjects() throws {
    let host = try Self.host()
    defer { host.remove() }
    let output = try TemporaryFolder()
    defer { output.remove() }
    let results = output.url.appendingPathComponent("results.xml").path
    let run = try CommandRun.run(
      ProjectPaths.palisade, ["oval", "eval", "--root", host.root.path, "--results", results, Self.content])
    #expect(run.status == 0, "\(run.standardError)")
    #expect(
      run.standardOutput
        == "Definition oval:t:def:1: true\nDefinition oval:t:def:2: true\nDefinition oval:t:def:3: true\n")

    let document = try XMLDocument(contentsOf: results)
    let namespaces = ["sc": Self.systemCharacteristics]
    let pathByItem = Dictionary(
      uniqueKeysWithValues: try document.elements(matching: "//sc:system_data/*", namespaces: namespaces).map {
        ($0[attribute: "id"] ?? "", $0.elements.first { $0.localName == "path" }?.text ?? "")
      })
    #expect(pathByItem.count == 3, "one item per folder: \(pathByItem)")
    var paths: [String: [String]] = [:]
    for object in try document.elements(matching: "//sc:collected_objects/sc:object", namespaces: namespaces) {
      paths[object[attribute: "id"] ?? ""] = object.elements(named: "reference", in: Self.systemCharacteristics).map {
        pathByItem[$0[attribute: "item_ref"] ?? ""] ?? "missing item"
      }.sorted()
    }
    let top = "/srv/sets/txt"
    let below = ["/srv/sets/txt/txtfile", "/srv/sets/txt/txtfile/subtxtfile"]
    #expect(paths["oval:t:obj:1"] == [top] + below)
    #expect(paths["oval:t:obj:2"] == below)
    #expect(paths["oval:t:obj:3"] == below)
    #expect(paths["oval:t:obj:4"] == [top])
    #expect(paths["oval:t:obj:5"] == [top] + below)
  }
}
