public import Foundation

/// A real `dockerd` (Debian's docker.io) that a test starts on a socket of its own, with a configuration file of its
/// own and every folder in a temporary folder, so it touches nothing of the machine's Docker. It is stopped by its
/// pid: always call `stop()`, in a `defer` right after starting it.
///
/// The daemon is spawned and reaped here (posix_spawn, waitpid) rather than through Foundation's `Process`, so that
/// every wait has a deadline of its own: a test never hangs on a daemon that died or will not stop.
public final class DockerDaemon {
  public let folder: TemporaryFolder
  public let pid: pid_t
  public let docker: String?
  /// The folder given with `--data-root`; nil when the configuration names the data root.
  public let dataRootFlag: String?
  private var exited = false

  public var socketPath: String { folder.url.appendingPathComponent("docker.sock").path }
  /// What `palisade scan --docker-host` takes.
  public var dockerHost: String { "unix://\(socketPath)" }

  /// How long a daemon may take to answer `/_ping` after it was started.
  public static let startDeadline: TimeInterval = 60

  /// Starts a daemon whose daemon.json is `configuration`. Tests that call it are enabled only where
  /// `Prerequisites.canStartDockerd`.
  /// - Parameter dataRoot: a data root to reuse (a daemon restarted over the images and plugins of an earlier one).
  /// - Parameter dataRootConfigured: whether `configuration` names the data root itself (`data-root`): then no
  ///   `--data-root` is given, which dockerd refuses beside it.
  /// - Parameter arguments: more dockerd arguments (another `-H` listener, its TLS files).
  /// - Throws: when dockerd cannot be started here (not installed, not root), or starts but does not answer within
  ///   `startDeadline`, with the end of its log.
  public static func start(
    configuration: String, dataRoot: URL? = nil, dataRootConfigured: Bool = false, arguments: [String] = []
  ) throws -> DockerDaemon {
    guard Prerequisites.canStartDockerd else {
      throw DockerDaemonError(description: "dockerd cannot be started here: it needs docker.io installed and root")
    }
    return try DockerDaemon(
      configuration: configuration, dataRoot: dataRoot, arguments: arguments, dataRootConfigured: dataRootConfigured)
  }

  /// The file dockerd reads its settings from (`--config-file`).
  public var configurationFile: String { folder.url.appendingPathComponent("daemon.json").path }

  private init(configuration: String, dataRoot: URL?, arguments: [String], dataRootConfigured: Bool) throws {
    folder = try TemporaryFolder(mode: 0o755)
    docker = Prerequisites.docker
    let base = folder.url
    try Data(configuration.utf8).write(to: base.appendingPathComponent("daemon.json"))
    let data = dataRoot ?? base.appendingPathComponent("data")
    let exec = base.appendingPathComponent("exec")
    dataRootFlag = dataRootConfigured ? nil : data.path
    if let dataRootFlag {
      try FileManager.default.createDirectory(atPath: dataRootFlag, withIntermediateDirectories: true)
    }
    try FileManager.default.createDirectory(at: exec, withIntermediateDirectories: true)
    let executable = Prerequisites.dockerd ?? "/usr/sbin/dockerd"
    let log = base.appendingPathComponent("dockerd.log").path
    pid = try Self.spawn(
      executable,
      ["--config-file", base.appendingPathComponent("daemon.json").path]
        + (dataRootFlag.map { ["--data-root", $0] } ?? []) + [
          "--exec-root", exec.path, "-H", "unix://\(base.appendingPathComponent("docker.sock").path)",
          "--iptables=false", "--bridge=none", "--storage-driver=vfs", "--shutdown-timeout=1",
          "--pidfile", base.appendingPathComponent("docker.pid").path,
        ] + arguments, log: log)
    let deadline = Date().addingTimeInterval(Self.startDeadline)
    while Date() < deadline {
      if UnixSocketPing.answers(socketPath) { return }
      if !isRunning { break }
      usleep(100_000)
    }
    let tail = (try? String(contentsOfFile: log, encoding: .utf8)).map { String($0.suffix(2000)) } ?? ""
    stop()
    throw DockerDaemonError(description: "dockerd did not answer on \(socketPath) in time:\n\(tail)")
  }

  /// Starts `executable` with its output in `log` and no input.
  private static func spawn(_ executable: String, _ arguments: [String], log: String) throws -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { for argument in argv { free(argument) } }
    var child: pid_t = 0
    let status = posix_spawn(&child, executable, &actions, nil, argv, environ)
    guard status == 0 else {
      throw DockerDaemonError(description: "cannot start \(executable): \(String(cString: strerror(status)))")
    }
    return child
  }

  /// Whether dockerd still runs; reaps it once it has exited.
  public var isRunning: Bool {
    if exited { return false }
    var status: Int32 = 0
    // 0: still running; the pid: it exited and is reaped now; -1 (ECHILD): someone else reaped it.
    if waitpid(pid, &status, WNOHANG) == 0 { return true }
    exited = true
    return false
  }

  /// Stops the daemon by its pid and removes its folders. What outlives a daemon goes first: containers, plugins
  /// (processes of their own), the swarm and the networks (bridge interfaces in the host's kernel). Then SIGTERM,
  /// and SIGKILL after 20 seconds. Never waits without end.
  public func stop() {
    if isRunning {
      removeWhatOutlivesTheDaemon()
      kill(pid, SIGTERM)
      let deadline = Date().addingTimeInterval(20)
      while isRunning && Date() < deadline { usleep(50_000) }
      if isRunning {
        kill(pid, SIGKILL)
        let killed = Date().addingTimeInterval(10)
        while isRunning && Date() < killed { usleep(50_000) }
      }
    }
    folder.remove()
  }

  private func removeWhatOutlivesTheDaemon() {
    guard let docker else { return }
    func run(_ arguments: [String]) -> [String] {
      guard let result = try? CommandRun.run(docker, ["-H", dockerHost] + arguments, timeout: 30), result.status == 0
      else { return [] }
      return result.standardOutput.split(separator: "\n").map(String.init)
    }
    let containers = run(["ps", "-aq"])
    if !containers.isEmpty { _ = run(["rm", "-f"] + containers) }
    for plugin in run(["plugin", "ls", "-q"]) {
      _ = run(["plugin", "disable", "-f", plugin])
      _ = run(["plugin", "rm", "-f", plugin])
    }
    if run(["info", "--format", "{{.Swarm.LocalNodeState}}"]).first == "active" {
      _ = run(["swarm", "leave", "--force"])
    }
    let networks = run(["network", "ls", "--filter", "type=custom", "-q"])
    if !networks.isEmpty { _ = run(["network", "rm"] + networks) }
  }

  /// Runs the docker client against this daemon.
  /// - Throws: `DockerDaemonError` when the client is not installed or the command fails.
  @discardableResult
  public func run(_ arguments: [String]) throws -> String {
    guard let docker else { throw DockerDaemonError(description: "the docker client is not installed") }
    let result = try CommandRun.run(docker, ["-H", dockerHost] + arguments, timeout: 120)
    guard result.status == 0 else {
      throw DockerDaemonError(
        description: "docker \(arguments.joined(separator: " ")) failed: \(result.standardError)")
    }
    return result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// Imports an image made of `files` (host path to copy, path in the image); with none, an empty image, which is
  /// enough to create containers (not to start them).
  public func importImage(_ name: String, files: [(String, String)] = []) throws {
    let rootfs = folder.url.appendingPathComponent("rootfs-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: rootfs, withIntermediateDirectories: true)
    for (source, destination) in files {
      let target = rootfs.appendingPathComponent(String(destination.drop { $0 == "/" }))
      try FileManager.default.createDirectory(
        at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
      try FileManager.default.copyItem(atPath: source, toPath: target.path)
    }
    let archive = folder.url.appendingPathComponent("\(UUID().uuidString).tar").path
    let tar = try CommandRun.run("/usr/bin/env", ["tar", "-cf", archive, "-C", rootfs.path, "."])
    guard tar.status == 0 else { throw DockerDaemonError(description: "tar failed: \(tar.standardError)") }
    try run(["import", archive, name])
  }
}

public struct DockerDaemonError: Error, CustomStringConvertible {
  public let description: String
  public init(description: String) { self.description = description }
}

/// Whether a Docker Engine API answers `GET /_ping` on a unix socket.
public enum UnixSocketPing {
  public static func answers(_ path: String) -> Bool {
    let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    var timeout = timeval(tv_sec: 2, tv_usec: 0)
    setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let bytes = Array(path.utf8)
    guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return false }
    withUnsafeMutableBytes(of: &address.sun_path) { buffer in
      for (index, byte) in bytes.enumerated() { buffer[index] = byte }
    }
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
      }
    }
    guard connected == 0 else { return false }
    let request = Array("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n".utf8)
    guard write(descriptor, request, request.count) == request.count else { return false }
    var answer = [UInt8](repeating: 0, count: 512)
    let count = read(descriptor, &answer, answer.count)
    guard count > 0 else { return false }
    return String(decoding: answer[0..<count], as: UTF8.self).contains(" 200 ")
  }
}
