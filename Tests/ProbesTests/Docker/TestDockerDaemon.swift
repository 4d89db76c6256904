import Foundation

@testable import Probes

/// A real dockerd on a temporary socket with a temporary configuration, started for one test and stopped by its pid.
/// Tests that start one are enabled only where `canStartDockerd`.
final class TestDockerDaemon {
  let folder: URL
  let socketPath: String
  private let process: Process

  /// - Throws: `TestDockerDaemonError` when dockerd is not installed, cannot be started or does not answer.
  init(configuration: String) throws {
    guard let dockerd = dockerdPath else { throw TestDockerDaemonError(description: "dockerd is not installed") }
    folder = URL(fileURLWithPath: "/tmp").appendingPathComponent("pal-dockerd-\(UUID().uuidString.prefix(8))")
    socketPath = folder.appendingPathComponent("docker.sock").path
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try Data(configuration.utf8).write(to: folder.appendingPathComponent("daemon.json"))
    process = Process()
    process.executableURL = URL(fileURLWithPath: dockerd)
    process.arguments = [
      "--config-file", folder.appendingPathComponent("daemon.json").path,
      "--data-root", folder.appendingPathComponent("data").path,
      "--exec-root", folder.appendingPathComponent("exec").path,
      "--pidfile", folder.appendingPathComponent("docker.pid").path,
      "-H", "unix://\(socketPath)", "--iptables=false", "--bridge=none", "--storage-driver=vfs",
    ]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(30)
    while Date() < deadline && process.isRunning && !Self.answers(socketPath) { usleep(200_000) }
    guard process.isRunning, Self.answers(socketPath) else {
      stop()
      throw TestDockerDaemonError(description: "dockerd did not answer on \(socketPath) within 30 seconds")
    }
  }

  func stop() {
    if process.isRunning {
      // A child of Foundation's Process may inherit a blocked SIGTERM; after a short grace period it is killed.
      process.terminate()
      let deadline = Date().addingTimeInterval(3)
      while process.isRunning && Date() < deadline { usleep(100_000) }
      if process.isRunning {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
      }
    }
    try? FileManager.default.removeItem(at: folder)
  }

  private static func answers(_ socketPath: String) -> Bool {
    guard FileManager.default.fileExists(atPath: socketPath) else { return false }
    let client = DockerHTTPClient(host: DockerHost(socketPath: socketPath), connectTimeout: .seconds(1))
    return (try? client.get(["/_ping"], timeout: .seconds(2)).first?.get())?.status == 200
  }
}

struct TestDockerDaemonError: Error, CustomStringConvertible {
  let description: String
}
