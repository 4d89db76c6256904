import Foundation
import TestSupport
import Testing

extension RealDockerDaemonTests {
  /// A real rootless dockerd: found at `$XDG_RUNTIME_DIR/docker.sock`, and its rules read the daemon.json it reads
  /// (`$XDG_CONFIG_HOME/docker/daemon.json` of its user), not /etc/docker/daemon.json, which it ignores.
  @Suite(
    .enabled(
      if: RootlessDockerDaemonProcess.canStart,
      "needs root, docker.io's dockerd-rootless.sh, rootlesskit and uidmap, and a user with subordinate ids in /etc/subuid"
    ))
  struct Rootless {
    @Test func theRootlessDaemonsOwnConfigurationFileIsRead() throws {
      let limited = #"{"log-driver": "json-file", "log-opts": {"max-size": "10m", "max-file": "3"}}"#
      let daemon = try RootlessDockerDaemonProcess(configuration: limited)
      defer { daemon.stop() }
      // The scanned tree holds both files where the live host has them: the one the daemon ignores sets no limits.
      let host = try FakeHost()
      defer { host.remove() }
      try host.installDockerEngine()
      try host.write("/etc/docker/daemon.json", #"{"log-driver": "json-file"}"#)
      try host.write(daemon.configurationFile, limited)
      let output = try TemporaryFolder()
      defer { output.remove() }
      let run = try CommandRun.run(
        ProjectPaths.palisade,
        [
          "scan", "--content", ProjectPaths.bundledContent, "--root", host.root.path, "--output-dir", output.path,
          "--rootless",
        ], environment: ["XDG_RUNTIME_DIR": daemon.runtimeFolder, "DOCKER_CONFIG": output.path])
      let results = try RuleResults(arf: try #require(ScanRun.latestARF(in: output.path), "\(run.standardError)"))
      #expect(run.standardOutput.contains("Engine: Docker Engine "), "\(run.standardOutput.prefix(300))")
      #expect(run.standardOutput.contains(" at unix://\(daemon.socketPath)"))
      // DKER-EE-001370 reads max-size and max-file from the daemon's own daemon.json.
      #expect(results["SV-235786"] == "pass", "\(results.messages(of: "SV-235786"))")
    }
  }
}
