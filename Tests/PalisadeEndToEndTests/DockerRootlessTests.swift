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

    /// Where the rootless daemon keeps its pid file, unit files and data: with the API refusing (a socket of the
    /// daemon's user where nothing listens, beside its pid file), the configuration decides SV-235787 when the
    /// daemon started after it last changed,
    /// which the rootless pid file's time tells (there is no /run/docker.pid); the system's docker.service, whose
    /// `--log-driver` the rootless daemon never reads, is not read; and DKER-EE-001090 wants audit rules on the
    /// rootless data root and daemon.json, not on the system daemon's /var/lib/docker, which nothing uses.
    @Test func theRootlessDaemonsPidFileUnitsAndDataRootAreRead() throws {
      let forwarded = #"{"log-driver": "syslog"}"#
      let daemon = try RootlessDockerDaemonProcess(configuration: forwarded)
      defer { daemon.stop() }
      let host = try FakeHost()
      defer { host.remove() }
      try host.installDockerEngine()
      try host.write(daemon.configurationFile, forwarded)
      try host.setModificationDate(of: daemon.configurationFile, to: Date(timeIntervalSinceNow: -3600))
      try host.write(daemon.pidFile, "1\n")
      try host.write(
        "/lib/systemd/system/docker.service", "[Service]\nExecStart=/usr/bin/dockerd --log-driver json-file\n")
      try host.setModificationDate(of: "/lib/systemd/system/docker.service", to: Date(timeIntervalSinceNow: -3600))
      try host.makeFolder(daemon.dataRoot)
      try host.makeFolder("/var/lib/docker")
      let watched = [
        "/usr/bin/dockerd", daemon.dataRoot, daemon.configurationFile, "/lib/systemd/system/docker.service",
      ]
      try host.write("/etc/audit/rules.d/docker.rules", watched.map { "-w \($0) -k docker\n" }.joined())
      let output = try TemporaryFolder()
      defer { output.remove() }
      let socket = try daemon.socketWithoutDaemon()
      let run = try CommandRun.run(
        ProjectPaths.palisade,
        [
          "scan", "--content", ProjectPaths.bundledContent, "--root", host.root.path, "--output-dir", output.path,
          "--docker-host", "unix://\(socket)",
        ], environment: ["DOCKER_CONFIG": output.path])
      let results = try RuleResults(arf: try #require(ScanRun.latestARF(in: output.path), "\(run.standardError)"))
      // The OVAL half passes; the SIEM half is the reviewer's.
      #expect(
        ["pass", "notchecked"].contains(results["SV-235787"]),
        "\(results["SV-235787"] ?? "")\n\(results.messages(of: "SV-235787"))")
      #expect(results["SV-235779"] == "pass", "\(results.messages(of: "SV-235779"))")
    }
  }
}
