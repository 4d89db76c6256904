import Foundation

/// A rootless dockerd (`dockerd-rootless.sh`), told by the process that answers on its unix socket: one that runs as a
/// user other than root. It reads its settings from `$XDG_CONFIG_HOME/docker/daemon.json` of that user (by default
/// `~/.config/docker/daemon.json`) instead of /etc/docker/daemon.json.
public struct RootlessDockerDaemon: Sendable, Equatable {
  /// The daemon's process, as the kernel reports the peer of a connection to its socket.
  public let processID: Int32
  public let userID: UInt32
  /// The daemon.json the daemon reads when no `--config-file` names another.
  public let configurationFile: String

  /// The rootless daemon listening on `host`; nil for a TCP address, a socket nothing listens on, or a daemon that
  /// runs as root.
  public init?(listeningOn host: DockerHost) {
    guard case .unixSocket(let path) = host.address, let peer = Self.peer(ofSocket: path), peer.uid != 0 else {
      return nil
    }
    processID = peer.pid
    userID = peer.uid
    let environment = Self.environment(ofProcess: peer.pid)
    let home = environment["HOME"] ?? getpwuid(peer.uid).map { String(cString: $0.pointee.pw_dir) }
    guard let configurationHome = environment["XDG_CONFIG_HOME"] ?? home.map({ "\($0)/.config" }) else { return nil }
    configurationFile = "\(configurationHome)/docker/daemon.json"
  }

  /// The credentials of the process that accepted a connection to the socket (SO_PEERCRED: its pid, uid and gid as
  /// three 32-bit numbers).
  private static func peer(ofSocket path: String) -> (pid: Int32, uid: UInt32)? {
    let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let bytes = Array(path.utf8)
    guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return nil }
    withUnsafeMutableBytes(of: &address.sun_path) { buffer in
      for (index, byte) in bytes.enumerated() { buffer[index] = byte }
    }
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
      }
    }
    guard connected == 0 else { return nil }
    var credentials: (Int32, UInt32, UInt32) = (0, 0, 0)
    var length = socklen_t(MemoryLayout.size(ofValue: credentials))
    guard getsockopt(descriptor, SOL_SOCKET, SO_PEERCRED, &credentials, &length) == 0, credentials.0 > 0 else {
      return nil
    }
    return (credentials.0, credentials.1)
  }

  /// The environment a process started with (`/proc/PID/environ`, NUL-separated); empty when it cannot be read.
  private static func environment(ofProcess pid: Int32) -> [String: String] {
    guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/environ") else { return [:] }
    var environment: [String: String] = [:]
    for entry in data.split(separator: 0) {
      let text = String(decoding: entry, as: UTF8.self)
      guard let equals = text.firstIndex(of: "=") else { continue }
      environment[String(text[..<equals])] = String(text[text.index(after: equals)...])
    }
    return environment
  }
}
