import Foundation
import TestSupport
import Testing
import XMLSupport

/// The bundled Docker STIG data stream as content: composed from its sources, keyed by DISA's ids with DISA's facts,
/// written in Palisade's own words, every automatable rule automated, valid against the official schemas plus
/// Palisade's extension schemas, and not applicable where Docker is absent.
@Suite struct DockerSTIGContentTests {
  static let xccdf = "http://checklists.nist.gov/xccdf/1.2"
  static let disaBenchmark = "reference/disa/U_Docker_Enterprise_2-x_Linux-Unix_STIG_V2R2_Manual-xccdf.xml"
  /// The check system of the rules (and halves of rules) a person decides: an OCIL 2.0 questionnaire.
  static let manualCheckSystem = "http://scap.nist.gov/schema/ocil/2"
  static let ocil = "http://scap.nist.gov/schema/ocil/2.0"
  static let ovalCheckSystem = "http://oval.mitre.org/XMLSchema/oval-definitions-5"

  /// One rule of the bundled benchmark, as the tests look at it.
  struct ContentRule {
    let groupID: String
    let groupTitle: String
    let element: XMLElement
    var id: String { element[attribute: "id"] ?? "" }
    /// `SV-235787r960912_rule`.
    var shortID: String { String(id.dropFirst("xccdf_mil.disa.stig_rule_".count)) }
    /// The check systems of the rule's checks, those inside a complex-check included.
    var checkSystems: [String] {
      element.descendantsAndSelf().filter { $0.localName == "check" }.compactMap { $0[attribute: "system"] }
    }
  }

  static func contentRules() throws -> [ContentRule] {
    let document = try XMLDocument(contentsOf: ProjectPaths.bundledContent)
    return try document.elements(matching: "//x:Group", namespaces: ["x": xccdf]).flatMap { group in
      group.elements(named: "Rule", in: xccdf).map {
        ContentRule(
          groupID: group[attribute: "id"] ?? "", groupTitle: group.firstElement(named: "title")?.trimmedText ?? "",
          element: $0)
      }
    }
  }

  /// The classes of rules.tsv by rule id: AUTO-HOST, AUTO-API, AUTO-BOTH or MANUAL.
  static func classification() throws -> [String: String] {
    let text = try String(
      contentsOf: ProjectPaths.shared.appendingPathComponent("reference/docker/rules.tsv"), encoding: .utf8)
    var classes: [String: String] = [:]
    for line in text.split(separator: "\n").dropFirst() {
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
      if fields.count > 5 { classes[String(fields[1])] = String(fields[5]) }
    }
    return classes
  }

  @Test(.enabled(if: Prerequisites.python3 != nil, "needs python3 (content/compose.py)"))
  func composedDataStreamIsUpToDate() throws {
    let python = try #require(Prerequisites.python3)
    let script = ProjectPaths.packageRoot.appendingPathComponent("content/compose.py").path
    let result = try CommandRun.run(python, [script, "--check"])
    #expect(result.status == 0, "\(result.standardError)")
  }

  @Test(.enabled(if: Prerequisites.hasShared, "needs ../shared/reference/disa"))
  func everyRuleKeepsDISAsIdsAndFacts() throws {
    let disa = try XMLDocument(contentsOf: ProjectPaths.shared.appendingPathComponent(Self.disaBenchmark).path)
    let x11 = ["x": "http://checklists.nist.gov/xccdf/1.1"]
    let ours = Dictionary(uniqueKeysWithValues: try Self.contentRules().map { ($0.shortID, $0) })
    let groups = try disa.elements(matching: "//x:Group", namespaces: x11)
    #expect(!groups.isEmpty && ours.count == groups.count)
    for group in groups {
      let rule = try #require(group.firstElement(named: "Rule"))
      let ruleID = rule[attribute: "id"] ?? ""
      guard let mine = ours[ruleID] else {
        Issue.record("rule \(ruleID) is missing")
        continue
      }
      #expect(mine.groupID == "xccdf_mil.disa.stig_group_\(group[attribute: "id"] ?? "")")
      #expect(mine.groupTitle == group.firstElement(named: "title")?.trimmedText)
      #expect(mine.element[attribute: "severity"] == rule[attribute: "severity"], "\(ruleID)")
      #expect(mine.element[attribute: "weight"] == "10.0", "\(ruleID)")
      #expect(
        mine.element.firstElement(named: "version")?.trimmedText == rule.firstElement(named: "version")?.trimmedText)
      func idents(_ element: XMLElement) -> Set<String> {
        Set(element.elements(named: "ident").map { "\($0[attribute: "system"] ?? "") \($0.trimmedText)" })
      }
      #expect(idents(mine.element) == idents(rule), "\(ruleID)")
      #expect(
        mine.element.firstElement(named: "fix")?[attribute: "id"] == rule.firstElement(named: "fix")?[attribute: "id"])
      #expect(
        mine.element.firstElement(named: "fixtext")?[attribute: "fixref"]
          == rule.firstElement(named: "fixtext")?[attribute: "fixref"])
    }
  }

  /// No run of eight words of DISA's titles, discussions, checks and fixes appears in the content's texts.
  @Test(.enabled(if: Prerequisites.hasShared, "needs ../shared/reference/disa"))
  func rulesAreWrittenInPalisadesOwnWords() throws {
    let length = 8
    func words(_ text: String) -> [String] {
      text.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }
    func runs(_ text: String) -> Set<String> {
      let list = words(text)
      guard list.count >= length else { return [] }
      return Set((0...(list.count - length)).map { list[$0..<($0 + length)].joined(separator: " ") })
    }
    let disa = try XMLDocument(contentsOf: ProjectPaths.shared.appendingPathComponent(Self.disaBenchmark).path)
    var theirs: Set<String> = []
    for rule in try disa.elements(matching: "//x:Rule", namespaces: ["x": "http://checklists.nist.gov/xccdf/1.1"]) {
      for element in rule.descendantsAndSelf()
      where ["title", "description", "fixtext", "check-content"].contains(element.localName) {
        theirs.formUnion(runs(element.text))
      }
    }
    for rule in try Self.contentRules() {
      for element in rule.element.descendantsAndSelf()
      where ["title", "description", "fixtext", "check-content"].contains(element.localName) {
        let shared = runs(element.text).intersection(theirs)
        #expect(shared.isEmpty, "\(rule.shortID) \(element.localName) repeats DISA: \(shared.sorted())")
      }
    }
    let questions = try XMLDocument(contentsOf: ProjectPaths.bundledContent).elements(
      matching: "//o:questions/*/o:question_text | //o:questions/*/o:choice", namespaces: ["o": Self.ocil])
    #expect(questions.count > 33)
    for question in questions {
      let shared = runs(question.text).intersection(theirs)
      #expect(shared.isEmpty, "OCIL \(question.localName) '\(question.trimmedText)' repeats DISA: \(shared.sorted())")
    }
  }

  /// Each check a person answers names a questionnaire of the data stream's OCIL component, whose one test action
  /// asks a boolean or choice question with answers that pass and answers that are findings.
  @Test func everyManualCheckAsksAnOCILQuestionnaire() throws {
    let document = try XMLDocument(contentsOf: ProjectPaths.bundledContent)
    let namespaces = ["o": Self.ocil, "x": Self.xccdf]
    let checks = try document.elements(
      matching: "//x:check[@system='\(Self.manualCheckSystem)']", namespaces: namespaces)
    // 33 manual rules and the manual halves of SV-235787 and SV-235833.
    #expect(checks.count == 35)
    for check in checks {
      let reference = try #require(check.firstElement(named: "check-content-ref", in: Self.xccdf))
      let name = reference[attribute: "name"] ?? ""
      #expect(reference[attribute: "href"] == "docker-stig-ocil.xml")
      let actionIDs = try document.elements(
        matching: "//o:questionnaire[@id='\(name)']/o:actions/o:test_action_ref", namespaces: namespaces
      ).map(\.trimmedText)
      #expect(actionIDs.count == 1, "\(name) has one test action")
      let action = try #require(
        try document.elements(matching: "//o:test_actions/*[@id='\(actionIDs.first ?? "")']", namespaces: namespaces)
          .first, "\(name)'s test action")
      #expect(["boolean_question_test_action", "choice_question_test_action"].contains(action.localName))
      let outcomes = Set(
        action.descendantsAndSelf().filter { $0.localName == "result" && $0.name.namespace == Self.ocil }.map(
          \.trimmedText))
      #expect(outcomes == ["PASS", "FAIL", "NOT_APPLICABLE"], "\(name): \(outcomes)")
      let question = try #require(
        try document.elements(
          matching: "//o:questions/*[@id='\(action[attribute: "question_ref"] ?? "")']", namespaces: namespaces
        ).first)
      #expect(question.firstElement(named: "question_text", in: Self.ocil)?.trimmedText.hasSuffix("?") == true)
      #expect(
        (check.firstElement(named: "check-content", in: Self.xccdf)?.trimmedText.count ?? 0) > 80,
        "\(name): the check keeps the text the reviewer reads")
    }
  }

  @Test func automatableRulesHaveOVALChecksAndTheOthersManualReviews() throws {
    let rules = try Self.contentRules()
    let automated = rules.filter { $0.checkSystems.contains(Self.ovalCheckSystem) }
    let manual = rules.filter { $0.checkSystems == [Self.manualCheckSystem] }
    #expect(automated.count == 68)
    #expect(manual.count == 33)
    for rule in manual {
      let text = rule.element.descendantsAndSelf().first { $0.localName == "check-content" }?.trimmedText ?? ""
      #expect(text.count > 80, "\(rule.shortID) tells the reviewer what to examine")
    }
  }

  @Test(.enabled(if: Prerequisites.hasShared, "needs ../shared/reference/docker/rules.tsv"))
  func automatedRulesAreTheOnesRulesTSVDoesNotCallManual() throws {
    let rules = try Self.contentRules()
    let classes = try Self.classification()
    for rule in rules {
      let expectedManual = classes[rule.shortID] == "MANUAL"
      #expect(
        rule.checkSystems.contains(Self.ovalCheckSystem) != expectedManual,
        "\(rule.shortID) is \(classes[rule.shortID] ?? "unclassified")")
    }
  }

  /// oscap's validation with the same schemas is OpenSCAPInteroperabilityTests.dataStreamValidatesUnderOscap.
  @Test(.enabled(if: Prerequisites.schemaOverlay != nil, "needs openscap-common's schemas"))
  func dataStreamValidatesAgainstTheOfficialSchemasPlusPalisades() throws {
    let overlay = try #require(Prerequisites.schemaOverlay)
    let ours = try CommandRun.run(
      ProjectPaths.palisade, ["validate", "--schemas", overlay, ProjectPaths.bundledContent])
    #expect(ours.status == 0, "\(ours.standardError)")
  }

  @Test(
    .enabled(
      if: Prerequisites.xmllint != nil && Prerequisites.officialSchemas, "needs xmllint and openscap-common's schemas"))
  func dataStreamValidatesAgainstTheWrapperSchemaUnderXmllint() throws {
    let xmllint = try #require(Prerequisites.xmllint)
    let wrapped = try CommandRun.run(
      xmllint, ["--noout", "--schema", SchemaOverlay.wrapper, ProjectPaths.bundledContent])
    #expect(wrapped.status == 0, "\(wrapped.standardError)")
  }

  /// libxml2 ignores xsi:schemaLocation when it is given a schema, so the official schemas alone cannot know the
  /// extension's elements: they reject those, and the references to them, and nothing else.
  @Test(
    .enabled(
      if: Prerequisites.oscap != nil && Prerequisites.officialSchemas, "needs oscap and openscap-common's schemas"))
  func theOfficialSchemasAloneRejectOnlyTheExtension() throws {
    let oscap = try #require(Prerequisites.oscap)
    let result = try CommandRun.run(oscap, ["ds", "sds-validate", ProjectPaths.bundledContent])
    #expect(result.status != 0)
    let complaints = (result.standardOutput + result.standardError).split(separator: "\n").filter {
      $0.hasPrefix("File ")
    }
    #expect(!complaints.isEmpty)
    for complaint in complaints {
      #expect(
        complaint.contains("palisade.dev/XMLSchema") || complaint.contains("No match found for key-sequence"),
        "\(complaint)")
    }
  }

  @Test func aHostWithoutDockerHasEveryRuleNotApplicable() throws {
    let host = try FakeHost()
    let output = try TemporaryFolder()
    defer {
      host.remove()
      output.remove()
    }
    try host.write("/etc/docker/daemon.json", #"{"log-driver": "json-file"}"#)
    let run = try ScanRun.scan(
      root: host.root.path, output: output.path, extra: ["--docker-host", ScanRun.absentDockerHost])
    #expect(run.command.status == 0, "\(run.command.standardError)")
    let arf = try #require(run.arfPath, "\(run.command.standardError)")
    let results = try RuleResults(arf: arf)
    #expect(results.byRule.count == (try Self.contentRules()).count)
    #expect(results.byRule.values.allSatisfy { $0 == "notapplicable" }, "\(results.byRule)")
  }
}

/// Every rule-result of an ARF's TestResult, by short rule id (`SV-235787r960912_rule`).
struct RuleResults {
  let byRule: [String: String]
  let messages: [String: [String]]

  init(arf path: String) throws {
    let document = try XMLDocument(contentsOf: path)
    var byRule: [String: String] = [:]
    var messages: [String: [String]] = [:]
    for result in try document.elements(
      matching: "//x:TestResult/x:rule-result", namespaces: ["x": "http://checklists.nist.gov/xccdf/1.2"])
    {
      let id = String((result[attribute: "idref"] ?? "").dropFirst("xccdf_mil.disa.stig_rule_".count))
      byRule[id] = result.firstElement(named: "result")?.trimmedText ?? ""
      messages[id] = result.elements(named: "message").map(\.trimmedText)
    }
    self.byRule = byRule
    self.messages = messages
  }

  /// The result of the rule whose short id starts with `prefix` (`SV-235787`).
  subscript(prefix: String) -> String? {
    byRule.first { $0.key.hasPrefix(prefix + "r") }?.value
  }

  func messages(of prefix: String) -> [String] {
    messages.first { $0.key.hasPrefix(prefix + "r") }?.value ?? []
  }
}
