import Foundation
import Synchronization
import Yams

/// The Docker Engine API of one daemon, read once per scan: each GET path is fetched at most once, and a daemon
/// that cannot be reached is tried once, so every API object of the scan gets the same answer quickly.
final class DockerEngineAPI: Sendable {
  let host: DockerHost
  private let client: UnixSocketHTTPClient
  /// Answers by path, and the failure that showed the daemon cannot be reached, if one did.
  private struct State {
    /// JSON texts, kept as text because Yams' nodes are not Sendable; parsing them again is cheap.
    var responses: [String: Result<String, DockerAPIError>] = [:]
    var unreachable: DockerAPIError?
  }
  private let state = Mutex(State())

  init(host: DockerHost, connectTimeout: Duration = .seconds(2), responseTimeout: Duration = .seconds(5)) {
    self.host = host
    client = UnixSocketHTTPClient(
      socketPath: host.socketPath, connectTimeout: connectTimeout, responseTimeout: responseTimeout)
  }

  /// The JSON document at `path` (such as `/info`), parsed.
  /// - Throws: `DockerAPIError` when the daemon cannot be reached, answers with an error status, or sends
  ///   something that is not JSON.
  func document(at path: String) throws(DockerAPIError) -> Node {
    let known: Result<String, DockerAPIError>? = state.withLock { state in
      if let failure = state.unreachable { return .failure(failure) }
      return state.responses[path]
    }
    let result = known ?? fetch(path)
    if known == nil { state.withLock { $0.responses[path] = result } }
    return try parse(try result.get(), path: path)
  }

  private func parse(_ text: String, path: String) throws(DockerAPIError) -> Node {
    guard let node = try? Yams.compose(yaml: text.isEmpty ? "null" : text) else {
      throw DockerAPIError(description: "Docker Engine API at \(host.socketPath): GET \(path) did not answer with JSON")
    }
    return node
  }

  private func fetch(_ path: String) -> Result<String, DockerAPIError> {
    let response: UnixSocketHTTPClient.Response
    do {
      response = try client.get(path)
    } catch {
      let failure = DockerAPIError(description: error.description, daemonUnreachable: true)
      state.withLock { $0.unreachable = failure }
      return .failure(failure)
    }
    guard (200..<300).contains(response.status) else {
      let message = (try? JSONSerialization.jsonObject(with: response.body) as? [String: Any])?["message"] as? String
      return .failure(
        DockerAPIError(
          description: "Docker Engine API at \(host.socketPath): GET \(path) answered \(response.status)"
            + (message.map { ": \($0)" } ?? "")))
    }
    guard let text = String(data: response.body, encoding: .utf8) else {
      return .failure(
        DockerAPIError(description: "Docker Engine API at \(host.socketPath): GET \(path) did not answer with JSON"))
    }
    return .success(text)
  }
}

/// Why the Engine API could not answer, naming the socket.
struct DockerAPIError: Error, Sendable, CustomStringConvertible {
  let description: String
  /// Whether no answer came at all (no connection, no reply in time), rather than an answer that is an error.
  var daemonUnreachable = false
}
