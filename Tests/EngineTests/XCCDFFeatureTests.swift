import Engine
import Foundation
import OVAL
import SCAPContent
import Testing

/// XCCDF 1.2 processing (NIST IR 7275r4, sections 6 and 7) on a standalone benchmark whose OVAL checks have fixed
/// answers: true, false, error and unknown definitions that need nothing from a host.
@Suite struct XCCDFFeatureTests {
  static let oval = """
    <oval_definitions xmlns="http://oval.mitre.org/XMLSchema/oval-definitions-5"
        xmlns:oval="http://oval.mitre.org/XMLSchema/oval-common-5"
        xmlns:ind="http://oval.mitre.org/XMLSchema/oval-definitions-5#independent">
      <generator><oval:schema_version>5.11.2</oval:schema_version><oval:timestamp>2026-01-01T00:00:00</oval:timestamp></generator>
      <definitions>
        \(definition("true", test: "tst:1"))
        \(definition("false", test: "tst:1", negate: true))
        \(definition("error", test: "tst:2"))
        \(definition("unknown", test: "tst:3"))
        <definition id="oval:t:def:vulnerable" version="1" class="vulnerability">
          <metadata><title>t</title><description>d</description></metadata>
          <criteria><criterion test_ref="oval:t:tst:1"/></criteria>
        </definition>
      </definitions>
      <tests>
        <ind:variable_test id="oval:t:tst:1" version="1" check="all" comment="c">
          <ind:object object_ref="oval:t:obj:1"/><ind:state state_ref="oval:t:ste:1"/>
        </ind:variable_test>
        <ind:variable_test id="oval:t:tst:2" version="1" check="all" comment="c">
          <ind:object object_ref="oval:t:obj:2"/>
        </ind:variable_test>
        <ind:unknown_test id="oval:t:tst:3" version="1" check="all" comment="c"/>
      </tests>
      <objects>
        <ind:variable_object id="oval:t:obj:1" version="1"><ind:var_ref>oval:t:var:1</ind:var_ref></ind:variable_object>
        <ind:variable_object id="oval:t:obj:2" version="1"><ind:var_ref>oval:t:var:2</ind:var_ref></ind:variable_object>
      </objects>
      <states>
        <ind:variable_state id="oval:t:ste:1" version="1"><ind:value>yes</ind:value></ind:variable_state>
      </states>
      <variables>
        <constant_variable id="oval:t:var:1" version="1" datatype="string" comment="c"><value>yes</value></constant_variable>
        <local_variable id="oval:t:var:2" version="1" datatype="string" comment="a function that fails">
          <substring substring_start="10" substring_length="1"><literal_component>abc</literal_component></substring>
        </local_variable>
      </variables>
    </oval_definitions>
    """

  static func definition(_ name: String, test: String, negate: Bool = false, class: String = "compliance") -> String {
    """
    <definition id="oval:t:def:\(name)" version="1" class="\(`class`)">
      <metadata><title>\(name)</title><description>d</description></metadata>
      <criteria><criterion test_ref="oval:t:\(test)" negate="\(negate)"/></criteria>
    </definition>
    """
  }

  static func check(_ definition: String?, selector: String? = nil, negate: Bool = false, multi: Bool = false) -> String
  {
    let name = definition.map { #" name="oval:t:def:\#($0)""# } ?? ""
    let selectorAttribute = selector.map { #" selector="\#($0)""# } ?? ""
    return """
      <check system="http://oval.mitre.org/XMLSchema/oval-definitions-5"\(selectorAttribute) negate="\(negate)" multi-check="\(multi)">
        <check-content-ref href="defs.xml"\(name)/>
      </check>
      """
  }

  static func rule(_ id: String, _ body: String, attributes: String = "") -> String {
    #"<Rule id="xccdf_t_rule_\#(id)" selected="true" severity="medium"\#(attributes)><title>\#(id)</title>\#(body)</Rule>"#
  }

  /// A CPE applicability-language platform specification: each platform a logical test (AND unless `or`) over OVAL
  /// definitions of `defs.xml`, negated or not.
  static func platformSpecification(
    _ platforms: [(id: String, definitions: [String], negate: Bool)], or: Bool = false
  ) -> String {
    let entries = platforms.map { platform in
      let facts = platform.definitions.map {
        #"<cpe:check-fact-ref system="http://oval.mitre.org/XMLSchema/oval-definitions-5" href="defs.xml" id-ref="oval:t:def:\#($0)"/>"#
      }
      return """
        <cpe:platform id="\(platform.id)"><cpe:logical-test operator="\(or ? "OR" : "AND")" negate="\(platform.negate)">
          \(facts.joined())
        </cpe:logical-test></cpe:platform>
        """
    }
    return "<cpe:platform-specification>" + entries.joined() + "</cpe:platform-specification>"
  }

  /// Writes the benchmark and its OVAL file into a temporary folder and scans it; the results of each rule.
  static func scan(
    rules: String, profiles: String = "", extra: String = "", profile: String? = nil, tailoring: String? = nil,
    oval: String = XCCDFFeatureTests.oval
  ) async throws -> [String: [RuleResultValue]] {
    let outcome = try await scanOutcome(
      rules: rules, profiles: profiles, extra: extra, profile: profile, tailoring: tailoring, oval: oval)
    return outcome.ruleResults.reduce(into: [:]) {
      $0[String($1.rule.id.dropFirst("xccdf_t_rule_".count)), default: []].append($1.result)
    }
  }

  /// Writes the benchmark and its OVAL file into a temporary folder and scans it.
  static func scanOutcome(
    rules: String, profiles: String = "", extra: String = "", profile: String? = nil, tailoring: String? = nil,
    oval: String = XCCDFFeatureTests.oval
  ) async throws -> ScanOutcome {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("xccdf-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let benchmark = """
      <Benchmark xmlns="http://checklists.nist.gov/xccdf/1.2" xmlns:cpe="http://cpe.mitre.org/language/2.0"
          id="xccdf_t_benchmark_features" resolved="1">
        <status>draft</status><title>Features</title>\(extra)<version>1</version>
        \(profiles)
        \(rules)
      </Benchmark>
      """
    try Data(benchmark.utf8).write(to: folder.appendingPathComponent("benchmark.xml"))
    try Data(oval.utf8).write(to: folder.appendingPathComponent("defs.xml"))
    var tailoringPath: String?
    if let tailoring {
      tailoringPath = folder.appendingPathComponent("tailoring.xml").path
      try Data(tailoring.utf8).write(to: URL(fileURLWithPath: tailoringPath ?? ""))
    }
    let request = ScanRequest(
      document: try SCAPDocument(contentsOf: folder.appendingPathComponent("benchmark.xml").path), profileID: profile,
      tailoringPath: tailoringPath, collector: NoHost(), target: ScannerTests.target)
    return try await Scanner().scan(request)
  }

  /// The variable objects these checks use are collected by the evaluator itself; nothing reaches a host.
  struct NoHost: ObjectCollector {
    func collect(_ request: ObjectRequest) async -> CollectedObject { .notCollected("no host in this test") }
  }

  @Test func definitionResultsMapToRuleResults() async throws {
    let results = try await Self.scan(
      rules: Self.rule("t", Self.check("true")) + Self.rule("f", Self.check("false"))
        + Self.rule("e", Self.check("error")) + Self.rule("u", Self.check("unknown"))
        + Self.rule("v", Self.check("vulnerable")) + Self.rule("n", Self.check("false", negate: true)))
    #expect(results == ["t": [.pass], "f": [.fail], "e": [.error], "u": [.unknown], "v": [.fail], "n": [.pass]])
  }

  typealias TableRow = (operator: String, left: String, right: String, expected: RuleResultValue)

  /// XCCDF 1.2, tables 12 and 13, over the results these checks can give.
  @Test(
    arguments: [
      ("AND", "true", "true", .pass), ("AND", "true", "false", .fail), ("AND", "error", "unknown", .unknown),
      ("AND", "true", "error", .error), ("AND", "false", "unknown", .fail), ("OR", "false", "true", .pass),
      ("OR", "false", "error", .error), ("OR", "unknown", "error", .unknown), ("OR", "false", "false", .fail),
    ] as [TableRow])
  func complexCheckTruthTables(_ row: TableRow) async throws {
    let complex = """
      <complex-check operator="\(row.operator)">\(Self.check(row.left))\(Self.check(row.right))</complex-check>
      """
    let results = try await Self.scan(rules: Self.rule("c", complex + Self.check("false")))
    #expect(results["c"] == [row.expected])
  }

  @Test func complexCheckNegationAndNesting() async throws {
    let complex = """
      <complex-check operator="OR" negate="true">\(Self.check("false"))
        <complex-check operator="AND">\(Self.check("true"))\(Self.check("false"))</complex-check>
      </complex-check>
      """
    #expect(try await Self.scan(rules: Self.rule("c", complex))["c"] == [.pass])
  }

  @Test func aProfileSelectorChoosesTheCheck() async throws {
    let body = Self.check("false") + Self.check("true", selector: "lenient")
    let profiles = """
      <Profile id="xccdf_t_profile_lenient"><title>l</title>
        <refine-rule idref="xccdf_t_rule_r" selector="lenient" severity="low" weight="3"/></Profile>
      """
    #expect(try await Self.scan(rules: Self.rule("r", body), profiles: profiles)["r"] == [.fail])
    #expect(
      try await Self.scan(rules: Self.rule("r", body), profiles: profiles, profile: "lenient")["r"] == [.pass])
  }

  @Test func multiCheckGivesOneResultPerDefinition() async throws {
    let results = try await Self.scan(rules: Self.rule("m", Self.check(nil, multi: true)))
    #expect(results["m"] == [.pass, .fail, .error, .unknown, .fail])
  }

  @Test func aCheckWithoutANameCombinesEveryDefinition() async throws {
    #expect(try await Self.scan(rules: Self.rule("all", Self.check(nil)))["all"] == [.fail])
  }

  /// The definitions of `oval` with others in their place: each a class and whether it is true.
  static func ovalDocument(with definitions: [(class: String, isTrue: Bool)]) -> String {
    let start = oval.range(of: "<definitions>")?.upperBound ?? oval.startIndex
    let end = oval.range(of: "</definitions>")?.lowerBound ?? oval.endIndex
    let replaced = definitions.enumerated().map { index, definition in
      Self.definition("\(index)", test: "tst:1", negate: !definition.isTrue, class: definition.class)
    }
    return oval.replacingCharacters(in: start..<end, with: replaced.joined())
  }

  /// A distribution's patch feed shape: every definition of class patch, true where the host lacks the fix.
  static let patchFeed: [(class: String, isTrue: Bool)] = [
    ("patch", true), ("patch", false), ("patch", true), ("patch", false), ("patch", true),
  ]

  /// NIST SP 800-126 (section 4.5.1) and XCCDF 1.2 (section 7.2.3.5): a true vulnerability or patch definition is a
  /// finding, however the check names it; a check without a name ANDs the rule results of every definition.
  @Test(
    arguments: [
      (patchFeed, RuleResultValue.fail), ([("patch", false), ("vulnerability", false)], .pass),
      ([("vulnerability", true), ("compliance", true)], .fail), ([("compliance", true), ("patch", false)], .pass),
      ([("inventory", true), ("miscellaneous", true)], .pass), ([("compliance", false), ("patch", false)], .fail),
    ] as [([(class: String, isTrue: Bool)], RuleResultValue)])
  func aCheckWithoutANameMapsEachDefinitionThroughItsClass(
    definitions: [(class: String, isTrue: Bool)], expected: RuleResultValue
  ) async throws {
    let oval = Self.ovalDocument(with: definitions)
    let results = try await Self.scan(
      rules: Self.rule("all", Self.check(nil)) + Self.rule("each", Self.check(nil, multi: true))
        + Self.rule("named", Self.check("0")),
      oval: oval)
    #expect(results["all"] == [expected])
    let each = definitions.map { definition -> RuleResultValue in
      let findingWhenTrue = definition.class == "patch" || definition.class == "vulnerability"
      return definition.isTrue == findingWhenTrue ? .fail : .pass
    }
    #expect(results["each"] == each)
    #expect(results["named"] == each.first.map { [$0] })
  }

  @Test func rolesAndManualChecks() async throws {
    let manual =
      #"<check system="http://scap.nist.gov/schema/ocil/2"><check-content>Ask the admin.</check-content></check>"#
    let results = try await Self.scan(
      rules: Self.rule("unchecked", Self.check("true"), attributes: #" role="unchecked""#)
        + Self.rule("unscored", Self.check("false"), attributes: #" role="unscored""#)
        + Self.rule("manual", manual) + Self.rule("none", ""))
    #expect(results["unchecked"] == [.notchecked])
    #expect(results["unscored"] == [.informational])
    #expect(results["manual"] == [.notchecked])
    #expect(results["none"] == [.notchecked])
  }

  @Test func requiresAndConflictsChangeSelection() async throws {
    let results = try await Self.scan(
      rules: Self.rule("off", Self.check("true"), attributes: "").replacingOccurrences(
        of: #"selected="true""#, with: #"selected="false""#)
        + Self.rule("needs_off", #"<requires idref="xccdf_t_rule_off"/>"# + Self.check("true"))
        + Self.rule("base", Self.check("true"))
        + Self.rule("clash", #"<conflicts idref="xccdf_t_rule_base"/>"# + Self.check("true")))
    #expect(results["needs_off"] == [.notselected])
    #expect(results["clash"] == [.notselected])
    #expect(results["base"] == [.pass])
  }

  @Test func aPlatformThatDoesNotApplyMakesRulesNotApplicable() async throws {
    let specification = Self.platformSpecification([
      (id: "yes", definitions: ["true"], negate: false), (id: "no", definitions: ["true"], negate: true),
    ])
    let results = try await Self.scan(
      rules: Self.rule("here", ##"<platform idref="#yes"/>"## + Self.check("true"))
        + Self.rule("elsewhere", ##"<platform idref="#no"/>"## + Self.check("true"))
        + Self.rule("unknown_cpe", #"<platform idref="cpe:/o:nobody:nothing"/>"# + Self.check("true"))
        + ##"<Group id="xccdf_t_group_g"><title>g</title><platform idref="#no"/>"##
        + Self.rule("inside", Self.check("true"))
        + "</Group>",
      extra: specification)
    #expect(results["here"] == [.pass])
    #expect(results["elsewhere"] == [.notapplicable])
    #expect(results["unknown_cpe"] == [.notapplicable])
    #expect(results["inside"] == [.notapplicable])
  }

  /// A group's platforms are checked only when one of its selected rules is reached, as OpenSCAP does: the
  /// platform definition of a group without a selected rule stays `not evaluated`.
  @Test func aGroupsPlatformIsCheckedOnlyForItsSelectedRules() async throws {
    let specification = Self.platformSpecification([
      (id: "used", definitions: ["true"], negate: false), (id: "unused", definitions: ["unknown"], negate: false),
    ])
    let outcome = try await Self.scanOutcome(
      rules: ##"<Group id="xccdf_t_group_used"><title>u</title><platform idref="#used"/>"##
        + Self.rule("on", Self.check("false")) + "</Group>"
        + ##"<Group id="xccdf_t_group_unused"><title>n</title><platform idref="#unused"/>"##
        + #"<Rule id="xccdf_t_rule_off" selected="false"><title>off</title>"# + Self.check("false") + "</Rule>"
        + "</Group>",
      extra: specification)
    #expect(outcome.ruleResults.map(\.result) == [.fail, .notselected])
    let evaluated = Set(outcome.ovalRuns.flatMap { $0.record.definitions.map(\.id) })
    #expect(evaluated.contains("oval:t:def:true"))
    #expect(!evaluated.contains("oval:t:def:unknown"))
  }

  /// A logical test stops at its first decisive term, as OpenSCAP's does: an AND at a false term, an OR at a true
  /// one; the terms after it stay `not evaluated` (SSG's "machine and partition" platforms in a container).
  @Test(arguments: [(false, RuleResultValue.notapplicable), (true, .fail)])
  func aLogicalTestStopsAtItsFirstDecisiveTerm(or: Bool, expected: RuleResultValue) async throws {
    let outcome = try await Self.scanOutcome(
      rules: Self.rule("guarded", ##"<platform idref="#p"/>"## + Self.check("false")),
      extra: Self.platformSpecification(
        [(id: "p", definitions: [or ? "true" : "false", "unknown"], negate: false)], or: or))
    #expect(outcome.ruleResults.map(\.result) == [expected])
    #expect(!outcome.ovalRuns.flatMap { $0.record.definitions.map(\.id) }.contains("oval:t:def:unknown"))
  }

  @Test func aTailoringFileExtendsABenchmarkProfile() async throws {
    let profiles = """
      <Profile id="xccdf_t_profile_base"><title>b</title><select idref="xccdf_t_rule_b" selected="false"/></Profile>
      """
    let tailoring = """
      <Tailoring xmlns="http://checklists.nist.gov/xccdf/1.2" id="xccdf_t_tailoring_1">
        <version time="2026-01-01T00:00:00">1</version>
        <Profile id="xccdf_t_profile_tailored" extends="xccdf_t_profile_base"><title>t</title>
          <select idref="xccdf_t_rule_a" selected="false"/></Profile>
      </Tailoring>
      """
    let rules =
      Self.rule("a", Self.check("true")) + Self.rule("b", Self.check("true")) + Self.rule("c", Self.check("true"))
    let results = try await Self.scan(rules: rules, profiles: profiles, profile: "tailored", tailoring: tailoring)
    #expect(results == ["a": [.notselected], "b": [.notselected], "c": [.pass]])
  }

  /// A profile extending another inherits its selections; its own selections win where both select the same rule
  /// (XCCDF 1.2, section 6.5.3 on Profile inheritance).
  @Test func aProfileExtendingAnotherInheritsAndOverridesItsSelections() async throws {
    let profiles = """
      <Profile id="xccdf_t_profile_base"><title>b</title>
        <select idref="xccdf_t_rule_b" selected="false"/><select idref="xccdf_t_rule_c" selected="false"/></Profile>
      <Profile id="xccdf_t_profile_child" extends="xccdf_t_profile_base"><title>c</title>
        <select idref="xccdf_t_rule_c" selected="true"/><select idref="xccdf_t_rule_a" selected="false"/></Profile>
      """
    let rules =
      Self.rule("a", Self.check("true")) + Self.rule("b", Self.check("true")) + Self.rule("c", Self.check("true"))
    let results = try await Self.scan(rules: rules, profiles: profiles, profile: "child")
    #expect(results == ["a": [.notselected], "b": [.notselected], "c": [.pass]])
  }

  /// `oval` with its variable oval:t:var:1 external: the definition `true` holds when the value given is `yes`.
  static let exportedValueOVAL = oval.replacingOccurrences(
    of:
      #"<constant_variable id="oval:t:var:1" version="1" datatype="string" comment="c"><value>yes</value></constant_variable>"#,
    with: #"<external_variable id="oval:t:var:1" version="1" datatype="string" comment="from XCCDF"/>"#)

  /// check-export hands the value a profile chose (the default, a refine-value selector or a set-value) to the OVAL
  /// external variable it names (XCCDF 1.2, section 6.4.4.4 on check-export).
  @Test(arguments: [(nil, RuleResultValue.pass), ("strict", .fail), ("override", .fail), ("selected_yes", .pass)])
  func checkExportPassesTheProfilesValueToOVAL(profile: String?, expected: RuleResultValue) async throws {
    let value = """
      <Value id="xccdf_t_value_answer" type="string"><value>yes</value><value selector="no">no</value></Value>
      """
    let profiles = """
      <Profile id="xccdf_t_profile_strict"><title>s</title>
        <refine-value idref="xccdf_t_value_answer" selector="no"/></Profile>
      <Profile id="xccdf_t_profile_override"><title>o</title>
        <set-value idref="xccdf_t_value_answer">maybe</set-value></Profile>
      <Profile id="xccdf_t_profile_selected_yes"><title>y</title>
        <set-value idref="xccdf_t_value_answer">yes</set-value></Profile>
      """
    let check = """
      <check system="http://oval.mitre.org/XMLSchema/oval-definitions-5">
        <check-export value-id="xccdf_t_value_answer" export-name="oval:t:var:1"/>
        <check-content-ref href="defs.xml" name="oval:t:def:true"/>
      </check>
      """
    let results = try await Self.scan(
      rules: value + Self.rule("r", check), profiles: profiles, profile: profile, oval: Self.exportedValueOVAL)
    #expect(results["r"] == [expected])
  }
}
