import Foundation

@testable import Probes

/// A real dockerd on a temporary socket with a temporary configuration, started for one test and stopped by its pid.
/// Nil when dockerd is not installed or does not come up; tests then print a notice and skip.
final class TestDockerDaemon {
  let folder: URL
  let socketPath: String
  private let process: Process

  init?(configuration: String) {
    guard let dockerd = ["/usr/sbin/dockerd", "/usr/bin/dockerd"].first(where: FileManager.default.isExecutableFile)
    else { return nil }
    folder = URL(fileURLWithPath: "/tmp").appendingPathComponent("pal-dockerd-\(UUID().uuidString.prefix(8))")
    socketPath = folder.appendingPathComponent("docker.sock").path
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try Data(configuration.utf8).write(to: folder.appendingPathComponent("daemon.json"))
    } catch {
      return nil
    }
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
    do {
      try process.run()
    } catch {
      return nil
    }
    let deadline = Date().addingTimeInterval(30)
    while Date() < deadline && process.isRunning && !Self.answers(socketPath) { usleep(200_000) }
    guard process.isRunning, Self.answers(socketPath) else {
      stop()
      return nil
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
