import Foundation
import TestSupport
import Testing

/// The fuzz target built without libFuzzer replays inputs: the bundled content and hostile documents go through the
/// same entry point the fuzzer uses (docs/fuzzing.md), and must not crash.
@Suite struct FuzzReplayTests {
  static var fuzzTarget: String { ProjectPaths.productsFolder.appendingPathComponent("PalisadeFuzz").path }

  @Test func replaysContentAndHostileInputsWithoutACrash() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let inputs: [String: String] = [
      "truncated.xml": String(try String(contentsOfFile: ProjectPaths.bundledContent, encoding: .utf8).prefix(3000)),
      "entity.xml": "<!DOCTYPE a [<!ENTITY b \"c\">]><a>&b;</a>",
      "oval.xml": """
      <oval_definitions xmlns="http://oval.mitre.org/XMLSchema/oval-definitions-5"
          xmlns:ind="http://oval.mitre.org/XMLSchema/oval-definitions-5#independent">
        <definitions><definition id="oval:x:def:1" version="1" class="compliance"><criteria>
          <criterion test_ref="oval:x:tst:1"/></criteria></definition></definitions>
        <tests><ind:textfilecontent54_test id="oval:x:tst:1" version="1" check="all">
          <ind:object object_ref="oval:x:obj:1"/><ind:state state_ref="oval:x:ste:1"/></ind:textfilecontent54_test></tests>
        <objects><ind:textfilecontent54_object id="oval:x:obj:1" version="1">
          <ind:filepath>/etc/x</ind:filepath><ind:pattern operation="pattern match">(a</ind:pattern>
          <ind:instance datatype="int">1</ind:instance></ind:textfilecontent54_object></objects>
        <states><ind:textfilecontent54_state id="oval:x:ste:1" version="1">
          <ind:text operation="pattern match">[z-a]</ind:text></ind:textfilecontent54_state></states>
      </oval_definitions>
      """,
      // A state pattern that backtracks without end against the value it is compared with.
      "catastrophic.xml": """
      <oval_definitions xmlns="http://oval.mitre.org/XMLSchema/oval-definitions-5"
          xmlns:ind="http://oval.mitre.org/XMLSchema/oval-definitions-5#independent">
        <definitions><definition id="oval:x:def:1" version="1" class="compliance"><criteria>
          <criterion test_ref="oval:x:tst:1"/></criteria></definition></definitions>
        <tests><ind:variable_test id="oval:x:tst:1" version="1" check="none satisfy">
          <ind:object object_ref="oval:x:obj:1"/><ind:state state_ref="oval:x:ste:1"/></ind:variable_test></tests>
        <objects><ind:variable_object id="oval:x:obj:1" version="1">
          <ind:var_ref>oval:x:var:1</ind:var_ref></ind:variable_object></objects>
        <states><ind:variable_state id="oval:x:ste:1" version="1">
          <ind:value operation="pattern match">^(a+)+$</ind:value></ind:variable_state></states>
        <variables><constant_variable id="oval:x:var:1" version="1" datatype="string">
          <value>\(String(repeating: "a", count: 40))b</value></constant_variable></variables>
      </oval_definitions>
      """,
      // JSON (every input is also parsed as JSON): nesting past the parser's limit, a long name, odd numbers.
      "deep-nesting.json": String(repeating: "[", count: 600) + String(repeating: "]", count: 600),
      "long-key.json": "{\"" + String(repeating: "k", count: 60000) + "\": \"v\"}",
      "numbers.json": #"[0, -0, 1e400, -1E-400, 9223372036854775808, 01, 1., .5, -, 1e, "\ud800"]"#,
      // Docker daemon replies (an input that begins with HTTP/ is also served to the Engine API client).
      "chunk-minus-one.http": "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n-1\r\n{}\r\n0\r\n\r\n",
      "content-length-minus-five.http": "HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\n{}",
      "chunk-huge.http": "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n7fffffffffffffff\r\n{}\r\n0\r\n\r\n",
      "endless-cr.http": "HTTP/1.1 200 OK" + String(repeating: "\r", count: 60000),
      "chunked-json.http":
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\na\r\n{\"ID\": \"x\"\r\n1\r\n}\r\n0\r\n\r\n",
    ]
    for (name, text) in inputs {
      try Data(text.utf8).write(to: folder.url.appendingPathComponent(name))
    }
    try FileManager.default.copyItem(
      atPath: ProjectPaths.bundledContent, toPath: folder.url.appendingPathComponent("bundled.xml").path)
    let result = try CommandRun.run(Self.fuzzTarget, [folder.path])
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardOutput == "replayed 13 inputs without a crash\n")
  }
}
