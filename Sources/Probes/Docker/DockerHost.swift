/// Where the Docker daemon's Engine API listens: a unix socket, given as `unix:///path` (as `docker -H` and
/// `DOCKER_HOST` write it) or as a plain path.
public struct DockerHost: Sendable, Hashable, CustomStringConvertible {
  public let socketPath: String

  /// The daemon's default socket.
  public static let standard = DockerHost(socketPath: "/var/run/docker.sock")

  public init(socketPath: String) {
    self.socketPath = socketPath
  }

  /// Reads `unix:///path` or `/path`.
  /// - Throws: `DockerHostError` for a TCP or other non-unix address, which Palisade does not query.
  public init(parsing text: String) throws(DockerHostError) {
    if text.hasPrefix("unix://") {
      let path = String(text.dropFirst("unix://".count))
      guard path.hasPrefix("/") else { throw DockerHostError(text: text) }
      socketPath = path
    } else if text.hasPrefix("/") {
      socketPath = text
    } else {
      throw DockerHostError(text: text)
    }
  }

  public var description: String { "unix://\(socketPath)" }
}

/// A Docker host address Palisade cannot use.
public struct DockerHostError: Error, Sendable, CustomStringConvertible {
  public let text: String
  public var description: String {
    "docker host '\(text)' is not a unix socket (write unix:///path/to/docker.sock)"
  }
}
