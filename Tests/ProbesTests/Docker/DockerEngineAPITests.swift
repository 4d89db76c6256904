import Foundation
import Testing

@testable import Probes

/// The Engine API client over a unix socket: lengths, chunks, errors, malformed and hostile replies, deadlines, the
/// scan's budget and parallel fetches.
@Suite struct DockerEngineAPITests {
  @Test func readsAContentLengthBody() throws {
    let server = try FakeDockerSocket { _ in FakeDockerSocket.http(200, #"{"LoggingDriver":"syslog"}"#) }
    defer { server.stop() }
    let document = try DockerEngineAPI(host: DockerHost(socketPath: server.path)).document(at: "/info")
    #expect(document["LoggingDriver"]?.string == "syslog")
  }

  @Test func readsAChunkedBody() throws {
    let server = try FakeDockerSocket { _ in FakeDockerSocket.http(200, #"[{"Name":"a"},{"Name":"b"}]"#, chunked: true)
    }
    defer { server.stop() }
    let document = try DockerEngineAPI(host: DockerHost(socketPath: server.path)).document(at: "/plugins")
    #expect(document.elements?.count == 2)
  }

  @Test func aLabelKeyLongerThanYAMLAllowsIsRead() throws {
    let key = String(repeating: "k", count: 5000)
    let server = try FakeDockerSocket { _ in FakeDockerSocket.http(200, #"[{"Id":"a","Labels":{"\#(key)":"v"}}]"#) }
    defer { server.stop() }
    let document = try DockerEngineAPI(host: DockerHost(socketPath: server.path)).document(at: "/containers/json")
    #expect(document.elements?.first?["Labels"]?[key]?.string == "v")
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
    #expect {
      try DockerEngineAPI(host: DockerHost(socketPath: "/nonexistent/docker.sock")).document(at: "/info")
    } throws: { error in
      String(describing: error).contains("/nonexistent/docker.sock")
        && String(describing: error).contains("no such file")
    }
  }

  @Test func aDaemonThatNeverAnswersTimesOutAndIsNotAskedAgain() throws {
    let server = try FakeDockerSocket { _ in nil }
    defer { server.stop() }
    let api = DockerEngineAPI(host: DockerHost(socketPath: server.path), requestTimeout: .seconds(1))
    #expect {
      try api.document(at: "/info")
    } throws: { error in
      String(describing: error).contains(server.path) && String(describing: error).contains("no answer within")
    }
    // The daemon is not asked again in the same scan: the second object fails with the first one's reason.
    #expect {
      try api.document(at: "/version")
    } throws: { error in
      String(describing: error).contains("GET /version: not asked, as GET /info failed: no answer within 1 s")
    }
  }

  /// Replies that once crashed the scan (range and overflow traps) or let it run past any deadline; each is an error
  /// of the request, with libcurl's reason.
  static let hostileReplies: [(name: String, reply: FakeDockerReply, reason: String)] = [
    (
      "chunk size -1", .bytes(Array("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n-1\r\n{}\r\n0\r\n\r\n".utf8)),
      "malformed HTTP answer"
    ),
    (
      "Content-Length -5", .bytes(Array("HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\n{}".utf8)),
      "malformed HTTP answer"
    ),
    (
      "chunk size 7fffffffffffffff",
      .bytes(Array("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n7fffffffffffffff\r\n{}".utf8)),
      "malformed HTTP answer"
    ),
    (
      "a truncated Content-Length body", .bytes(Array("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"a\": 1".utf8)),
      "malformed HTTP answer"
    ),
    (
      "a truncated chunked body",
      .bytes(Array("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n{\"a\": 1".utf8)),
      "malformed HTTP answer"
    ),
    ("not HTTP", .bytes(Array("garbage\r\n\r\n{}".utf8)), "malformed HTTP answer"),
    ("endless \\r bytes", .endless([], repeating: Array(repeating: 13, count: 65536)), "malformed HTTP answer"),
    (
      "endless header lines",
      .endless(Array("HTTP/1.1 200 OK\r\n".utf8), repeating: Array("X-Filler: aaaaaaaaaaaaaaaa\r\n".utf8)),
      "malformed HTTP answer"
    ),
    (
      "an endless body", .endless(Array("HTTP/1.1 200 OK\r\n\r\n".utf8), repeating: Array(repeating: 32, count: 65536)),
      "the answer is larger than"
    ),
  ]

  @Test(arguments: hostileReplies.indices)
  func aHostileReplyIsAnErrorOfTheRequest(index: Int) throws {
    let (name, reply, reason) = Self.hostileReplies[index]
    let server = try FakeDockerSocket { _ in reply }
    defer { server.stop() }
    let api = DockerEngineAPI(host: DockerHost(socketPath: server.path), requestTimeout: .seconds(3))
    let result = api.documents(at: ["/info"])[0]
    guard case .failure(let error) = result else {
      Issue.record("\(name): read as \(result)")
      return
    }
    #expect(error.description.hasPrefix("Docker Engine API at unix://\(server.path): GET /info: "), "\(name)")
    #expect(error.description.contains(reason), "\(name): \(error.description)")
  }

  @Test func aBodyLargerThanTheBoundIsAnError() throws {
    let server = try FakeDockerSocket { _ in
      FakeDockerSocket.http(200, "[" + String(repeating: "1,", count: 600) + "1]")
    }
    defer { server.stop() }
    let client = DockerHTTPClient(host: DockerHost(socketPath: server.path), maximumBodySize: 1000)
    let result = client.get(["/info"], timeout: .seconds(3))[0]
    #expect(throws: HTTPClientError.self) { try result.get() }
    #expect((try? result.get()) == nil)
    if case .failure(let error) = result { #expect(error.description == "the answer is larger than 1000 bytes") }
  }

  @Test func documentsAlreadyFetchedStillAnswerAfterASlowReply() throws {
    let server = try FakeDockerSocket { line in
      line.contains("/top") ? .silence : .bytes(FakeDockerSocket.http(200, #"{"LoggingDriver":"syslog"}"#))
    }
    defer { server.stop() }
    let api = DockerEngineAPI(host: DockerHost(socketPath: server.path), requestTimeout: .seconds(1))
    _ = try api.document(at: "/info")
    #expect(throws: DockerAPIError.self) { try api.document(at: "/containers/a/top") }
    #expect(try api.document(at: "/info")["LoggingDriver"]?.string == "syslog")
  }

  @Test func pathsNotFetchedWhenTheBudgetIsSpentFailAtOnce() throws {
    let server = try FakeDockerSocket { _ in FakeDockerSocket.http(200, "{}") }
    defer { server.stop() }
    let api = DockerEngineAPI(
      host: DockerHost(socketPath: server.path), requestTimeout: .seconds(1), budget: .milliseconds(300))
    _ = try api.document(at: "/info")
    Thread.sleep(forTimeInterval: 0.4)
    #expect {
      try api.document(at: "/version")
    } throws: { error in
      String(describing: error).contains("not asked: the scan's 0.3 s for the Docker Engine API were spent")
    }
    #expect(try api.document(at: "/info") == .object(JSONObject(members: [])))
  }

  @Test func severalPathsAreFetchedAtOnceWithABoundedWidth() throws {
    let server = try FakeDockerSocket(delay: .milliseconds(300)) { _ in FakeDockerSocket.http(200, "{}") }
    defer { server.stop() }
    let api = DockerEngineAPI(host: DockerHost(socketPath: server.path), requestTimeout: .seconds(10))
    let results = api.documents(at: (0..<20).map { "/containers/\($0)/top" })
    #expect(results.allSatisfy { (try? $0.get()) != nil })
    #expect(server.mostConcurrentConnections > 1)
    #expect(server.mostConcurrentConnections <= DockerHTTPClient(host: .standard).width)
  }

  @Test func hostsAreUnixSocketsOrTCP() throws {
    #expect(try DockerHost(parsing: "unix:///run/docker.sock").address == .unixSocket(path: "/run/docker.sock"))
    #expect(try DockerHost(parsing: "/run/docker.sock").address == .unixSocket(path: "/run/docker.sock"))
    #expect(try DockerHost(parsing: "tcp://10.0.0.1:2375").address == .tcp(host: "10.0.0.1", port: 2375))
    #expect(try DockerHost(parsing: "tcp://10.0.0.1").address == .tcp(host: "10.0.0.1", port: 2375))
    let tls = DockerTLS(verify: true, caFile: nil, certificateFile: nil, keyFile: nil)
    #expect(try DockerHost(parsing: "tcp://[::1]", tls: tls).address == .tcp(host: "::1", port: 2376))
    #expect(try DockerHost(parsing: "tcp://[::1]", tls: tls).description == "tcp://[::1]:2376")
  }

  @Test(
    "a scheme or address Palisade does not take is a clear error",
    arguments: [
      ("ssh://user@host", "does not speak ssh://"), ("npipe:////./pipe/docker_engine", "does not speak npipe://"),
      ("unix://run/docker.sock", "not absolute"), ("docker.sock", "neither an absolute socket path nor a URL"),
      ("tcp://host:99999", "port"), ("tcp://:2375", "host is missing"), ("tcp://host:2375/v1", "no path"),
    ])
  func unusableHosts(text: String, reason: String) {
    #expect {
      try DockerHost(parsing: text)
    } throws: { error in
      let description = String(describing: error)
      return description.contains("'\(text)'") && description.contains(reason)
    }
  }
}
