import Foundation
import TestSupport

/// A host tree whose scan cannot end before `stall` seconds, on any machine at any load: the bundled content asks
/// the Docker API (even where no rule applies), and the daemon's socket is a `SilentDockerSocket`. Every rule is
/// not applicable to the tree (no Docker Engine), so a run that is left to end exits 0.
final class StalledScanHost {
  let tree: FakeHost
  let socket: SilentDockerSocket
  /// How long each Docker API request waits for its answer (`--docker-timeout`).
  let stall: Int

  var root: URL { tree.root }

  init(stall: Int = 10) throws {
    tree = try FakeHost()
    do {
      // The one-rule content's rule passes on it, so the runs of that content in between are compliant too.
      try tree.write("/etc/docker/daemon.json", #"{"log-driver": "syslog"}"#)
      socket = try SilentDockerSocket(at: tree.root.deletingLastPathComponent().path + "/\(UUID().uuidString).sock")
    } catch {
      tree.remove()
      throw error
    }
    self.stall = stall
  }

  /// `palisade scan` of the tree into `output`, waiting on the silent daemon.
  func scanArguments(output: String, _ extra: [String] = []) -> [String] {
    [
      "scan", "--content", ProjectPaths.bundledContent, "--root", tree.root.path, "--output-dir", output, "--quiet",
      "--docker-host", socket.dockerHost, "--docker-timeout", "\(stall)",
    ] + extra
  }

  func remove() {
    socket.close()
    tree.remove()
  }
}
