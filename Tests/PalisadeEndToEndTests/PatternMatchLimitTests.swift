import Foundation
import TestSupport
import Testing

/// Patterns that backtrack without end (`^(a+)+$` against `aaa…ab`) through `palisade oval eval`: a match PCRE2 stops
/// at its limits is `error`, never "no match", so neither `none satisfy` nor `none_exist` can pass on it; and
/// `--timeout` bounds an evaluation that such patterns make long.
@Suite struct PatternMatchLimitTests {
  /// A value on which `^(a+)+$` backtracks past any match limit.
  static let catastrophicValue = String(repeating: "a", count: 40) + "b"

  static func definitions(tests: String, objects: String, states: String = "") -> String {
    """
    <?xml version="1.0"?>
    <oval_definitions xmlns="http://oval.mitre.org/XMLSchema/oval-definitions-5"
        xmlns:ind="http://oval.mitre.org/XMLSchema/oval-definitions-5#independent"
        xmlns:unix="http://oval.mitre.org/XMLSchema/oval-definitions-5#unix"
        xmlns:oval="http://oval.mitre.org/XMLSchema/oval-common-5">
      <generator><oval:schema_version>5.11.2</oval:schema_version><oval:timestamp>2026-01-01T00:00:00</oval:timestamp></generator>
      <definitions>
        <definition id="oval:t:def:1" version="1" class="compliance">
          <metadata><title>t</title><description>t</description></metadata>
          <criteria><criterion test_ref="oval:t:tst:1"/></criteria>
        </definition>
      </definitions>
      <tests>\(tests)</tests>
      <objects>\(objects)</objects>
      \(states.isEmpty ? "" : "<states>\(states)</states>")
    </oval_definitions>
    """
  }

  /// The lines of /etc/app.conf, kept by `filter` when given.
  static func linesObject(filter: String = "") -> String {
    """
    <ind:textfilecontent54_object id="oval:t:obj:1" version="1">
      <ind:filepath>/etc/app.conf</ind:filepath>
      <ind:pattern operation="pattern match">^(.*)$</ind:pattern>
      <ind:instance datatype="int" operation="greater than or equal">1</ind:instance>\(filter)
    </ind:textfilecontent54_object>
    """
  }

  /// A line that is all `a`s.
  static let catastrophicState = """
    <ind:textfilecontent54_state id="oval:t:ste:1" version="1">
      <ind:subexpression operation="pattern match">^(a+)+$</ind:subexpression>
    </ind:textfilecontent54_state>
    """

  /// Lines the state pattern cannot decide, under `check="none satisfy"`.
  static let stateContent = definitions(
    tests: """
      <ind:textfilecontent54_test id="oval:t:tst:1" version="1" check="none satisfy" comment="t">
        <ind:object object_ref="oval:t:obj:1"/><ind:state state_ref="oval:t:ste:1"/>
      </ind:textfilecontent54_test>
      """, objects: linesObject(), states: catastrophicState)

  /// Lines an include filter cannot decide (the collector applies it while collecting, then the evaluator), under
  /// `check_existence="none_exist"`.
  static let filterContent = definitions(
    tests: """
      <ind:textfilecontent54_test id="oval:t:tst:1" version="1" check="all" check_existence="none_exist" comment="t">
        <ind:object object_ref="oval:t:obj:1"/>
      </ind:textfilecontent54_test>
      """, objects: linesObject(filter: #"<filter action="include">oval:t:ste:1</filter>"#), states: catastrophicState
  )

  /// A file name the object's pattern cannot decide, under `check_existence="none_exist"`.
  static let objectContent = definitions(
    tests: """
      <unix:file_test id="oval:t:tst:1" version="1" check="all" check_existence="none_exist" comment="t">
        <unix:object object_ref="oval:t:obj:1"/>
      </unix:file_test>
      """,
    objects: """
      <unix:file_object id="oval:t:obj:1" version="1">
        <unix:path>/etc/app</unix:path>
        <unix:filename operation="pattern match">^(a+)+$</unix:filename>
      </unix:file_object>
      """)

  static let benchmark = """
    <?xml version="1.0"?>
    <Benchmark xmlns="http://checklists.nist.gov/xccdf/1.2" id="xccdf_t_benchmark_b" resolved="1" xml:lang="en">
      <status>accepted</status><title>b</title><version>1</version>
      <Rule id="xccdf_t_rule_r" selected="true" severity="medium">
        <title>r</title>
        <check system="http://oval.mitre.org/XMLSchema/oval-definitions-5">
          <check-content-ref href="definitions.xml" name="oval:t:def:1"/>
        </check>
      </Rule>
    </Benchmark>
    """

  /// Runs `oval eval` (or, with `xccdf`, `xccdf eval` of a benchmark whose one rule is the definition) with the
  /// content against the host; returns the run and the results file written, empty when none was.
  func evaluate(
    _ content: String, on host: FakeHost, extra: [String] = [], xccdf: Bool = false
  ) throws -> (CommandResult, String) {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let definitions = folder.url.appendingPathComponent("definitions.xml").path
    try content.write(toFile: definitions, atomically: true, encoding: .utf8)
    let results = folder.url.appendingPathComponent("results.xml").path
    var arguments = ["oval", "eval", "--root", host.root.path, "--results", results] + extra + [definitions]
    if xccdf {
      let benchmark = folder.url.appendingPathComponent("benchmark.xml").path
      try Self.benchmark.write(toFile: benchmark, atomically: true, encoding: .utf8)
      arguments = ["xccdf", "eval", "--root", host.root.path, "--results-arf", results] + extra + [benchmark]
    }
    let run = try CommandRun.run(ProjectPaths.palisade, arguments, timeout: 300)
    let written = (try? String(contentsOfFile: results, encoding: .utf8)) ?? ""
    return (run, written)
  }

  @Test func aStatePatternPastTheMatchLimitIsAnErrorUnderNoneSatisfy() throws {
    let host = try FakeHost()
    defer { host.remove() }
    try host.write("/etc/app.conf", Array(repeating: Self.catastrophicValue, count: 3).joined(separator: "\n") + "\n")
    let (run, results) = try evaluate(Self.stateContent, on: host)
    #expect(run.status == 0, "\(run.standardError)")
    #expect(run.standardOutput == "Definition oval:t:def:1: error\n", "\(run.standardOutput)")
    #expect(results.contains("match limit exceeded"), "\(results)")
  }

  @Test func aFilterPastTheMatchLimitIsAnErrorUnderNoneExist() throws {
    let host = try FakeHost()
    defer { host.remove() }
    try host.write("/etc/app.conf", Self.catastrophicValue + "\n")
    let (run, results) = try evaluate(Self.filterContent, on: host)
    #expect(run.status == 0, "\(run.standardError)")
    #expect(run.standardOutput == "Definition oval:t:def:1: error\n", "\(run.standardOutput)")
    #expect(results.contains("match limit exceeded"), "\(results)")
  }

  @Test func anObjectPatternPastTheMatchLimitIsAnErrorUnderNoneExist() throws {
    let host = try FakeHost()
    defer { host.remove() }
    try host.write("/etc/app/" + Self.catastrophicValue, "")
    let (run, results) = try evaluate(Self.objectContent, on: host)
    #expect(run.status == 0, "\(run.standardError)")
    #expect(run.standardOutput == "Definition oval:t:def:1: error\n", "\(run.standardOutput)")
    #expect(results.contains("match limit exceeded"), "\(results)")
  }

  /// A file of lines each costing a match up to the limit.
  static func slowHost() throws -> FakeHost {
    let host = try FakeHost()
    try host.write(
      "/etc/app.conf", Array(repeating: catastrophicValue, count: 200_000).joined(separator: "\n") + "\n")
    return host
  }

  @Test func xccdfEvalReportsTheRuleAsAnError() throws {
    let host = try FakeHost()
    defer { host.remove() }
    try host.write("/etc/app.conf", Self.catastrophicValue + "\n")
    let (run, results) = try evaluate(Self.stateContent, on: host, xccdf: true)
    #expect(run.status == 2, "\(run.standardError)")
    #expect(run.standardOutput.contains("Result\terror"), "\(run.standardOutput)")
    #expect(results.contains("match limit exceeded"))
  }

  /// Lines each costing a match up to the limit: `--timeout` ends the evaluation, reports it and writes nothing.
  @Test(arguments: [false, true]) func timeoutEndsALongEvaluationWithoutResults(xccdf: Bool) throws {
    let host = try Self.slowHost()
    defer { host.remove() }
    let (run, results) = try evaluate(Self.stateContent, on: host, extra: ["--timeout", "1"], xccdf: xccdf)
    #expect(run.status == 1, "\(run.standardOutput)")
    #expect(
      run.standardError
        == "palisade: error: the evaluation did not finish within 1 s; it was stopped and nothing was written\n")
    #expect(run.standardOutput.isEmpty)
    #expect(results.isEmpty)
  }

  @Test(arguments: ["oval", "xccdf"]) func timeoutMustBePositive(command: String) throws {
    let refused = try CommandRun.run(ProjectPaths.palisade, [command, "eval", "--timeout", "0", "content.xml"])
    #expect(refused.status == 1, "\(refused.standardError)")
    #expect(refused.standardError.contains("'--timeout' must be a number of seconds above 0"))
  }
}
