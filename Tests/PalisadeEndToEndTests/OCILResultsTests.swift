import Foundation
import TestSupport
import Testing
import XMLSupport

/// `--ocil-results`: rules whose check system is OCIL 2.0 decided from the answers of an OCIL results document,
/// through the real binary on SSG's Debian 11 data stream (which oscap reports notchecked).
@Suite struct OCILResultsTests {
  static let rulePrefix = "xccdf_org.ssgproject.content_rule_"
  /// SSG rules whose only check is an OCIL questionnaire.
  static let rules = [
    "configure_user_data_backups", "account_use_centralized_automated_auth", "no_password_auth_for_systemaccounts",
  ]

  static let tailoring = """
    <?xml version="1.0" encoding="UTF-8"?>
    <xccdf:Tailoring xmlns:xccdf="http://checklists.nist.gov/xccdf/1.2" id="xccdf_dev.palisade_tailoring_ocil">
      <xccdf:benchmark href="/usr/share/xml/scap/ssg/content/ssg-debian11-ds.xml"/>
      <xccdf:version time="2026-12-04T00:00:00">1</xccdf:version>
      <xccdf:Profile id="xccdf_dev.palisade_profile_ocil">
        <xccdf:title>OCIL rules</xccdf:title>
    \(rules.map { "    <xccdf:select idref=\"\(rulePrefix)\($0)\" selected=\"true\"/>" }.joined(separator: "\n"))
      </xccdf:Profile>
    </xccdf:Tailoring>
    """

  /// One questionnaire answered by its result, one by the answer to its boolean question (false: FAIL, as its test
  /// action says), the third not at all.
  static let ocilResults = """
    <?xml version="1.0" encoding="UTF-8"?>
    <ocil xmlns="http://scap.nist.gov/schema/ocil/2.0">
      <generator><schema_version>2.0</schema_version><timestamp>2026-12-04T08:00:00Z</timestamp></generator>
      <questionnaires>
        <questionnaire id="ocil:ssg-account_use_centralized_automated_auth_ocil:questionnaire:1">
          <title>Centralized authentication</title>
          <actions>
            <test_action_ref>ocil:ssg-account_use_centralized_automated_auth_action:testaction:1</test_action_ref>
          </actions>
        </questionnaire>
      </questionnaires>
      <test_actions>
        <boolean_question_test_action id="ocil:ssg-account_use_centralized_automated_auth_action:testaction:1"
            question_ref="ocil:ssg-account_use_centralized_automated_auth_question:question:1">
          <when_true><result>PASS</result></when_true>
          <when_false><result>FAIL</result></when_false>
        </boolean_question_test_action>
      </test_actions>
      <questions>
        <boolean_question id="ocil:ssg-account_use_centralized_automated_auth_question:question:1">
          <question_text>Is authentication centralized?</question_text>
        </boolean_question>
      </questions>
      <results start_time="2026-12-04T07:55:00Z" end_time="2026-12-04T08:00:00Z">
        <questionnaire_results>
          <questionnaire_result questionnaire_ref="ocil:ssg-configure_user_data_backups_ocil:questionnaire:1" result="PASS"/>
        </questionnaire_results>
        <question_results>
          <boolean_question_result question_ref="ocil:ssg-account_use_centralized_automated_auth_question:question:1"
              response="ANSWERED"><answer>false</answer></boolean_question_result>
        </question_results>
        <targets><user><name>frank</name></user></targets>
      </results>
    </ocil>
    """

  @Test(.enabled(if: Prerequisites.hasSSGDebian11, "needs ssg-debian-content (SSG's Debian 11 data stream)"))
  func xccdfEvalDecidesTheOCILRulesTheResultsAnswer() throws {
    let folder = try TemporaryFolder()
    let host = try FakeHost()
    defer {
      folder.remove()
      host.remove()
    }
    // The data stream's platform is Debian 11.
    try host.write("/etc/debian_version", "11.7\n")
    try host.write("/etc/os-release", "NAME=\"Debian GNU/Linux\"\nVERSION_ID=\"11\"\nID=debian\n")
    let tailoringPath = folder.url.appendingPathComponent("tailoring.xml").path
    let ocilPath = folder.url.appendingPathComponent("ocil-results.xml").path
    let arfPath = folder.url.appendingPathComponent("arf.xml").path
    try Self.tailoring.write(toFile: tailoringPath, atomically: true, encoding: .utf8)
    try Self.ocilResults.write(toFile: ocilPath, atomically: true, encoding: .utf8)
    func evaluate(_ extra: [String]) throws -> [String: String] {
      let run = try CommandRun.run(
        ProjectPaths.palisade,
        [
          "xccdf", "eval", "--root", host.root.path, "--profile", "xccdf_dev.palisade_profile_ocil", "--tailoring-file",
          tailoringPath,
        ]
          + Self.rules.flatMap { ["--rule", Self.rulePrefix + $0] } + ["--results-arf", arfPath] + extra
          + [Prerequisites.ssgDebian11])
      #expect(run.status != 1, "\(run.standardError)")
      var results: [String: String] = [:]
      for element in try XMLDocument(contentsOf: arfPath).elements(
        matching: "//x:TestResult/x:rule-result", namespaces: ["x": "http://checklists.nist.gov/xccdf/1.2"])
      {
        results[String((element[attribute: "idref"] ?? "").dropFirst(Self.rulePrefix.count))] =
          element.firstElement(named: "result")?.trimmedText
      }
      return results
    }
    let unanswered = try evaluate([])
    #expect(Self.rules.allSatisfy { unanswered[$0] == "notchecked" }, "\(unanswered)")
    let answered = try evaluate(["--ocil-results", ocilPath])
    #expect(answered["configure_user_data_backups"] == "pass")
    #expect(answered["account_use_centralized_automated_auth"] == "fail")
    #expect(answered["no_password_auth_for_systemaccounts"] == "notchecked")
    let overrides = try XMLDocument(contentsOf: arfPath).elements(
      matching: "//x:rule-result[@idref='\(Self.rulePrefix)configure_user_data_backups']/x:override",
      namespaces: ["x": "http://checklists.nist.gov/xccdf/1.2"])
    #expect(overrides.first?[attribute: "authority"] == "frank")
  }

  /// `palisade review ocil-results` writes the answers in force as OCIL results that the OCIL schema accepts and
  /// `--ocil-results` reads back.
  @Test(.enabled(if: Prerequisites.hasSSGDebian11, "needs ssg-debian-content (SSG's Debian 11 data stream)"))
  func reviewsWrittenAsOCILResultsDecideTheRules() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let ocilPath = folder.url.appendingPathComponent("answers.xml").path
    func review(_ arguments: [String]) throws -> CommandResult {
      try CommandRun.run(
        ProjectPaths.palisade,
        ["review"] + arguments + ["--content", Prerequisites.ssgDebian11, "--output-dir", folder.path, "--host", "h1"])
    }
    let set = try review(["set", "configure_user_data_backups", "--status", "fail", "--reviewer", "gina"])
    #expect(set.status == 0, "\(set.standardError)")
    let export = try review(["ocil-results", "--output", ocilPath])
    #expect(export.status == 0, "\(export.standardError)")
    #expect(export.standardOutput.hasPrefix("1 questionnaire result(s)"), "\(export.standardOutput)")
    let schema = "/usr/share/openscap/schemas/ocil/2.0/ocil-2.0.xsd"
    if let xmllint = Prerequisites.xmllint, FileManager.default.fileExists(atPath: schema) {
      let validation = try CommandRun.run(xmllint, ["--noout", "--schema", schema, ocilPath])
      #expect(validation.status == 0, "\(validation.standardError)")
    }
    let results = try OCILResultsReading(path: ocilPath)
    #expect(results.questionnaireResults == ["ocil:ssg-configure_user_data_backups_ocil:questionnaire:1": "FAIL"])
  }

  /// The Docker content's own questionnaires: reviews written as OCIL results (a questionnaire result and the answer
  /// to its boolean or choice question) decide the manual rules of a scan that has no review file, through the
  /// questionnaire results or, without them, through the answers alone.
  @Test func reviewsOfDockerRulesWrittenAsOCILResultsDecideAScan() throws {
    let reviewed = try ReviewTests.ReviewedHost(logDriver: "syslog")
    defer { reviewed.remove() }
    let answers: [(rule: String, status: String)] = [
      ("SV-235793", "pass"), ("SV-235796", "fail"), ("SV-235775", "notapplicable"), ("SV-235787", "pass"),
    ]
    for (rule, status) in answers { try reviewed.set(rule, status, ["--host", "h1"]) }
    let ocilPath = reviewed.output.url.appendingPathComponent("answers.ocil.xml").path
    let export = try reviewed.review(["ocil-results", "--output", ocilPath, "--host", "h1"])
    #expect(export.status == 0, "\(export.standardError)")
    #expect(export.standardOutput.hasPrefix("4 questionnaire result(s)"), "\(export.standardOutput)")
    if Prerequisites.officialSchemas {
      let validation = try CommandRun.run(ProjectPaths.palisade, ["validate", ocilPath])
      #expect(validation.status == 0, "\(validation.standardError)")
    }
    let document = try XMLDocument(contentsOf: ocilPath)
    let namespaces = ["o": "http://scap.nist.gov/schema/ocil/2.0"]
    func answer(_ number: Int) throws -> XMLElement? {
      try document.elements(
        matching: "//o:question_results/*[@question_ref='ocil:dev.palisade.docker:question:\(number)']",
        namespaces: namespaces
      ).first
    }
    // SV-235796 asks whether DTR creates repositories on push: yes is the finding.
    #expect(try answer(235796)?.firstElement(named: "answer")?.trimmedText == "true")
    #expect(
      try answer(235793)?.firstElement(named: "answer")?[attribute: "choice_ref"]
        == "ocil:dev.palisade.docker:choice:23579301")
    #expect(try answer(235775)?[attribute: "response"] == "NOT_APPLICABLE")

    let expected = [
      "SV-235793": "pass", "SV-235796": "fail", "SV-235775": "notapplicable", "SV-235787": "pass",
      "SV-235788": "notchecked",
    ]
    func scan(_ ocil: String) throws -> RuleResults {
      let output = try TemporaryFolder()
      defer { output.remove() }
      let run = try ScanRun.scan(
        root: reviewed.host.root.path, output: output.path,
        extra: ["--docker-host", ScanRun.absentDockerHost, "--ocil-results", ocil])
      return try RuleResults(arf: try #require(run.arfPath, "\(run.command.standardError)"))
    }
    let decided = try scan(ocilPath)
    for (rule, result) in expected { #expect(decided[rule] == result, "\(rule): \(decided.messages(of: rule))") }

    // The answers alone decide the same rules.
    let answersOnlyPath = reviewed.output.url.appendingPathComponent("answers-only.ocil.xml").path
    let answersOnly = try String(contentsOfFile: ocilPath, encoding: .utf8).replacingOccurrences(
      of: #"<questionnaire_result [^>]*/>"#, with: "", options: .regularExpression)
    try answersOnly.write(toFile: answersOnlyPath, atomically: true, encoding: .utf8)
    #expect(!answersOnly.contains("questionnaire_result "))
    let fromAnswers = try scan(answersOnlyPath)
    for (rule, result) in expected {
      #expect(fromAnswers[rule] == result, "\(rule) from answers: \(fromAnswers.messages(of: rule))")
    }
  }

  /// The questionnaire results of an OCIL results document.
  struct OCILResultsReading {
    let questionnaireResults: [String: String]

    init(path: String) throws {
      var results: [String: String] = [:]
      for element in try XMLDocument(contentsOf: path).elements(
        matching: "//o:questionnaire_result", namespaces: ["o": "http://scap.nist.gov/schema/ocil/2.0"])
      {
        results[element[attribute: "questionnaire_ref"] ?? ""] = element[attribute: "result"]
      }
      questionnaireResults = results
    }
  }

  @Test func resultsThatAreNotOCILAreAnErrorNamingTheFile() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = folder.url.appendingPathComponent("not-ocil.xml").path
    try "<results/>".write(toFile: path, atomically: true, encoding: .utf8)
    let run = try CommandRun.run(
      ProjectPaths.palisade, ["xccdf", "eval", "--ocil-results", path, ProjectPaths.bundledContent])
    #expect(run.status == 1)
    #expect(run.standardError.contains("\(path):1:"), "\(run.standardError)")
  }
}
