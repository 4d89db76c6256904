import Foundation

/// A rootless dockerd (`dockerd-rootless.sh`) or podman service, told by its unix socket: one that a user other than
/// root owns. It
/// reads its settings from `$XDG_CONFIG_HOME/docker/daemon.json` of that user (by default `~/.config/docker/daemon.json`)
/// instead of /etc/docker/daemon.json, writes its pid beside its socket (`$XDG_RUNTIME_DIR/docker.pid`), which gives
/// its environment, keeps its data in `$XDG_DATA_HOME/docker` (`~/.local/share/docker`) and runs as a user service
/// (`~/.config/systemd/user/docker.service`). Nothing connects to the socket here.
public struct RootlessDockerDaemon: Sendable, Equatable {
  /// The user the daemon runs as: the socket's owner.
  public let userID: UInt32
  /// The daemon.json the daemon reads when no `--config-file` names another.
  public let configurationFile: String
  /// The pid file the daemon writes when it starts: `docker.pid` beside its socket.
  public let pidFile: String
  /// Where the daemon keeps images, containers and volumes.
  public let dataRoot: String
  /// The folders the user's systemd manager reads `docker.service` and its drop-ins from, as `systemd.unit(5)` lists
  /// them for a user manager.
  public let unitFolders: [String]
  /// The folder whose `containers.conf` and `containers.conf.d` a rootless podman reads after the system's:
  /// `$XDG_CONFIG_HOME/containers`.
  public let containersConfigurationFolder: String

  /// The rootless daemon listening on `host`; nil for a TCP address, a path that is not a socket, or one root owns.
  public init?(listeningOn host: DockerHost) {
    guard case .unixSocket(let path) = host.address else { return nil }
    var status = stat()
    guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFSOCK, status.st_uid != 0 else { return nil }
    userID = status.st_uid
    let pidFile = ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent("docker.pid")
    let environment = Self.environment(ofProcessIn: pidFile, runningAs: status.st_uid)
    let home = environment["HOME"] ?? getpwuid(status.st_uid).map { String(cString: $0.pointee.pw_dir) }
    guard let configurationHome = environment["XDG_CONFIG_HOME"] ?? home.map({ "\($0)/.config" }),
      let dataHome = environment["XDG_DATA_HOME"] ?? home.map({ "\($0)/.local/share" })
    else { return nil }
    self.pidFile = pidFile
    configurationFile = "\(configurationHome)/docker/daemon.json"
    containersConfigurationFolder = "\(configurationHome)/containers"
    dataRoot = "\(dataHome)/docker"
    let runtimeFolder = (path as NSString).deletingLastPathComponent
    unitFolders = [
      "\(configurationHome)/systemd/user", "/etc/systemd/user", "\(runtimeFolder)/systemd/user",
      "/run/systemd/user", "\(dataHome)/systemd/user", "/usr/lib/systemd/user", "/lib/systemd/user",
    ].flatMap { [$0, "\($0)/docker.service.d"] }
  }

  /// The environment of the process whose pid `pidFile` holds, when it runs as `userID`; empty otherwise.
  private static func environment(ofProcessIn pidFile: String, runningAs userID: uid_t) -> [String: String] {
    guard let text = try? String(contentsOfFile: pidFile, encoding: .utf8),
      let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 0
    else { return [:] }
    var status = stat()
    guard stat("/proc/\(pid)", &status) == 0, status.st_uid == userID else { return [:] }
    return environment(ofProcess: pid)
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
