import Foundation
import TestSupport

/// A real rootless dockerd (`dockerd-rootless.sh` under rootlesskit) that a test starts as an unprivileged user with
/// subordinate ids (/etc/subuid), its runtime, configuration and data folders (`XDG_RUNTIME_DIR`, `XDG_CONFIG_HOME`,
/// `XDG_DATA_HOME`) in a temporary folder that user owns. rootlesskit runs with the host's network (no slirp4netns,
/// which needs /dev/net/tun) and no port driver. Always call `stop()`, in a `defer` right after starting it.
final class RootlessDockerDaemonProcess {
  let folder: String
  let user: (name: String, uid: uid_t, gid: gid_t)
  private let command: BackgroundCommand

  var runtimeFolder: String { "\(folder)/run" }
  var socketPath: String { "\(runtimeFolder)/docker.sock" }
  /// Where the daemon reads its settings: `$XDG_CONFIG_HOME/docker/daemon.json`.
  var configurationFile: String { "\(folder)/config/docker/daemon.json" }
  /// Where the daemon writes its pid: `$XDG_RUNTIME_DIR/docker.pid`.
  var pidFile: String { "\(runtimeFolder)/docker.pid" }
  /// Where the daemon keeps its data: `$XDG_DATA_HOME/docker`.
  var dataRoot: String { "\(folder)/data/docker" }

  /// The script, when docker.io ships it.
  static let script = ["/usr/share/docker.io/contrib/dockerd-rootless.sh", "/usr/bin/dockerd-rootless.sh"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }

  /// The first user of /etc/subuid that is not root and has an account: rootlesskit maps its subordinate ids.
  static let user: (name: String, uid: uid_t, gid: gid_t)? = {
    guard let text = try? String(contentsOfFile: "/etc/subuid", encoding: .utf8) else { return nil }
    for line in text.split(separator: "\n") {
      guard let name = line.split(separator: ":").first, let entry = getpwnam(String(name)),
        entry.pointee.pw_uid != 0
      else { continue }
      return (String(name), entry.pointee.pw_uid, entry.pointee.pw_gid)
    }
    return nil
  }()

  /// Whether a rootless dockerd can be started here: root (to become the user), the script, rootlesskit, newuidmap
  /// and a user with subordinate ids.
  static let canStart =
    Prerequisites.isRoot && script != nil && CommandRun.which("rootlesskit") != nil
    && CommandRun.which("newuidmap") != nil && user != nil

  /// Starts the daemon with `configuration` as its daemon.json.
  init(configuration: String) throws {
    guard Self.canStart, let script = Self.script, let user = Self.user else {
      throw DockerDaemonError(description: "a rootless dockerd cannot be started here")
    }
    self.user = user
    var template = Array("/tmp/rootless-XXXXXX".utf8CString)
    guard let made = mkdtemp(&template) else { throw DockerDaemonError(description: "cannot make a folder") }
    folder = String(cString: made)
    for sub in ["run", "config/docker", "data"] {
      try FileManager.default.createDirectory(atPath: "\(folder)/\(sub)", withIntermediateDirectories: true)
    }
    try Data(configuration.utf8).write(to: URL(fileURLWithPath: "\(folder)/config/docker/daemon.json"))
    for path in [folder, "\(folder)/run", "\(folder)/config", "\(folder)/config/docker", "\(folder)/data"] {
      chown(path, user.uid, user.gid)
    }
    chown("\(folder)/config/docker/daemon.json", user.uid, user.gid)
    chmod("\(folder)/run", 0o700)
    let environment = [
      "XDG_RUNTIME_DIR=\(folder)/run", "XDG_CONFIG_HOME=\(folder)/config", "XDG_DATA_HOME=\(folder)/data",
      "HOME=\(folder)", "DOCKERD_ROOTLESS_ROOTLESSKIT_NET=host", "DOCKERD_ROOTLESS_ROOTLESSKIT_PORT_DRIVER=none",
      "PATH=\((script as NSString).deletingLastPathComponent):/usr/sbin:/usr/bin:/sbin:/bin",
    ]
    command = try BackgroundCommand(
      "/usr/sbin/runuser",
      ["-u", user.name, "--", "/usr/bin/env", "-i"] + environment + [
        script, "--storage-driver=vfs", "--iptables=false", "--bridge=none",
      ])
    let deadline = Date().addingTimeInterval(60)
    while Date() < deadline {
      if UnixSocketPing.answers(socketPath) { return }
      if !command.process.isRunning { break }
      usleep(100_000)
    }
    let output = stopReturningOutput()
    throw DockerDaemonError(description: "the rootless dockerd did not answer on \(socketPath): \(output.suffix(2000))")
  }

  /// A socket beside the daemon's, owned by its user, where nothing listens: the daemon as a scan sees it when it
  /// has stopped answering (connections are refused) while its pid file and configuration stay.
  func socketWithoutDaemon() throws -> String {
    let path = "\(runtimeFolder)/gone.sock"
    let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(descriptor) }
    guard descriptor >= 0, bindUnixSocket(descriptor, to: path) else { throw POSIXError(.EADDRNOTAVAIL) }
    chown(path, user.uid, user.gid)
    return path
  }

  /// Stops dockerd by the pid it wrote (rootlesskit ends with it), then whatever is left, and removes the folder.
  func stop() { _ = stopReturningOutput() }

  private func stopReturningOutput() -> String {
    if let text = try? String(contentsOfFile: pidFile, encoding: .utf8),
      let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 0
    {
      kill(pid, SIGTERM)
      let deadline = Date().addingTimeInterval(20)
      while command.process.isRunning && Date() < deadline { usleep(50_000) }
    }
    if let text = try? String(contentsOfFile: "\(runtimeFolder)/dockerd-rootless/child_pid", encoding: .utf8),
      let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 0
    {
      kill(pid, SIGKILL)
    }
    command.stop()
    let output = (try? command.finish(timeout: 5))?.standardError ?? ""
    try? FileManager.default.removeItem(atPath: folder)
    return output
  }
}
