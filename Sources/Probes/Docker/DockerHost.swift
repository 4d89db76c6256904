import Foundation

/// Where the Docker daemon's Engine API listens, written as `docker -H` and `DOCKER_HOST` write it: a unix socket
/// (`unix:///path`, or a plain absolute path) or a TCP address (`tcp://HOST:PORT`), spoken over TLS when `tls` is set.
public struct DockerHost: Sendable, Hashable, CustomStringConvertible {
  /// The daemon's socket address.
  public enum Address: Sendable, Hashable {
    case unixSocket(path: String)
    case tcp(host: String, port: Int)
  }

  public let address: Address
  /// TLS settings for a TCP address; nil for plain HTTP (and always for a unix socket).
  public let tls: DockerTLS?

  /// The daemon's default socket.
  public static let standard = DockerHost(socketPath: "/var/run/docker.sock")

  /// The port the docker CLI assumes for `tcp://HOST` without one: 2375 for plain HTTP, 2376 with TLS.
  static func defaultPort(withTLS: Bool) -> Int { withTLS ? 2376 : 2375 }

  public init(socketPath: String) {
    address = .unixSocket(path: socketPath)
    tls = nil
  }

  public init(address: Address, tls: DockerTLS?) {
    self.address = address
    if case .tcp = address { self.tls = tls } else { self.tls = nil }
  }

  /// Reads `unix:///path`, `/path` or `tcp://HOST[:PORT]` (an IPv6 host in brackets).
  /// - Parameter tls: how to speak TLS to a TCP address; nil for plain HTTP.
  /// - Throws: `DockerHostError` for a relative unix path, a malformed TCP address, or another scheme (ssh://,
  ///   npipe://, fd://, ...), which Palisade does not speak.
  public init(parsing text: String, tls: DockerTLS? = nil) throws(DockerHostError) {
    if text.hasPrefix("unix://") {
      let path = String(text.dropFirst("unix://".count))
      guard path.hasPrefix("/") else {
        throw DockerHostError(text: text, reason: "the unix socket path is not absolute")
      }
      self.init(socketPath: path)
    } else if text.hasPrefix("/") {
      self.init(socketPath: text)
    } else if text.hasPrefix("tcp://") {
      self.init(address: try Self.tcpAddress(text, defaultPort: Self.defaultPort(withTLS: tls != nil)), tls: tls)
    } else if let scheme = text.range(of: "://").map({ String(text[..<$0.lowerBound]) }) {
      throw DockerHostError(text: text, reason: "Palisade does not speak \(scheme)://")
    } else {
      throw DockerHostError(text: text, reason: "it is neither an absolute socket path nor a URL")
    }
  }

  private static func tcpAddress(_ text: String, defaultPort: Int) throws(DockerHostError) -> Address {
    let rest = text.dropFirst("tcp://".count)
    let authority = rest.prefix { $0 != "/" }
    guard rest.dropFirst(authority.count).allSatisfy({ $0 == "/" }) else {
      throw DockerHostError(text: text, reason: "a TCP address takes no path")
    }
    var host = Substring(authority)
    var portText: Substring?
    if host.hasPrefix("[") {
      guard let close = host.firstIndex(of: "]") else { throw DockerHostError(text: text, reason: "missing ']'") }
      let after = host[host.index(after: close)...]
      if !after.isEmpty {
        guard after.hasPrefix(":") else { throw DockerHostError(text: text, reason: "unexpected text after ']'") }
        portText = after.dropFirst()
      }
      host = host[host.index(after: host.startIndex)..<close]
    } else if let colon = host.lastIndex(of: ":") {
      portText = host[host.index(after: colon)...]
      host = host[..<colon]
    }
    guard !host.isEmpty else { throw DockerHostError(text: text, reason: "the host is missing") }
    var port = defaultPort
    if let portText {
      guard let number = Int(portText), (1...65535).contains(number) else {
        throw DockerHostError(text: text, reason: "the port is not a number from 1 to 65535")
      }
      port = number
    }
    return .tcp(host: String(host), port: port)
  }

  public var description: String {
    switch address {
    case .unixSocket(let path): "unix://\(path)"
    case .tcp(let host, let port): "tcp://\(host.contains(":") ? "[\(host)]" : host):\(port)"
    }
  }
}

/// How to speak TLS to a daemon's TCP address, as the docker CLI's `--tlsverify`, `--tlscacert`, `--tlscert` and
/// `--tlskey` say it.
public struct DockerTLS: Sendable, Hashable {
  /// Whether the daemon's certificate must be signed by `caFile` (or the system's authorities) and name the host.
  public let verify: Bool
  /// The authority that signs the daemon's certificate, PEM.
  public let caFile: String?
  /// The client's certificate and key, PEM, for a daemon that asks for them.
  public let certificateFile: String?
  public let keyFile: String?

  public init(verify: Bool, caFile: String?, certificateFile: String?, keyFile: String?) {
    self.verify = verify
    self.caFile = caFile
    self.certificateFile = certificateFile
    self.keyFile = keyFile
  }
}

/// A Docker host address Palisade cannot use.
public struct DockerHostError: Error, Sendable, CustomStringConvertible {
  public let text: String
  public let reason: String
  public var description: String {
    "docker host '\(text)' cannot be used: \(reason) (write unix:///path/to/docker.sock or tcp://HOST:PORT)"
  }
}
