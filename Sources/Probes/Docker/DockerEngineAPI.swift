import Foundation
import Synchronization

/// The Docker Engine API of one daemon, read once per scan: each GET path is fetched at most once and kept parsed.
///
/// Every request has a deadline (`requestTimeout`), and the scan as a whole spends at most `budget` waiting for the
/// daemon: after that, paths not fetched yet fail at once. A daemon that cannot be reached or does not answer in time
/// is not asked again in the same scan, but documents it already gave still answer.
final class DockerEngineAPI: Sendable {
  let host: DockerHost
  /// The longest one request may take.
  let requestTimeout: Duration
  /// The longest the scan may wait for the daemon, all requests together.
  let budget: Duration
  private let client: DockerHTTPClient
  private let connectTimeout: Duration
  /// Documents by path, and the failure that showed the daemon cannot be reached, if one did.
  private struct State {
    var documents: [String: Result<JSONValue, DockerAPIError>] = [:]
    /// The first request that could not reach the daemon, and why: `GET /info failed: no answer within 5 s`.
    var unreachable: Unreachable?
    /// When the budget runs out, set by the first request.
    var budgetEnd: ContinuousClock.Instant?
    /// Paths a caller is fetching now; others needing them wait for `arrivals` instead of asking the daemon again.
    var inFlight: Set<String> = []
  }
  /// Why the daemon is not asked again, and whether no daemon was there at all (see `DockerAPIError.noDaemon`).
  private struct Unreachable {
    var reason: String
    var noDaemon: Bool
  }
  private let state = Mutex(State())
  /// Signalled when fetched documents are stored: objects collected in parallel that need the same documents (every
  /// container rule needs each container's settings) wait for one fetch.
  private let arrivals = NSCondition()

  /// How many request timeouts a scan may spend on the Docker API when no budget is given.
  static let requestsPerBudget = 6

  /// - Parameters:
  ///   - requestTimeout: the deadline of each request (`--docker-timeout`).
  ///   - budget: the scan's total; by default `requestsPerBudget` request timeouts.
  init(
    host: DockerHost, requestTimeout: Duration = .seconds(5), budget: Duration? = nil,
    connectTimeout: Duration = .seconds(2)
  ) {
    self.host = host
    self.requestTimeout = requestTimeout
    self.budget = budget ?? requestTimeout * Self.requestsPerBudget
    self.connectTimeout = connectTimeout
    client = DockerHTTPClient(host: host, connectTimeout: connectTimeout)
  }

  /// The JSON document at `path` (such as `/info`), parsed.
  /// - Throws: `DockerAPIError` when the daemon cannot be reached, answers with an error status, or sends
  ///   something that is not JSON.
  func document(at path: String) throws(DockerAPIError) -> JSONValue {
    try documents(at: [path])[0].get()
  }

  /// The JSON documents at `paths`, in their order; those not fetched yet are fetched together, several at a time,
  /// and those another object is fetching now are waited for.
  func documents(at paths: [String]) -> [Result<JSONValue, DockerAPIError>] {
    if let known = knownDocuments(at: paths) { return known }
    let now = ContinuousClock.now
    let (claimed, unreachable, budgetEnd) = state.withLock { state in
      if state.budgetEnd == nil { state.budgetEnd = now + budget }
      var claimed: [String] = []
      for path in paths where state.documents[path] == nil && !state.inFlight.contains(path) {
        state.inFlight.insert(path)
        claimed.append(path)
      }
      return (claimed, state.unreachable, state.budgetEnd ?? now)
    }
    let fetched = fetch(claimed, unreachable: unreachable, remaining: budgetEnd - now)
    arrivals.lock()
    state.withLock { state in
      for (path, result) in zip(claimed, fetched) {
        state.documents[path] = result
        state.inFlight.remove(path)
      }
    }
    arrivals.broadcast()
    // Documents already fetched answer even after the daemon stopped answering.
    while true {
      if let known = knownDocuments(at: paths) {
        arrivals.unlock()
        return known
      }
      arrivals.wait()
    }
  }

  /// Writes the body at `path` (a container's export, a saved image) to `descriptor`, up to `limit` bytes, failing
  /// when the daemon sends nothing for `requestTimeout`. Not cached, and outside the scan's budget: it is fetched
  /// before the scan, once.
  /// - Throws: `DockerAPIError` when the daemon cannot be reached, answers with an error status (its message
  ///   quoted), or sends more than `limit` bytes.
  func download(_ path: String, into descriptor: Int32, limit: Int) throws(DockerAPIError) {
    let client = DockerHTTPClient(host: host, connectTimeout: connectTimeout, maximumBodySize: limit)
    switch client.download(path, into: descriptor, stallTimeout: requestTimeout) {
    case .success(let response):
      _ = try document(in: response, at: path).get()
    case .failure(let error):
      var failure = failure(path, error.description, noDaemon: error.kind == .cannotConnect)
      failure.exceedsLimit = error.kind == .tooLarge
      throw failure
    }
  }

  /// The document at `path` when it was fetched before and is JSON; never asks the daemon.
  func fetchedDocument(at path: String) -> JSONValue? {
    state.withLock { try? $0.documents[path]?.get() }
  }

  /// The documents when every one was fetched before.
  private func knownDocuments(at paths: [String]) -> [Result<JSONValue, DockerAPIError>]? {
    state.withLock { state in
      var known: [Result<JSONValue, DockerAPIError>] = []
      for path in paths {
        guard let document = state.documents[path] else { return nil }
        known.append(document)
      }
      return known
    }
  }

  private func fetch(
    _ paths: [String], unreachable: Unreachable?, remaining: Duration
  ) -> [Result<JSONValue, DockerAPIError>] {
    guard !paths.isEmpty else { return [] }
    if let unreachable {
      return paths.map {
        .failure(failure($0, "not asked, as \(unreachable.reason)", noDaemon: unreachable.noDaemon))
      }
    }
    guard remaining > .milliseconds(10) else {
      return paths.map {
        .failure(failure($0, "not asked: the scan's \(budget.secondsText) for the Docker Engine API were spent"))
      }
    }
    let timeout = min(requestTimeout, remaining)
    return zip(paths, client.get(paths, timeout: timeout)).map { path, result in
      switch result {
      case .success(let response): return document(in: response, at: path)
      case .failure(let error):
        let clipped = error.kind == .timedOut && timeout < requestTimeout
        let reason =
          error.description
          + (clipped ? " (what was left of the scan's \(budget.secondsText) for the Docker Engine API)" : "")
        let noDaemon = error.kind == .cannotConnect
        if error.kind != .badReply && error.kind != .tooLarge {
          state.withLock {
            if $0.unreachable == nil {
              $0.unreachable = Unreachable(reason: "GET \(path) failed: \(reason)", noDaemon: noDaemon)
            }
          }
        }
        return .failure(failure(path, reason, noDaemon: noDaemon))
      }
    }
  }

  private func document(in response: DockerHTTPClient.Response, at path: String) -> Result<JSONValue, DockerAPIError> {
    let parsed = Result { () throws(JSONParseError) -> JSONValue in
      response.body.isEmpty ? .null : try JSONParser.parse(response.body)
    }
    guard (200..<300).contains(response.status) else {
      let message = (try? parsed.get())?["message"]?.string
      return .failure(
        DockerAPIError(
          description: "Docker Engine API at \(host): GET \(path) answered \(response.status)"
            + (message.map { ": \($0)" } ?? "")))
    }
    return parsed.mapError { failure(path, "did not answer with JSON: \($0.description)") }
  }

  private func failure(_ path: String, _ reason: String, noDaemon: Bool = false) -> DockerAPIError {
    DockerAPIError(description: "Docker Engine API at \(host): GET \(path): \(reason)", noDaemon: noDaemon)
  }
}

/// Why the Engine API could not answer, naming the daemon's address.
struct DockerAPIError: Error, Sendable, CustomStringConvertible {
  let description: String
  /// Whether no daemon could be connected to at all (no socket, connection refused). A daemon that accepts and then
  /// does not answer in time, or answers badly, is running: that is not this.
  var noDaemon = false
  /// Whether the answer was larger than the caller accepts.
  var exceedsLimit = false
}
