import Foundation
import TestSupport
import Testing
import XMLSupport

/// Issue 17 through the real binary: reviewers' answers recorded with `palisade review`, kept in the review file
/// beside the results, and applied by every scan to the ARF, the checklists, HDF and HTML.
@Suite struct ReviewTests {
  /// A host named `reviewed01` with the Docker Engine installed (no daemon answers) whose daemon.json sets
  /// `log-driver`, and a results folder for its scans and reviews.
  struct ReviewedHost {
    static let name = "reviewed01"
    let host: FakeHost
    let output: TemporaryFolder

    init(logDriver: String) throws {
      host = try FakeHost()
      output = try TemporaryFolder()
      try host.write("/etc/hostname", Self.name + "\n")
      try host.write("/usr/bin/dockerd", "", mode: 0o755)
      try host.write("/etc/docker/daemon.json", #"{"log-driver": "\#(logDriver)"}"#)
    }

    var reviewFile: String { output.url.appendingPathComponent("reviews.json").path }

    func remove() {
      host.remove()
      output.remove()
    }

    /// Runs `palisade review ARGUMENTS`, for this host unless the arguments name a host or a group, or import a
    /// checklist (which names its own host).
    @discardableResult
    func review(_ arguments: [String]) throws -> CommandResult {
      let namesItsHost = arguments.first == "import" || arguments.contains("--host") || arguments.contains("--group")
      let scope = namesItsHost ? [] : ["--host", Self.name]
      return try CommandRun.run(
        ProjectPaths.palisade,
        ["review"] + arguments + ["--content", ProjectPaths.bundledContent, "--output-dir", output.path] + scope)
    }

    func set(_ rule: String, _ status: String, _ extra: [String] = []) throws {
      let result = try review(
        [
          "set", rule, "--status", status, "--details", "details of \(rule)", "--comment", "comment on \(rule)",
          "--reviewer", "alice",
        ] + extra)
      #expect(result.status == 0, "\(result.standardError)")
    }

    /// A scan of the host; by default no daemon answers.
    func scan(formats: String = "arf", dockerHost: String = ScanRun.absentDockerHost) throws -> (
      run: ScanRun, arf: String, results: RuleResults
    ) {
      let run = try ScanRun.scan(
        root: host.root.path, output: output.path, extra: ["--docker-host", dockerHost, "--format", formats])
      let arf = try #require(run.arfPath, "\(run.command.standardError)")
      return (run, arf, try RuleResults(arf: arf))
    }

    /// `palisade review walk` for this host, with `input` piped as the reviewer's answers (`printf` escapes).
    func walk(input: String, reviewer: String) throws -> CommandResult {
      try CommandRun.run(
        try #require(Prerequisites.bash),
        [
          "-c",
          "printf '\(input)' | \"$0\" review walk --reviewer \(reviewer) --content \"$1\" --output-dir \"$2\" "
            + "--host \"$3\"",
          ProjectPaths.palisade, ProjectPaths.bundledContent, output.path, Self.name,
        ])
    }

    /// `palisade review walk` answering pass, with details and a comment, for every rule a person decides.
    func answerEveryManualRule(reviewer: String) throws -> CommandResult {
      try walk(input: String(repeating: "pass\\nseen by hand\\nchecked\\n", count: 40), reviewer: reviewer)
    }

    /// Replaces a member of every review in the review file, as a person editing it would.
    func editReviews(_ member: String, _ value: String) throws {
      let text = try String(contentsOfFile: reviewFile, encoding: .utf8)
      let pattern = "\"\(member)\" : \"[^\"]*\""
      let edited = text.replacingOccurrences(
        of: pattern, with: "\"\(member)\" : \"\(value)\"", options: .regularExpression)
      try edited.write(toFile: reviewFile, atomically: true, encoding: .utf8)
    }
  }

  static let xccdf = ["x": "http://checklists.nist.gov/xccdf/1.2"]

  /// The override elements of a rule's result: old, new, authority and remark.
  static func overrides(of rulePrefix: String, in arf: String) throws -> [[String: String]] {
    let document = try XMLDocument(contentsOf: arf)
    let elements = try document.elements(
      matching:
        "//x:TestResult/x:rule-result[starts-with(@idref, 'xccdf_mil.disa.stig_rule_\(rulePrefix)r')]/x:override",
      namespaces: xccdf)
    return elements.map { element in
      [
        "old": element.firstElement(named: "old-result")?.trimmedText ?? "",
        "new": element.firstElement(named: "new-result")?.trimmedText ?? "",
        "authority": element[attribute: "authority"] ?? "", "time": element[attribute: "time"] ?? "",
        "remark": element.firstElement(named: "remark")?.trimmedText ?? "",
      ]
    }
  }

  @Test func aManualRuleTakesItsReviewedStatusAsAnOverride() throws {
    let reviewed = try ReviewedHost(logDriver: "syslog")
    defer { reviewed.remove() }
    #expect(try reviewed.scan().results["SV-235788"] == "notchecked")
    try reviewed.set("V-235788", "pass")
    let (_, arf, results) = try reviewed.scan()
    #expect(results["SV-235788"] == "pass")
    let overrides = try Self.overrides(of: "SV-235788", in: arf)
    #expect(overrides.count == 1)
    #expect(overrides.first?["old"] == "notchecked" && overrides.first?["new"] == "pass")
    #expect(overrides.first?["authority"] == "alice" && overrides.first?["remark"] == "comment on V-235788")
    #expect(results.messages(of: "SV-235788").contains { $0.contains("details of V-235788") })
  }

  @Test func anExpiredReviewRevertsToNotcheckedSayingSo() throws {
    let reviewed = try ReviewedHost(logDriver: "syslog")
    defer { reviewed.remove() }
    try reviewed.set("SV-235788", "pass", ["--valid-for", "30"])
    try reviewed.editReviews("expires", "2020-01-01T00:00:00+00:00")
    let (_, arf, results) = try reviewed.scan()
    #expect(results["SV-235788"] == "notchecked")
    #expect(results.messages(of: "SV-235788").contains { $0.contains("expired at 2020-01-01") })
    #expect(try Self.overrides(of: "SV-235788", in: arf).isEmpty)
  }

  @Test func aReviewOfAnOlderRevisionRevertsToNotcheckedSayingSo() throws {
    let reviewed = try ReviewedHost(logDriver: "syslog")
    defer { reviewed.remove() }
    try reviewed.set("SV-235788", "pass")
    try reviewed.editReviews("rule", "SV-235788r111111_rule")
    let results = try reviewed.scan().results
    #expect(results["SV-235788"] == "notchecked")
    #expect(
      results.messages(of: "SV-235788").contains {
        $0.contains("was made for SV-235788r111111_rule") && $0.contains("now SV-235788r960954_rule")
      })
  }

  @Test func anAutomatedFailIsOverriddenOnlyWithTheFlagAndShowsAsAnOverrideEverywhere() throws {
    let reviewed = try ReviewedHost(logDriver: "json-file")
    defer { reviewed.remove() }
    let refused = try reviewed.review(["set", "SV-235831", "--status", "pass", "--reviewer", "alice"])
    #expect(refused.status == 1)
    #expect(refused.standardError.contains("--overrides-automated"), "\(refused.standardError)")
    #expect(!FileManager.default.fileExists(atPath: reviewed.reviewFile))

    try reviewed.set("SV-235831", "pass", ["--overrides-automated"])
    let (run, arf, results) = try reviewed.scan(formats: "ckl,cklb,hdf,html")
    #expect(results["SV-235831"] == "pass")
    let overrides = try Self.overrides(of: "SV-235831", in: arf)
    #expect(overrides.first?["old"] == "fail" && overrides.first?["new"] == "pass", "\(run.command.standardError)")
    let folder = URL(fileURLWithPath: arf).deletingLastPathComponent()
    for file in ["checklist.ckl", "checklist.cklb", "hdf.json", "report.html"] {
      let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
      #expect(
        text.contains("OVERRIDE: alice changed the automated result fail to pass"), "\(file) does not show it")
    }
  }

  @Test func aReviewOfAnAutomatedRuleWithoutTheFlagLeavesItsResult() throws {
    let reviewed = try ReviewedHost(logDriver: "json-file")
    defer { reviewed.remove() }
    try reviewed.set("SV-235831", "pass", ["--overrides-automated"])
    try reviewed.editReviews("status", "pass")
    let text = try String(contentsOfFile: reviewed.reviewFile, encoding: .utf8)
    try text.replacingOccurrences(of: "\"overridesAutomated\" : true", with: "\"overridesAutomated\" : false")
      .write(toFile: reviewed.reviewFile, atomically: true, encoding: .utf8)
    let results = try reviewed.scan().results
    #expect(results["SV-235831"] == "fail")
    #expect(results.messages(of: "SV-235831").contains { $0.contains("marked to override it") })
  }

  struct Combination: CustomTestStringConvertible, Sendable {
    let logDriver: String
    let review: String?
    let expected: String
    var testDescription: String { "log driver \(logDriver), SIEM review \(review ?? "none") -> \(expected)" }
  }

  /// SV-235787: the automated log-driver half and the reviewed SIEM half.
  static let combinations: [Combination] = [
    Combination(logDriver: "syslog", review: nil, expected: "notchecked"),
    Combination(logDriver: "syslog", review: "pass", expected: "pass"),
    Combination(logDriver: "syslog", review: "fail", expected: "fail"),
    Combination(logDriver: "syslog", review: "notapplicable", expected: "pass"),
    Combination(logDriver: "json-file", review: nil, expected: "fail"),
    Combination(logDriver: "json-file", review: "pass", expected: "fail"),
    Combination(logDriver: "json-file", review: "fail", expected: "fail"),
  ]

  @Test(arguments: combinations)
  func theLogDriverAndTheSIEMReviewCombine(_ combination: Combination) throws {
    let reviewed = try ReviewedHost(logDriver: combination.logDriver)
    defer { reviewed.remove() }
    if let review = combination.review { try reviewed.set("SV-235787", review) }
    let (_, arf, results) = try reviewed.scan()
    let messages = results.messages(of: "SV-235787")
    #expect(results["SV-235787"] == combination.expected, "\(messages)")
    // Both halves' evidence: the OVAL definition the automated half ran, and the reviewed half's text.
    let document = try XMLDocument(contentsOf: arf)
    let references = try document.elements(
      matching: "//x:rule-result[starts-with(@idref, 'xccdf_mil.disa.stig_rule_SV-235787r')]//x:check-content-ref",
      namespaces: Self.xccdf)
    #expect(references.contains { $0[attribute: "name"] == "oval:dev.palisade.docker:def:235787" })
    if combination.review == nil {
      #expect(messages.contains { $0.contains("SIEM") })
    } else {
      #expect(messages.contains { $0.contains("details of SV-235787") })
      #expect(try Self.overrides(of: "SV-235787", in: arf).first?["new"] == combination.expected)
    }
  }

  @Test(.enabled(if: Prerequisites.bash != nil, "needs bash to pipe answers"))
  func answeringEveryManualRuleLeavesNothingNotchecked() throws {
    let reviewed = try ReviewedHost(logDriver: "syslog")
    defer { reviewed.remove() }
    let walk = try reviewed.answerEveryManualRule(reviewer: "carol")
    #expect(walk.status == 0, "\(walk.standardError)")
    // 33 manual rules and the manual halves of SV-235787 and SV-235833.
    #expect(walk.standardOutput.contains("35 rule(s) wait for an answer"), "\(walk.standardOutput)")
    #expect(walk.standardOutput.contains("35 answer(s) recorded"))
    #expect(walk.standardOutput.contains("SIEM"), "the walk shows each rule's check text")

    let (_, arf, results) = try reviewed.scan(formats: "ckl,cklb,hdf,html")
    try Self.expectNothingNotchecked(arf: arf, results: results, reviewer: "carol")
  }

  /// The walk asks each rule's OCIL question and records the status the answer gives, as the question's test action
  /// says: yes or no, or a choice's number; the answer goes into the finding details.
  @Test(.enabled(if: Prerequisites.bash != nil, "needs bash to pipe answers"))
  func theWalkAsksTheOCILQuestionAndRecordsWhatTheAnswerGives() throws {
    let reviewed = try ReviewedHost(logDriver: "syslog")
    defer { reviewed.remove() }
    // SV-235775 (boolean): no; SV-235778 (boolean): an answer that is none, then yes; SV-235780 to SV-235787
    // skipped; SV-235788 (choice): 2; then stop.
    let input = #"no\nUCP allows 5\nnot per plan\nmaybe\nyes\n\n\n\n\n\n\n2\nunsigned tag\nseen\nq\n"#
    let walk = try reviewed.walk(input: input, reviewer: "zed")
    #expect(walk.status == 0, "\(walk.standardError)")
    #expect(
      walk.standardOutput.contains("Question: Is UCP's audit log level set to Request?"), "\(walk.standardOutput)")
    #expect(walk.standardOutput.contains("'maybe' is not yes, no, or pass, fail or notapplicable."))
    #expect(walk.standardOutput.contains("  2: Another source"), "the choices are numbered")
    #expect(walk.standardOutput.contains("3 answer(s) recorded"), "\(walk.standardOutput)")
    let list = try reviewed.review(["list"]).standardOutput
    for (rule, status) in [
      ("SV-235775r960735_rule", "fail"), ("SV-235778r960765_rule", "pass"), ("SV-235788r960954_rule", "fail"),
    ] {
      #expect(list.contains("\(rule)\t\(status)"), "\(rule): \(list)")
    }
    let file = try String(contentsOfFile: reviewed.reviewFile, encoding: .utf8)
    #expect(file.contains("the System Security Plan sets? no.\\nUCP allows 5"), "\(file)")
  }

  /// No rule notchecked in the ARF, and the checklists, HDF and HTML of the same scan: the checklists leave only the
  /// rules the scan could not decide (error, unknown) Not Reviewed; the ARF, CKL and HDF are valid against their
  /// schemas where those are at hand.
  static func expectNothingNotchecked(arf: String, results: RuleResults, reviewer: String) throws {
    #expect(!results.byRule.values.contains("notchecked"), "\(results.byRule.filter { $0.value == "notchecked" })")
    let undecided = results.byRule.values.filter { ["error", "unknown", "notchecked"].contains($0) }.count
    let folder = URL(fileURLWithPath: arf).deletingLastPathComponent()
    func text(_ file: String) throws -> String {
      try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
    }
    #expect(try text("checklist.ckl").components(separatedBy: "<STATUS>Not_Reviewed</STATUS>").count - 1 == undecided)
    #expect(try text("checklist.cklb").components(separatedBy: "\"not_reviewed\"").count - 1 == undecided)
    #expect(try text("checklist.ckl").contains("\(reviewer) reviewed this as pass"))
    #expect(try text("checklist.cklb").contains("\(reviewer) reviewed this as pass"))
    #expect(try !text("hdf.json").contains("notchecked"))
    #expect(try !text("report.html").contains("data-result=\"notchecked\""))
    // The overrides are XCCDF 1.2's: the ARF still validates against the official schemas (plus Palisade's).
    if let overlay = Prerequisites.schemaOverlay {
      let validation = try CommandRun.run(ProjectPaths.palisade, ["validate", "--schemas", overlay, arf])
      #expect(validation.status == 0, "\(validation.standardError)")
    }
    if ReportConversionTests.canValidate {
      try ReportConversionTests.validateChecklist(folder.appendingPathComponent("checklist.ckl").path)
      try ReportConversionTests.validateHDF(folder.appendingPathComponent("hdf.json").path)
    }
  }

  @Test func theReviewFileKeepsTheHistoryOfEveryChange() throws {
    let reviewed = try ReviewedHost(logDriver: "syslog")
    defer { reviewed.remove() }
    try reviewed.set("SV-235788", "fail")
    try reviewed.set("SV-235788", "pass")
    let list = try reviewed.review(["list"])
    #expect(list.standardOutput.contains("SV-235788r960954_rule\tpass"), "\(list.standardOutput)")
    #expect(list.standardOutput.contains("in force"))
    let text = try String(contentsOfFile: reviewed.reviewFile, encoding: .utf8)
    #expect(text.contains("\"action\" : \"recorded\"") && text.contains("\"action\" : \"replaced\""))
  }

  @Test func listingWithoutReviewsSaysSo() throws {
    let reviewed = try ReviewedHost(logDriver: "syslog")
    defer { reviewed.remove() }
    let list = try reviewed.review(["list"])
    #expect(list.status == 0, "\(list.standardError)")
    #expect(list.standardOutput == "no reviews in \(reviewed.reviewFile)\n")
  }

  /// A review or OCIL file named on the command line must exist: silently left out, it would leave the rules it
  /// answers notchecked.
  @Test(arguments: [["scan"], ["xccdf", "eval"]], ["--reviews", "--ocil-results"])
  func aMissingAnswerFileIsRefusedBeforeTheScan(command: [String], option: String) throws {
    let reviewed = try ReviewedHost(logDriver: "syslog")
    defer { reviewed.remove() }
    let missing = reviewed.output.url.appendingPathComponent("missing.json").path
    let run = try CommandRun.run(
      ProjectPaths.palisade,
      command + [option, missing, "--root", reviewed.host.root.path, "--docker-host", ScanRun.absentDockerHost]
        + (command == ["scan"] ? ["--output-dir", reviewed.output.path] : [ProjectPaths.bundledContent]))
    #expect(run.status == 1)
    #expect(run.standardError == "palisade: error: \(option) '\(missing)': no such file or directory\n")
    let written = try FileManager.default.contentsOfDirectory(atPath: reviewed.output.path)
    #expect(written.isEmpty, "\(written)")
  }

  @Test func aBrokenReviewFileFailsTheScanNamingIt() throws {
    let reviewed = try ReviewedHost(logDriver: "syslog")
    defer { reviewed.remove() }
    try "{\"format\": \"palisade-reviews/1\",\n\"reviews\": [}".write(
      toFile: reviewed.reviewFile, atomically: true, encoding: .utf8)
    let run = try ScanRun.scan(
      root: reviewed.host.root.path, output: reviewed.output.path, extra: ["--docker-host", ScanRun.absentDockerHost])
    #expect(run.command.status == 1)
    #expect(run.command.standardError.contains("\(reviewed.reviewFile):2:"), "\(run.command.standardError)")
  }
}
