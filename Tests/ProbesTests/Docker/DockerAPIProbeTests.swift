import Foundation
import OVAL
import TestSupport
import Testing
import XMLSupport

@testable import Probes

/// The Docker objects through the collector, against a real dockerd and against sockets that fail.
@Suite(.serialized) struct DockerAPIProbeTests {
  static func request(_ objectXML: String) throws -> ObjectRequest {
    let text = """
      <oval_definitions xmlns="http://oval.mitre.org/XMLSchema/oval-definitions-5"
          xmlns:docker="http://palisade.dev/XMLSchema/oval-definitions-5#docker">
        <objects>\(objectXML)</objects>
      </oval_definitions>
      """
    let definitions = try OVALDefinitions(
      parsing: try XMLDocument(parsing: text, path: "t.xml").rootElement(), path: "t.xml")
    let object = try #require(definitions.objects["oval:t:obj:1"])
    var values: [String: [String]] = [:]
    for entity in object.entities { values[entity.name] = entity.value.map { [$0] } ?? [] }
    return ObjectRequest(object: object, values: values)
  }

  static let loggingDriver = """
    <docker:dockerapi_object id="oval:t:obj:1" version="1">
      <docker:endpoint>/info</docker:endpoint><docker:path>.LoggingDriver</docker:path>
    </docker:dockerapi_object>
    """

  @Test(.enabled(if: Prerequisites.canStartDockerd, "needs dockerd (docker.io) and root"))
  func readsTheLiveLoggingDriverFromARealDaemon() async throws {
    let daemon = try DockerDaemon.start(
      configuration: #"{"log-driver": "syslog", "log-opts": {"syslog-address": "udp://127.0.0.1:514"}}"#)
    defer { daemon.stop() }
    let collector = SystemCollector(dockerHost: DockerHost(socketPath: daemon.socketPath))
    let collected = await collector.collect(try Self.request(Self.loggingDriver))
    #expect(collected.flag == .complete, "\(collected.messages.map(\.text))")
    let value = collected.items.first?.entities(named: "value").first
    #expect(value?.fields.first { $0.name == "#" }?.value == "syslog")

    let plugins = try Self.request(
      #"<docker:dockerapi_object id="oval:t:obj:1" version="1"><docker:endpoint>/plugins</docker:endpoint><docker:path>[:].Name</docker:path></docker:dockerapi_object>"#
    )
    #expect(await collector.collect(plugins).flag == .doesNotExist)

    let containers = try Self.request(
      #"<docker:dockercontainer_object id="oval:t:obj:1" version="1"><docker:name operation="pattern match">.*</docker:name><docker:path>.HostConfig.Privileged</docker:path></docker:dockercontainer_object>"#
    )
    #expect(await collector.collect(containers).flag == .doesNotExist)
  }

  @Test func anUnreachableDaemonIsAnErrorNamingItsSocket() async throws {
    let collector = SystemCollector(dockerHost: DockerHost(socketPath: "/nonexistent/docker.sock"))
    let collected = await collector.collect(try Self.request(Self.loggingDriver))
    #expect(collected.flag == .error)
    #expect(collected.messages.contains { $0.text.contains("/nonexistent/docker.sock") })
  }

  /// With the behavior absent_when_unreachable, a daemon that does not answer makes the object not exist (the content
  /// asks whether the daemon answers); a daemon that answers with an HTTP error is still an error.
  @Test func absentWhenUnreachableTellsADaemonThatDoesNotAnswer() async throws {
    let object = """
      <docker:dockerapi_object id="oval:t:obj:1" version="1"><docker:behaviors absent_when_unreachable="true"/>
        <docker:endpoint>/version</docker:endpoint><docker:path>.ApiVersion</docker:path></docker:dockerapi_object>
      """
    let absent = SystemCollector(dockerHost: DockerHost(socketPath: "/nonexistent/docker.sock"))
    let unanswered = await absent.collect(try Self.request(object))
    #expect(unanswered.flag == .doesNotExist)
    #expect(unanswered.messages.contains { $0.text.contains("/nonexistent/docker.sock") })

    let server = try FakeDockerSocket { _ in FakeDockerSocket.http(500, #"{"message":"broken"}"#) }
    defer { server.stop() }
    let failing = SystemCollector(dockerHost: DockerHost(socketPath: server.path))
    #expect(await failing.collect(try Self.request(object)).flag == .error)
  }

  @Test func aPathThatSelectsNothingDoesNotExist() async throws {
    let server = try FakeDockerSocket { _ in FakeDockerSocket.http(200, #"{"LoggingDriver":"json-file"}"#) }
    defer { server.stop() }
    let collector = SystemCollector(dockerHost: DockerHost(socketPath: server.path))
    let request = try Self.request(
      #"<docker:dockerapi_object id="oval:t:obj:1" version="1"><docker:endpoint>/info</docker:endpoint><docker:path>.Missing</docker:path></docker:dockerapi_object>"#
    )
    #expect(await collector.collect(request).flag == .doesNotExist)
  }
}
