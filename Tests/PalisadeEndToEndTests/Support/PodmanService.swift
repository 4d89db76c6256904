import Foundation
import TestSupport

/// podman's Docker-compatible API (`podman system service`), started by a test on a socket of its own with its
/// storage (vfs), run and temporary folders in a temporary folder. Always call `stop()`, in a `defer` right after
/// starting it.
final class PodmanService {
  /// The service's folder: short, as podman refuses a run root longer than 50 characters.
  let folder: String
  let socketPath: String
  private let command: BackgroundCommand

  /// - Parameters:
  ///   - socketPath: where to listen (default: `podman.sock` in the service's folder).
  ///   - configuration: the service's only containers.conf (given as `CONTAINERS_CONF`) when not nil.
  /// - Throws: when podman is not installed, or its service does not answer `/_ping` within a minute.
  init(socketPath: String? = nil, configuration: String? = nil) throws {
    guard let podman = Prerequisites.podman else {
      throw DockerDaemonError(description: "podman is not installed")
    }
    var template = Array("/tmp/pm-XXXXXX".utf8CString)
    guard let made = mkdtemp(&template) else {
      throw DockerDaemonError(description: "cannot make a folder for podman: \(String(cString: strerror(errno)))")
    }
    folder = String(cString: made)
    self.socketPath = socketPath ?? "\(folder)/podman.sock"
    try FileManager.default.createDirectory(
      atPath: (self.socketPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    var environment: [String: String] = [:]
    if let configuration {
      environment["CONTAINERS_CONF"] = "\(folder)/containers.conf"
      try Data(configuration.utf8).write(to: URL(fileURLWithPath: "\(folder)/containers.conf"))
    }
    command = try BackgroundCommand(
      podman,
      [
        "--root", "\(folder)/storage", "--runroot", "\(folder)/run", "--tmpdir", "\(folder)/tmp", "--storage-driver",
        "vfs", "system", "service", "--time=0", "unix://\(self.socketPath)",
      ], environment: environment)
    let deadline = Date().addingTimeInterval(60)
    while Date() < deadline {
      if UnixSocketPing.answers(self.socketPath) { return }
      if !command.process.isRunning { break }
      usleep(100_000)
    }
    command.stop()
    let output = (try? command.finish(timeout: 5)).map { $0.standardError } ?? ""
    try? FileManager.default.removeItem(atPath: folder)
    throw DockerDaemonError(
      description: "podman system service did not answer on \(self.socketPath) in time: \(output.suffix(2000))")
  }

  func stop() {
    command.stop()
    try? FileManager.default.removeItem(atPath: folder)
  }
}
