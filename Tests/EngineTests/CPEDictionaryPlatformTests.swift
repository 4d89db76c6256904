import Engine
import SCAPContent
import Testing
import XMLSupport

/// Platforms named by CPE names, decided through the data stream's CPE dictionary (SCAP 1.3: a dictionary
/// component whose items carry OVAL checks, found through the dictionary component-ref's catalog). A rule applies
/// when one of its platforms does (XCCDF 1.2, section 7.2.3.3); a name no dictionary lists does not apply. The
/// dictionary's checks are the fixed true and false definitions of `XCCDFFeatureTests.oval`.
@Suite struct CPEDictionaryPlatformTests {
  static func rule(_ name: String, platforms: [String]) -> String {
    let platformElements = platforms.map { #"<platform idref="\#($0)"/>"# }.joined()
    return """
      <Rule id="xccdf_t_rule_\(name)" selected="true"><title>\(name)</title>\(platformElements)
        <check system="http://scap.nist.gov/schema/ocil/2"><check-content>Look.</check-content></check>
      </Rule>
      """
  }

  static let collection = """
    <ds:data-stream-collection xmlns:ds="http://scap.nist.gov/schema/scap/source/1.2"
        xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:cat="urn:oasis:names:tc:entity:xmlns:xml:catalog"
        id="scap_t_collection_c" schematron-version="1.3">
      <ds:data-stream id="scap_t_datastream_d" scap-version="1.3" use-case="OTHER">
        <ds:dictionaries>
          <ds:component-ref id="scap_t_cref_dictionary" xlink:href="#scap_t_comp_dictionary">
            <cat:catalog><cat:uri name="cpe-oval.xml" uri="#scap_t_cref_cpe_oval"/></cat:catalog>
          </ds:component-ref>
        </ds:dictionaries>
        <ds:checklists><ds:component-ref id="scap_t_cref_xccdf" xlink:href="#scap_t_comp_xccdf"/></ds:checklists>
        <ds:checks><ds:component-ref id="scap_t_cref_cpe_oval" xlink:href="#scap_t_comp_cpe_oval"/></ds:checks>
      </ds:data-stream>
      <ds:component id="scap_t_comp_dictionary" timestamp="2026-01-01T00:00:00">
        <cpe-list xmlns="http://cpe.mitre.org/dictionary/2.0">
          <cpe-item name="cpe:/o:t:this"><title>this</title>
            <check system="http://oval.mitre.org/XMLSchema/oval-definitions-5" href="cpe-oval.xml">oval:t:def:true</check>
          </cpe-item>
          <cpe-item name="cpe:/o:t:other"><title>other</title>
            <check system="http://oval.mitre.org/XMLSchema/oval-definitions-5" href="cpe-oval.xml">oval:t:def:false</check>
          </cpe-item>
        </cpe-list>
      </ds:component>
      <ds:component id="scap_t_comp_cpe_oval" timestamp="2026-01-01T00:00:00">\(XCCDFFeatureTests.oval)</ds:component>
      <ds:component id="scap_t_comp_xccdf" timestamp="2026-01-01T00:00:00">
        <Benchmark xmlns="http://checklists.nist.gov/xccdf/1.2" id="xccdf_t_benchmark_b" resolved="1">
          <status>draft</status><title>b</title><version>1</version>
          \(rule("here", platforms: ["cpe:/o:t:this"]))
          \(rule("elsewhere", platforms: ["cpe:/o:t:other"]))
          \(rule("either", platforms: ["cpe:/o:t:other", "cpe:/o:t:this"]))
          \(rule("unlisted", platforms: ["cpe:/o:t:unlisted"]))
          \(rule("anywhere", platforms: []))
        </Benchmark>
      </ds:component>
    </ds:data-stream-collection>
    """

  @Test func aRuleAppliesWhenTheDictionaryCheckOfOneOfItsPlatformsIsTrue() async throws {
    let document = try SCAPDocument(
      parsing: try XMLDocument(parsing: Self.collection, path: "cpe-ds.xml").rootElement(), path: "cpe-ds.xml")
    let request = ScanRequest(document: document, collector: XCCDFFeatureTests.NoHost(), target: ScannerTests.target)
    let outcome = try await Scanner().scan(request)
    let results = Dictionary(
      uniqueKeysWithValues: outcome.ruleResults.map { (String($0.rule.id.dropFirst("xccdf_t_rule_".count)), $0.result) }
    )
    #expect(
      results == [
        "here": .notchecked, "elsewhere": .notapplicable, "either": .notchecked, "unlisted": .notapplicable,
        "anywhere": .notchecked,
      ])
  }
}
