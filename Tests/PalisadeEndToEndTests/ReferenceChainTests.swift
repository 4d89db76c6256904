import Foundation
import TestSupport
import Testing

/// Chains of extend_definition and of variables thousands long, through the binary with a small stack
/// (`ulimit -s 512`): no crash, each chain evaluated once, the reference past the depth limit an OVAL error with a
/// message, and a chain within the limit decided.
@Suite struct ReferenceChainTests {
  static let head = """
    <?xml version="1.0"?>
    <oval_definitions xmlns="http://oval.mitre.org/XMLSchema/oval-definitions-5"
        xmlns:ind="http://oval.mitre.org/XMLSchema/oval-definitions-5#independent"
        xmlns:oval="http://oval.mitre.org/XMLSchema/oval-common-5">
      <generator><oval:schema_version>5.11.2</oval:schema_version><oval:timestamp>2026-01-01T00:00:00</oval:timestamp></generator>
    """
  static let testObjectAndState = """
    <tests><ind:variable_test id="oval:t:tst:1" version="1" check="all" comment="c">
      <ind:object object_ref="oval:t:obj:1"/><ind:state state_ref="oval:t:ste:1"/></ind:variable_test></tests>
    <objects><ind:variable_object id="oval:t:obj:1" version="1"><ind:var_ref>oval:t:var:TOP</ind:var_ref></ind:variable_object></objects>
    <states><ind:variable_state id="oval:t:ste:1" version="1"><ind:value>x</ind:value></ind:variable_state></states>
    """
  static let constant =
    #"<constant_variable id="oval:t:var:1" version="1" datatype="string" comment="c"><value>x</value></constant_variable>"#

  static func definition(_ index: Int, _ child: String) -> String {
    #"<definition id="oval:t:def:\#(index)" version="1" class="compliance"><metadata><title>t</title>"#
      + #"<description>d</description></metadata><criteria>\#(child)</criteria></definition>"#
  }

  /// Definition 1 extends 2, ..., which extends `length`, whose test reads a constant.
  static func definitionChain(_ length: Int) -> String {
    let definitions = (1...length).map { index in
      definition(
        index,
        index < length
          ? #"<extend_definition definition_ref="oval:t:def:\#(index + 1)"/>"#
          : #"<criterion test_ref="oval:t:tst:1"/>"#)
    }
    return head + "<definitions>" + definitions.joined(separator: "\n") + "</definitions>"
      + testObjectAndState.replacingOccurrences(of: "TOP", with: "1") + "<variables>\(constant)</variables>"
      + "</oval_definitions>\n"
  }

  /// One definition whose test reads variable `length`, which reads `length - 1`, ..., down to a constant.
  static func variableChain(_ length: Int) -> String {
    let variables = (2...length).map { index in
      #"<local_variable id="oval:t:var:\#(index)" version="1" datatype="string" comment="c">"#
        + #"<variable_component var_ref="oval:t:var:\#(index - 1)"/></local_variable>"#
    }
    return head + "<definitions>" + definition(1, #"<criterion test_ref="oval:t:tst:1"/>"#) + "</definitions>"
      + testObjectAndState.replacingOccurrences(of: "TOP", with: String(length)) + "<variables>" + constant
      + variables.joined(separator: "\n") + "</variables></oval_definitions>\n"
  }

  /// `oval eval` of `content` with a 512 KiB stack; the results document is returned with the run.
  func evaluateWithSmallStack(_ content: String) throws -> (CommandResult, String) {
    let bash = try #require(Prerequisites.bash, "the small stack is set through bash")
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = folder.url.appendingPathComponent("chain.xml").path
    try content.write(toFile: path, atomically: true, encoding: .utf8)
    let results = folder.url.appendingPathComponent("results.xml").path
    let run = try CommandRun.run(
      bash,
      [
        "-c", "ulimit -s 512; exec \"$@\"", "palisade", ProjectPaths.palisade, "oval", "eval", "--results", results,
        path,
      ],
      timeout: 600)
    return (run, (try? String(contentsOfFile: results, encoding: .utf8)) ?? "")
  }

  static let tooDeep = "is reached through more than 1000 nested references"

  @Test func aLongDefinitionChainIsAnErrorNotACrash() throws {
    let (run, results) = try evaluateWithSmallStack(Self.definitionChain(4000))
    #expect(run.status == 0, "\(run.standardError)")
    let lines = run.standardOutput.split(separator: "\n")
    #expect(lines.count == 4000)
    #expect(lines.first == "Definition oval:t:def:1: error")
    #expect(lines.last == "Definition oval:t:def:4000: true")
    #expect(results.contains("definition 'oval:t:def:1001' \(Self.tooDeep)"))
  }

  @Test func aLongVariableChainIsAnErrorNotACrash() throws {
    let (run, results) = try evaluateWithSmallStack(Self.variableChain(4000))
    #expect(run.status == 0, "\(run.standardError)")
    #expect(run.standardOutput == "Definition oval:t:def:1: error\n")
    #expect(results.contains(Self.tooDeep))
  }

  /// `xccdf eval` of a rule on the chain, with the HTML report (whose evidence walks every extended definition): the
  /// rule is an error whose message names the definition too deep.
  @Test func aRuleOnALongChainIsAnErrorWithItsReason() throws {
    let bash = try #require(Prerequisites.bash, "the small stack is set through bash")
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try Self.definitionChain(4000).write(
      to: folder.url.appendingPathComponent("chain.xml"), atomically: true, encoding: .utf8)
    let benchmark = folder.url.appendingPathComponent("benchmark.xml").path
    try """
    <?xml version="1.0"?>
    <Benchmark xmlns="http://checklists.nist.gov/xccdf/1.2" id="xccdf_t_benchmark_b" resolved="1" xml:lang="en">
      <status>accepted</status><title>b</title><version>1</version>
      <Rule id="xccdf_t_rule_r" selected="true"><title>r</title>
        <check system="http://oval.mitre.org/XMLSchema/oval-definitions-5">
          <check-content-ref href="chain.xml" name="oval:t:def:1"/></check>
      </Rule>
    </Benchmark>
    """.write(toFile: benchmark, atomically: true, encoding: .utf8)
    let arf = folder.url.appendingPathComponent("arf.xml").path
    let report = folder.url.appendingPathComponent("report.html").path
    let run = try CommandRun.run(
      bash,
      [
        "-c", "ulimit -s 512; exec \"$@\"", "palisade", ProjectPaths.palisade, "xccdf", "eval", "--results-arf", arf,
        "--report", report, benchmark,
      ], timeout: 600)
    #expect(run.status == 2, "\(run.standardError)")
    #expect(run.standardOutput.contains("Result\terror"), "\(run.standardOutput)")
    let arfText = try String(contentsOfFile: arf, encoding: .utf8)
    #expect(arfText.contains("<message severity=\"error\">definition 'oval:t:def:1001' \(Self.tooDeep)"))
    #expect(FileManager.default.fileExists(atPath: report))
  }

  @Test(arguments: [false, true]) func chainsWithinTheLimitAreDecided(variables: Bool) throws {
    let content = variables ? Self.variableChain(900) : Self.definitionChain(900)
    let (run, results) = try evaluateWithSmallStack(content)
    #expect(run.status == 0, "\(run.standardError)")
    #expect(run.standardOutput.hasPrefix("Definition oval:t:def:1: true\n"))
    #expect(!run.standardOutput.contains(": error"))
    #expect(!results.contains(Self.tooDeep))
  }
}
