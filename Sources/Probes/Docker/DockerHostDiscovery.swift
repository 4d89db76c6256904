import Foundation

/// Finds the engine's socket when nothing names one (no `--docker-host`, `--context`, `DOCKER_HOST`,
/// `DOCKER_CONTEXT` or current docker context): the first socket that exists among the well-known places of the
/// engines asked for, in this order:
///
/// 1. Docker: `/var/run/docker.sock` (rootful), then `$XDG_RUNTIME_DIR/docker.sock` (rootless, what
///    `dockerd-rootless.sh` listens on);
/// 2. podman's Docker-compatible API (`podman system service`): `/run/podman/podman.sock` (rootful), then
///    `$XDG_RUNTIME_DIR/podman/podman.sock` (rootless, the `podman.socket` user unit).
///
/// `engine` keeps the engine's places only, `rootless` the rootless ones only. When no socket exists, the first place
/// asked for is given, so that errors name where the engine was expected.
public struct DockerHostDiscovery: Sendable {
  /// An engine whose Docker-compatible API Palisade reads.
  public enum Engine: String, Sendable, CaseIterable {
    case docker
    case podman
  }

  public let engine: Engine?
  public let rootless: Bool
  /// `XDG_RUNTIME_DIR`, where a rootless engine's socket lives (else `/run/user/UID`, what systemd sets it to).
  public let runtimeFolder: String

  public init(engine: Engine?, rootless: Bool, environment: [String: String]) {
    self.engine = engine
    self.rootless = rootless
    runtimeFolder = environment["XDG_RUNTIME_DIR"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? "/run/user/\(getuid())"
  }

  /// The sockets looked for, in order.
  public var candidates: [String] {
    var paths: [String] = []
    for candidate in Engine.allCases where engine == nil || engine == candidate {
      let (rootful, rootlessName) =
        candidate == .docker
        ? ("/var/run/docker.sock", "docker.sock") : ("/run/podman/podman.sock", "podman/podman.sock")
      if !rootless { paths.append(rootful) }
      paths.append((runtimeFolder as NSString).appendingPathComponent(rootlessName))
    }
    return paths
  }

  /// The first candidate that is a socket, else the first candidate (the default socket when there is none).
  /// - Parameter isSocket: whether a path is a socket now (tests give their own).
  public func host(isSocket: (String) -> Bool = Self.isSocket) -> DockerHost {
    let paths = candidates
    return DockerHost(socketPath: paths.first(where: isSocket) ?? paths[0])
  }

  /// Whether `path` names a unix socket (following links, as connecting does).
  public static func isSocket(_ path: String) -> Bool {
    var status = stat()
    return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFSOCK
  }
}
