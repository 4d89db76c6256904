import SCAPContent
import Testing

/// An XCCDF benchmark as the loader models it: items in document order, values wherever they are declared,
/// profiles with their selections and refinements, and attributes that default as XCCDF 1.2 says.
@Suite struct BenchmarkLoadingTests {
  static let text = """
    <Benchmark xmlns="http://checklists.nist.gov/xccdf/1.2" xmlns:cpe="http://cpe.mitre.org/language/2.0"
        id="xccdf_t_benchmark_b" resolved="1">
      <status>draft</status>
      <title>Fixture</title>
      <version>1.0</version>
      <platform idref="#debian"/>
      <cpe:platform-specification>
        <cpe:platform id="debian"><cpe:logical-test operator="OR" negate="false">
          <cpe:fact-ref name="cpe:/o:debian:debian_linux:12"/>
        </cpe:logical-test></cpe:platform>
      </cpe:platform-specification>
      <model system="urn:xccdf:scoring:flat"/>
      <model system="urn:xccdf:scoring:absolute"/>
      <Profile id="xccdf_t_profile_base" abstract="true"><title>Base</title>
        <select idref="xccdf_t_rule_a" selected="false"/>
      </Profile>
      <Profile id="xccdf_t_profile_strict" extends="xccdf_t_profile_base"><title>Strict</title>
        <select idref="xccdf_t_rule_a" selected="true"/>
        <set-value idref="xccdf_t_value_mode">0600</set-value>
        <refine-value idref="xccdf_t_value_drivers" selector="cloud"/>
        <refine-rule idref="xccdf_t_rule_a" weight="3"/>
        <refine-rule idref="xccdf_t_rule_a" severity="high" selector="strict"/>
      </Profile>
      <Value id="xccdf_t_value_mode" type="string" operator="equals"><value>0644</value></Value>
      <Group id="xccdf_t_group_g" selected="false" weight="2">
        <title>G</title>
        <Value id="xccdf_t_value_drivers">
          <value>syslog</value><value selector="cloud">awslogs</value>
        </Value>
        <Rule id="xccdf_t_rule_a" severity="low" role="unscored" multiple="true">
          <title>A</title>
          <ident system="http://cce.mitre.org">CCE-1</ident>
          <requires idref="xccdf_t_rule_b xccdf_t_rule_c"/>
          <conflicts idref="xccdf_t_rule_d"/>
          <check system="urn:xccdf:check:oval" selector="strict" negate="1" multi-check="true">
            <check-export value-id="xccdf_t_value_mode" export-name="oval:t:var:1"/>
            <check-content-ref href="oval.xml" name="oval:t:def:1"/>
          </check>
        </Rule>
        <Rule id="xccdf_t_rule_b"><title>B</title>
          <complex-check operator="OR" negate="true">
            <check system="urn:xccdf:check:oval"><check-content-ref href="oval.xml" name="oval:t:def:2"/></check>
            <complex-check operator="AND">
              <check system="urn:xccdf:check:oval"><check-content-ref href="oval.xml"/></check>
            </complex-check>
          </complex-check>
        </Rule>
      </Group>
    </Benchmark>
    """

  static func benchmark(_ text: String = text) throws -> Benchmark {
    try Benchmark(parsing: try rootElement(text))
  }

  @Test func theBenchmarksOwnPropertiesAreRead() throws {
    let benchmark = try Self.benchmark()
    #expect(benchmark.id == "xccdf_t_benchmark_b")
    #expect(benchmark.namespace == "http://checklists.nist.gov/xccdf/1.2")
    #expect(benchmark.title == "Fixture" && benchmark.version == "1.0" && benchmark.status == "draft")
    #expect(benchmark.platforms == ["#debian"])
    #expect(benchmark.scoringModels == ["urn:xccdf:scoring:flat", "urn:xccdf:scoring:absolute"])
    let platform = try #require(benchmark.platformSpecification["debian"])
    #expect(platform.test.testOperator == .or && !platform.test.negate)
  }

  @Test func rulesAndGroupsKeepTheirOrderAndValuesInsideGroupsAreFound() throws {
    let benchmark = try Self.benchmark()
    #expect(benchmark.items.map(\.id) == ["xccdf_t_group_g"])
    #expect(benchmark.rules.map(\.id) == ["xccdf_t_rule_a", "xccdf_t_rule_b"])
    #expect(Set(benchmark.values.keys) == ["xccdf_t_value_mode", "xccdf_t_value_drivers"])
    #expect(benchmark.values["xccdf_t_value_drivers"]?.value(selector: "cloud") == "awslogs")
    #expect(benchmark.values["xccdf_t_value_drivers"]?.value(selector: nil) == "syslog")
    guard case .group(let group) = benchmark.items.first else {
      Issue.record("the first item is not a group")
      return
    }
    #expect(!group.selected && group.weight == 2)
  }

  @Test func aRulesAttributesAndCheckAreRead() throws {
    let rule = try #require(try Self.benchmark().rule("xccdf_t_rule_a"))
    #expect(rule.severity == .low && rule.role == .unscored && rule.isMultiple && rule.selected && rule.weight == 1)
    #expect(rule.idents.map(\.system) == ["http://cce.mitre.org"] && rule.idents.map(\.value) == ["CCE-1"])
    #expect(rule.requires == [["xccdf_t_rule_b", "xccdf_t_rule_c"]])
    #expect(rule.conflicts == ["xccdf_t_rule_d"])
    let check = try #require(rule.checks.first)
    #expect(check.system == "urn:xccdf:check:oval" && check.selector == "strict" && check.negate && check.multiCheck)
    #expect(check.exports.map(\.valueID) == ["xccdf_t_value_mode"])
    #expect(check.exports.map(\.exportName) == ["oval:t:var:1"])
    #expect(check.contentRefs.map(\.href) == ["oval.xml"] && check.contentRefs.map(\.name) == ["oval:t:def:1"])
  }

  @Test func attributesAnXCCDFRuleLeavesOutTakeTheirDefaults() throws {
    let rule = try #require(try Self.benchmark().rule("xccdf_t_rule_b"))
    #expect(rule.severity == .unknown && rule.role == .full && rule.weight == 1 && rule.selected)
    #expect(!rule.isMultiple && rule.checks.isEmpty)
  }

  /// DISA's SCC and STIG Manager write XCCDF results whose `check` has no `system` (the result readers took them, the
  /// loader refused them): the check loads with no system, which no check engine takes.
  @Test func aCheckWithoutASystemLoadsAsOneNoEngineTakes() throws {
    let benchmark = try Self.benchmark(
      """
      <Benchmark xmlns="http://checklists.nist.gov/xccdf/1.2" id="xccdf_mil.disa.stig_benchmark_B">
        <status>accepted</status><title>B</title><version>1</version>
        <Group id="xccdf_mil.disa.stig_group_V-1"><title>SRG</title>
          <Rule id="xccdf_mil.disa.stig_rule_SV-1r1_rule" severity="medium">
            <title>T</title><check><check-content>Verify it.</check-content></check>
          </Rule>
        </Group>
      </Benchmark>
      """)
    let rule = try #require(benchmark.rule("xccdf_mil.disa.stig_rule_SV-1r1_rule"))
    #expect(rule.checks.map(\.system) == [""])
  }

  @Test func aComplexCheckKeepsItsOperatorsNegationAndNesting() throws {
    let complex = try #require(try Self.benchmark().rule("xccdf_t_rule_b")?.complexCheck)
    #expect(complex.checkOperator == .or && complex.negate)
    #expect(complex.children.count == 2)
    guard case .complexCheck(let nested) = complex.children[1] else {
      Issue.record("the second child is not a complex-check")
      return
    }
    #expect(nested.checkOperator == .and && !nested.negate)
    guard case .check(let check) = nested.children.first else {
      Issue.record("the nested child is not a check")
      return
    }
    #expect(check.contentRefs.first?.name == nil)
  }

  @Test func profilesKeepSelectionsValuesAndMergedRuleRefinements() throws {
    let benchmark = try Self.benchmark()
    let base = try #require(benchmark.profile("xccdf_t_profile_base"))
    #expect(base.isAbstract && base.extends == nil)
    let strict = try #require(benchmark.profile("xccdf_t_profile_strict"))
    #expect(strict.extends == "xccdf_t_profile_base" && !strict.isAbstract)
    #expect(strict.selections.map(\.idref) == ["xccdf_t_rule_a"] && strict.selections.map(\.selected) == [true])
    #expect(strict.setValues == ["xccdf_t_value_mode": "0600"])
    #expect(strict.refineValues == ["xccdf_t_value_drivers": "cloud"])
    let refinement = try #require(strict.refineRules["xccdf_t_rule_a"])
    #expect(refinement.weight == 3 && refinement.severity == .high && refinement.selector == "strict")
  }

  @Test func anXCCDF11BenchmarkLoadsInItsOwnNamespace() throws {
    let benchmark = try Self.benchmark(
      """
      <Benchmark xmlns="http://checklists.nist.gov/xccdf/1.1" id="b"><title>Old</title>
        <Profile id="p"><title>P</title><select idref="r" selected="false"/></Profile>
        <Rule id="r"><title>R</title></Rule>
      </Benchmark>
      """)
    #expect(benchmark.namespace == "http://checklists.nist.gov/xccdf/1.1")
    #expect(benchmark.rules.map(\.id) == ["r"] && benchmark.profiles.map(\.id) == ["p"])
  }

  @Test(
    "malformed content is an error naming the file, line and attribute",
    arguments: [
      (#"<Rule id="r" selected="maybe"/>"#, "'selected' must be true or false, not 'maybe'"),
      (#"<Rule id="r" weight="-1"/>"#, "'weight' must be a non-negative number, not '-1'"),
      (#"<Rule/>"#, "'Rule' has no 'id' attribute"),
      (#"<Rule id="r"><complex-check operator="XOR"/></Rule>"#, "unknown complex-check operator 'XOR'"),
      (#"<Profile id="p"><select/></Profile>"#, "'select' has no 'idref' attribute"),
    ])
  func malformedContent(item: String, message: String) throws {
    let text = """
      <Benchmark xmlns="http://checklists.nist.gov/xccdf/1.2" id="b">
      \(item)
      </Benchmark>
      """
    let error = errorText { _ = try Benchmark(parsing: try rootElement(text, path: "bad.xml")) }
    #expect(error.hasPrefix("bad.xml:2:"), "\(error)")
    #expect(error.contains("error: \(message)"), "\(error)")
  }

  @Test func aDocumentThatIsNotABenchmarkIsRefused() throws {
    let error = errorText { _ = try Benchmark(parsing: try rootElement("<Tailoring xmlns='urn:x'/>")) }
    #expect(error.contains("expected an XCCDF 'Benchmark' element, found 'Tailoring'"), "\(error)")
  }
}
