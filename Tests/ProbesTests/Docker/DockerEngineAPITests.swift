import Foundation
import Testing

@testable import Probes

/// The Engine API client over a unix socket: lengths, chunks, errors, and a daemon that never answers.
@Suite struct DockerEngineAPITests {
  @Test func readsAContentLengthBody() throws {
    let server = try FakeDockerSocket { _ in FakeDockerSocket.http(200, #"{"LoggingDriver":"syslog"}"#) }
    defer { server.stop() }
    let document = try DockerEngineAPI(host: DockerHost(socketPath: server.path)).document(at: "/info")
    #expect(document["LoggingDriver"]?.string == "syslog")
  }

  @Test func readsAChunkedBody() throws {
    let server = try FakeDockerSocket { _ in FakeDockerSocket.http(200, #"[{"Name":"a"},{"Name":"b"}]"#, chunked: true) }
    defer { server.stop() }
    let document = try DockerEngineAPI(host: DockerHost(socketPath: server.path)).document(at: "/plugins")
    #expect(document.sequence?.count == 2)
  }

  @Test func anErrorStatusNamesTheEndpointAndTheDaemonsMessage() throws {
    let server = try FakeDockerSocket { _ in FakeDockerSocket.http(404, #"{"message":"page not found"}"#) }
    defer { server.stop() }
    #expect {
      try DockerEngineAPI(host: DockerHost(socketPath: server.path)).document(at: "/nothing")
    } throws: { error in
      String(describing: error).contains("GET /nothing answered 404: page not found")
    }
  }

  @Test func aMissingSocketIsReportedAtOnce() {
    let started = ContinuousClock.now
    #expect {
      try DockerEngineAPI(host: DockerHost(socketPath: "/nonexistent/docker.sock")).document(at: "/info")
    } throws: { error in
      String(describing: error).contains("/nonexistent/docker.sock") && String(describing: error).contains("no such file")
    }
    #expect(ContinuousClock.now - started < .seconds(1))
  }

  @Test func aDaemonThatNeverAnswersTimesOutWithinSeconds() throws {
    let server = try FakeDockerSocket { _ in nil }
    defer { server.stop() }
    let api = DockerEngineAPI(
      host: DockerHost(socketPath: server.path), connectTimeout: .seconds(1), responseTimeout: .seconds(1))
    let started = ContinuousClock.now
    #expect {
      try api.document(at: "/info")
    } throws: { error in
      String(describing: error).contains(server.path) && String(describing: error).contains("no answer within")
    }
    // The daemon is not asked again in the same scan: the second object fails at once.
    #expect(throws: DockerAPIError.self) { try api.document(at: "/version") }
    #expect(ContinuousClock.now - started < .seconds(3))
  }

  @Test func invalidJSONIsAnError() throws {
    let server = try FakeDockerSocket { _ in FakeDockerSocket.http(200, "{not json") }
    defer { server.stop() }
    #expect(throws: DockerAPIError.self) {
      try DockerEngineAPI(host: DockerHost(socketPath: server.path)).document(at: "/info")
    }
  }

  @Test func hostsAreUnixSocketsOnly() throws {
    #expect(try DockerHost(parsing: "unix:///run/docker.sock").socketPath == "/run/docker.sock")
    #expect(try DockerHost(parsing: "/run/docker.sock").socketPath == "/run/docker.sock")
    #expect(throws: DockerHostError.self) { try DockerHost(parsing: "tcp://10.0.0.1:2375") }
  }
}
