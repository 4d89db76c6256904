import Foundation
import TestSupport

extension FakeHost {
  /// Runs `body` as `withOutputFolder` does, on a host that has the Docker Engine installed unless `dockerEngine` is
  /// false, and `daemonJSON`, when given, as its /etc/docker/daemon.json.
  static func withDockerHost<Result>(
    dockerEngine: Bool = true, daemonJSON: String? = nil, outputMode: mode_t = 0o755,
    _ body: (FakeHost, TemporaryFolder) throws -> Result
  ) throws -> Result {
    try withOutputFolder(outputMode: outputMode) { host, output in
      if dockerEngine { try host.installDockerEngine() }
      if let daemonJSON { try host.write("/etc/docker/daemon.json", daemonJSON) }
      return try body(host, output)
    }
  }

  /// Makes the host one with the Docker Engine installed, as the content's platform check sees it.
  func installDockerEngine() throws {
    try write("/usr/bin/dockerd", "", mode: 0o755)
  }

  /// Marks dockerd as running since `started`: its pid file, dated then.
  func markDaemonRunning(since started: Date) throws {
    try write("/run/docker.pid", "4242\n")
    try setModificationDate(of: "/run/docker.pid", to: started)
  }

  /// Sets a host file's modification time.
  func setModificationDate(of hostPath: String, to date: Date) throws {
    try FileManager.default.setAttributes(
      [.modificationDate: date], ofItemAtPath: root.appendingPathComponent(String(hostPath.dropFirst())).path)
  }

  /// Sets a host file's owner.
  func setOwner(of hostPath: String, user: uid_t, group: gid_t) {
    chown(root.appendingPathComponent(String(hostPath.dropFirst())).path, user, group)
  }
}

extension ScanRun {
  /// A socket path where no daemon listens, so that API objects fail fast and the same way on every machine.
  static let absentDockerHost = "unix:///nonexistent/palisade-test/docker.sock"
}
