import Foundation
import TestSupport
import Testing
import XMLSupport

/// `xccdf eval --remediate` checks each rule right after its own fix, in result order, as OpenSCAP does: with two
/// rules that want different contents of one file, each is `fixed` by its own fix although the second fix undoes
/// the first (checking once after every fix would make the first an `error`).
@Suite struct RemediationOrderTests {
  /// A benchmark of two rules, each passing when the file holds its letter and fixed by writing it there.
  static func content(in folder: URL) throws -> String {
    let file = folder.appendingPathComponent("state.txt").path
    try "c\n".write(toFile: file, atomically: true, encoding: .utf8)
    let rules = ["a", "b"].map { letter in
      """
        <Rule id="xccdf_t_rule_holds_\(letter)" selected="true" severity="low">
          <title>The file holds \(letter)</title>
          <fix system="urn:xccdf:fix:script:sh">echo \(letter) &gt; \(file)</fix>
          <check system="http://oval.mitre.org/XMLSchema/oval-definitions-5">
            <check-content-ref href="order-oval.xml" name="oval:t:def:\(letter == "a" ? 1 : 2)"/>
          </check>
        </Rule>
      """
    }
    let xccdf = """
      <?xml version="1.0" encoding="UTF-8"?>
      <Benchmark xmlns="http://checklists.nist.gov/xccdf/1.2" id="xccdf_t_benchmark_order" resolved="1">
        <status>draft</status>
        <title>Remediation order</title>
        <version>1</version>
      \(rules.joined(separator: "\n"))
      </Benchmark>

      """
    let definitions = ["a", "b"].enumerated().map { index, letter in
      """
          <definition id="oval:t:def:\(index + 1)" version="1" class="compliance">
            <metadata><title>holds \(letter)</title><description>holds \(letter)</description></metadata>
            <criteria><criterion test_ref="oval:t:tst:\(index + 1)"/></criteria>
          </definition>
      """
    }
    let tests = ["a", "b"].enumerated().map { index, letter in
      """
          <ind:textfilecontent54_test id="oval:t:tst:\(index + 1)" version="1" check="all" check_existence="at_least_one_exists" comment="\(letter)">
            <ind:object object_ref="oval:t:obj:\(index + 1)"/>
          </ind:textfilecontent54_test>
      """
    }
    let objects = ["a", "b"].enumerated().map { index, letter in
      """
          <ind:textfilecontent54_object id="oval:t:obj:\(index + 1)" version="1">
            <ind:filepath>\(file)</ind:filepath>
            <ind:pattern operation="pattern match">^\(letter)$</ind:pattern>
            <ind:instance datatype="int">1</ind:instance>
          </ind:textfilecontent54_object>
      """
    }
    let oval = """
      <?xml version="1.0" encoding="UTF-8"?>
      <oval_definitions xmlns="http://oval.mitre.org/XMLSchema/oval-definitions-5"
          xmlns:oval="http://oval.mitre.org/XMLSchema/oval-common-5"
          xmlns:ind="http://oval.mitre.org/XMLSchema/oval-definitions-5#independent">
        <generator><oval:schema_version>5.11.2</oval:schema_version><oval:timestamp>2026-12-04T00:00:00</oval:timestamp></generator>
        <definitions>
      \(definitions.joined(separator: "\n"))
        </definitions>
        <tests>
      \(tests.joined(separator: "\n"))
        </tests>
        <objects>
      \(objects.joined(separator: "\n"))
        </objects>
      </oval_definitions>

      """
    try oval.write(to: folder.appendingPathComponent("order-oval.xml"), atomically: true, encoding: .utf8)
    let path = folder.appendingPathComponent("order-xccdf.xml").path
    try xccdf.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  /// Each rule's result after `xccdf eval --remediate` by the tool at `executable`.
  static func remediatedResults(by executable: String) throws -> [String: String] {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let content = try content(in: folder.url)
    let results = folder.url.appendingPathComponent("results.xml").path
    let run = try CommandRun.run(executable, ["xccdf", "eval", "--remediate", "--results", results, content])
    try #require(run.status == 0 || run.status == 2, "\(run.standardError)")
    var answers: [String: String] = [:]
    for result in try XMLDocument(contentsOf: results).elements(
      matching: "//x:rule-result", namespaces: ["x": "http://checklists.nist.gov/xccdf/1.2"])
    {
      answers[result[attribute: "idref"] ?? ""] = result.firstElement(named: "result")?.trimmedText
    }
    return answers
  }

  @Test func eachRuleIsCheckedRightAfterItsOwnFix() throws {
    #expect(
      try Self.remediatedResults(by: ProjectPaths.palisade) == [
        "xccdf_t_rule_holds_a": "fixed", "xccdf_t_rule_holds_b": "fixed",
      ])
  }

  @Test(.enabled(if: Prerequisites.oscap != nil, "needs oscap"))
  func theResultsAreOpenSCAPs() throws {
    #expect(
      try Self.remediatedResults(by: ProjectPaths.palisade)
        == Self.remediatedResults(by: try #require(Prerequisites.oscap)))
  }
}
