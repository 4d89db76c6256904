import Engine
import SCAPContent
import Testing
import XMLSupport

/// Choosing the data stream and the benchmark of a collection that holds several (oscap's `--datastream-id`,
/// `--xccdf-id` and `--benchmark-id`): the first data stream and its first benchmark unless told otherwise, a
/// checklist found by its component-ref id or its benchmark's id, and a clear error for an id the collection lacks.
@Suite struct DataStreamSelectionTests {
  /// Two data streams: `one` with the benchmarks `a` and `b`, `two` with the benchmark `c`. Each benchmark has one
  /// rule named after it, with a manual check, so nothing is read from a host.
  static let collection = """
    <ds:data-stream-collection xmlns:ds="http://scap.nist.gov/schema/scap/source/1.2"
        xmlns:xlink="http://www.w3.org/1999/xlink" id="scap_t_collection_c" schematron-version="1.3">
      <ds:data-stream id="scap_t_datastream_one" scap-version="1.3" use-case="OTHER">
        <ds:checklists>
          <ds:component-ref id="scap_t_cref_a" xlink:href="#scap_t_comp_a"/>
          <ds:component-ref id="scap_t_cref_b" xlink:href="#scap_t_comp_b"/>
        </ds:checklists>
      </ds:data-stream>
      <ds:data-stream id="scap_t_datastream_two" scap-version="1.3" use-case="OTHER">
        <ds:checklists><ds:component-ref id="scap_t_cref_c" xlink:href="#scap_t_comp_c"/></ds:checklists>
      </ds:data-stream>
      \(benchmark("a"))
      \(benchmark("b"))
      \(benchmark("c"))
    </ds:data-stream-collection>
    """

  static func benchmark(_ name: String) -> String {
    """
    <ds:component id="scap_t_comp_\(name)" timestamp="2026-01-01T00:00:00">
      <Benchmark xmlns="http://checklists.nist.gov/xccdf/1.2" id="xccdf_t_benchmark_\(name)" resolved="1">
        <status>draft</status><title>\(name)</title><version>1</version>
        <Rule id="xccdf_t_rule_\(name)" selected="true"><title>\(name)</title>
          <check system="http://scap.nist.gov/schema/ocil/2"><check-content>Look.</check-content></check>
        </Rule>
      </Benchmark>
    </ds:component>
    """
  }

  /// The ids of the rules a scan gave results for.
  static func scannedRules(dataStream: String? = nil, checklist: String? = nil) async throws -> [String] {
    let document = try SCAPDocument(
      parsing: try XMLDocument(parsing: collection, path: "multi-ds.xml").rootElement(), path: "multi-ds.xml")
    let request = ScanRequest(
      document: document, dataStreamID: dataStream, checklistID: checklist,
      collector: XCCDFFeatureTests.NoHost(), target: ScannerTests.target)
    return try await Scanner().scan(request).ruleResults.map(\.rule.id)
  }

  @Test(
    arguments: [
      (nil, nil, "xccdf_t_rule_a"), ("scap_t_datastream_two", nil, "xccdf_t_rule_c"),
      (nil, "scap_t_cref_b", "xccdf_t_rule_b"), (nil, "xccdf_t_benchmark_b", "xccdf_t_rule_b"),
      (nil, "xccdf_t_benchmark_c", "xccdf_t_rule_c"), ("scap_t_datastream_two", "scap_t_cref_c", "xccdf_t_rule_c"),
    ] as [(String?, String?, String)])
  func theChosenBenchmarkIsScanned(dataStream: String?, checklist: String?, rule: String) async throws {
    #expect(try await Self.scannedRules(dataStream: dataStream, checklist: checklist) == [rule])
  }

  @Test(
    arguments: [
      ("scap_t_datastream_three", nil, "no data stream 'scap_t_datastream_three' in multi-ds.xml"),
      ("scap_t_datastream_two", "scap_t_cref_a", "no benchmark or checklist 'scap_t_cref_a' in data stream"),
    ] as [(String?, String?, String)])
  func anIdTheCollectionLacksIsAnError(dataStream: String?, checklist: String?, message: String) async throws {
    await #expect {
      _ = try await Self.scannedRules(dataStream: dataStream, checklist: checklist)
    } throws: { error in
      String(describing: error).contains(message)
    }
  }
}
