import Foundation
import TestSupport
import Testing

/// A Docker socket that accepts connections and never answers must not hang a scan: the Engine API checks become
/// errors naming the socket, checks on host files still decide, and the whole run takes seconds.
@Suite struct DockerAPIUnresponsiveTests {
  static let definitions = """
    <oval_definitions xmlns="http://oval.mitre.org/XMLSchema/oval-definitions-5"
        xmlns:oval="http://oval.mitre.org/XMLSchema/oval-common-5"
        xmlns:ind="http://oval.mitre.org/XMLSchema/oval-definitions-5#independent"
        xmlns:docker="http://palisade.dev/XMLSchema/oval-definitions-5#docker">
      <generator><oval:schema_version>5.11.2</oval:schema_version><oval:timestamp>2026-01-01T00:00:00</oval:timestamp></generator>
      <definitions>
        <definition id="oval:t:def:1" version="1" class="compliance">
          <metadata><title>live log driver</title><description>d</description></metadata>
          <criteria><criterion test_ref="oval:t:tst:1"/></criteria>
        </definition>
        <definition id="oval:t:def:2" version="1" class="compliance">
          <metadata><title>configured log driver</title><description>d</description></metadata>
          <criteria><criterion test_ref="oval:t:tst:2"/></criteria>
        </definition>
      </definitions>
      <tests>
        <docker:dockerapi_test id="oval:t:tst:1" version="1" check="all" comment="c">
          <docker:object object_ref="oval:t:obj:1"/><docker:state state_ref="oval:t:ste:1"/>
        </docker:dockerapi_test>
        <ind:yamlfilecontent_test id="oval:t:tst:2" version="1" check="all" comment="c">
          <ind:object object_ref="oval:t:obj:2"/><ind:state state_ref="oval:t:ste:2"/>
        </ind:yamlfilecontent_test>
      </tests>
      <objects>
        <docker:dockerapi_object id="oval:t:obj:1" version="1">
          <docker:endpoint>/info</docker:endpoint><docker:path>.LoggingDriver</docker:path>
        </docker:dockerapi_object>
        <ind:yamlfilecontent_object id="oval:t:obj:2" version="1">
          <ind:filepath>/etc/docker/daemon.json</ind:filepath><ind:yamlpath>.log-driver</ind:yamlpath>
        </ind:yamlfilecontent_object>
      </objects>
      <states>
        <docker:dockerapi_state id="oval:t:ste:1" version="1">
          <docker:value datatype="record"><field name="#">syslog</field></docker:value>
        </docker:dockerapi_state>
        <ind:yamlfilecontent_state id="oval:t:ste:2" version="1">
          <ind:value datatype="record"><field name="#">syslog</field></ind:value>
        </ind:yamlfilecontent_state>
      </states>
    </oval_definitions>
    """

  @Test func theScanFinishesAndOnlyTheAPICheckIsAnError() throws {
    let folder = try TemporaryFolder()
    let host = try FakeHost()
    defer {
      folder.remove()
      host.remove()
    }
    try host.write("/etc/docker/daemon.json", #"{"log-driver": "syslog"}"#)
    let socket = folder.url.appendingPathComponent("silent.sock").path
    let server = try SilentDockerSocket(at: socket)
    defer { server.close() }
    let content = folder.url.appendingPathComponent("defs.xml").path
    try Data(Self.definitions.utf8).write(to: URL(fileURLWithPath: content))
    let results = folder.url.appendingPathComponent("results.xml").path
    let run = try CommandRun.run(
      ProjectPaths.palisade,
      ["oval", "eval", "--root", host.root.path, "--docker-host", server.dockerHost, "--results", results, content],
      timeout: 60)
    #expect(run.status == 0, "\(run.standardError)")
    #expect(run.standardOutput.contains("Definition oval:t:def:1: error"))
    #expect(run.standardOutput.contains("Definition oval:t:def:2: true"))
    let text = try String(contentsOfFile: results, encoding: .utf8)
    #expect(text.contains(socket) && text.contains("no answer within"))
  }
}
