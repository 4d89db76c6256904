import Foundation
import TestSupport

/// Tests/Tools/fake-docker-daemon.py on a socket in a temporary folder: a daemon that answers well-formed documents
/// (slowly, with many containers, ...) or hostile replies, until the test stops it by its pid.
final class FakeDockerDaemon {
  let folder: TemporaryFolder
  private let command: BackgroundCommand

  var socketPath: String { folder.url.appendingPathComponent("docker.sock").path }
  /// What `--docker-host` takes.
  var dockerHost: String { "unix://\(socketPath)" }

  /// Nil when python3 is absent.
  init?(mode: String, options: [String] = []) throws {
    guard let python = CommandRun.which("python3") else { return nil }
    folder = try TemporaryFolder()
    command = try BackgroundCommand(
      python,
      [ProjectPaths.testTool("fake-docker-daemon.py"), folder.url.appendingPathComponent("docker.sock").path, mode]
        + options)
    let deadline = Date().addingTimeInterval(10)
    while !FileManager.default.fileExists(atPath: socketPath) && Date() < deadline { usleep(50_000) }
  }

  func stop() {
    command.stop()
    folder.remove()
  }
}
