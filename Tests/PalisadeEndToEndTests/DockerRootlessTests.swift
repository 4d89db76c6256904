import Foundation
import TestSupport
import Testing

extension RealDockerDaemonTests {
  /// A real rootless dockerd, one for the suite: found at `$XDG_RUNTIME_DIR/docker.sock`, and its rules read the files
  /// it reads (`$XDG_CONFIG_HOME/docker/daemon.json` of its user, not /etc/docker/daemon.json, which it ignores) and
  /// check the files it makes as its user's.
  @Suite(
    .enabled(
      if: RootlessDockerDaemonProcess.canStart,
      "needs root, docker.io's dockerd-rootless.sh, rootlesskit and uidmap, and a user with subordinate ids in /etc/subuid"
    ), .sharedRootlessDaemon)
  struct Rootless {
    @Test func theRootlessDaemonsOwnConfigurationFileIsRead() throws {
      let daemon = try #require(SharedRootlessDaemon.current)
      let limited = SharedRootlessDaemon.configuration
      // The scanned tree holds both files where the live host has them: the one the daemon ignores sets no limits.
      try FakeHost.withDockerHost(daemonJSON: #"{"log-driver": "json-file"}"#) { host, output in
        try host.write(daemon.configurationFile, limited)
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

    /// Where the rootless daemon keeps its pid file, unit files and data: with the API refusing (a socket of the
    /// daemon's user where nothing listens, beside its pid file), the configuration decides SV-235787 when the
    /// daemon started after it last changed,
    /// which the rootless pid file's time tells (there is no /run/docker.pid); the system's docker.service, whose
    /// `--log-driver` the rootless daemon never reads, is not read; and DKER-EE-001090 wants audit rules on the
    /// rootless data root, configuration folder and daemon.json, not on the system daemon's /var/lib/docker, which nothing uses.
    @Test func theRootlessDaemonsPidFileUnitsAndDataRootAreRead() throws {
      let forwarded = #"{"log-driver": "syslog"}"#
      let daemon = try #require(SharedRootlessDaemon.current)
      try FakeHost.withDockerHost { host, output in
        try host.write(daemon.configurationFile, forwarded)
        try host.setModificationDate(of: daemon.configurationFile, to: Date(timeIntervalSinceNow: -3600))
        try host.write(daemon.pidFile, "1\n")
        try host.write(
          "/lib/systemd/system/docker.service", "[Service]\nExecStart=/usr/bin/dockerd --log-driver json-file\n")
        try host.setModificationDate(of: "/lib/systemd/system/docker.service", to: Date(timeIntervalSinceNow: -3600))
        try host.makeFolder(daemon.dataRoot)
        try host.makeFolder("/var/lib/docker")
        let watched = [
          "/usr/bin/dockerd", daemon.dataRoot, (daemon.configurationFile as NSString).deletingLastPathComponent,
          daemon.configurationFile, "/lib/systemd/system/docker.service",
        ]
        try host.write("/etc/audit/rules.d/docker.rules", watched.map { "-w \($0) -k docker\n" }.joined())
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

    /// The rules on the daemon's socket, configuration folder and daemon.json check the rootless daemon's own files
    /// ($XDG_RUNTIME_DIR/docker.sock, $XDG_CONFIG_HOME/docker), with its user where root stands for the system's
    /// daemon: as the daemon and its user make them they pass (the socket's sticky bit and its group, the docker group
    /// of the daemon's user namespace, included); given to root's group and opened to others, each fails.
    @Test func theRootlessDaemonsSocketAndConfigurationAreCheckedAsItsUsers() throws {
      let daemon = try #require(SharedRootlessDaemon.current)
      let rules = ["SV-235855", "SV-235856", "SV-235865", "SV-235866", "SV-235867", "SV-235868"]
      let made = try Self.evaluate(rules, against: daemon)
      for rule in rules {
        #expect(made[rule] == "pass", "\(rule) as the daemon made its files: \(made.messages(of: rule))")
      }
      let folder = (daemon.configurationFile as NSString).deletingLastPathComponent
      let files = [daemon.socketPath, folder, daemon.configurationFile]
      let before = files.map { path in
        var status = stat()
        stat(path, &status)
        return status
      }
      defer {
        for (path, status) in zip(files, before) {
          chown(path, status.st_uid, status.st_gid)
          chmod(path, status.st_mode & 0o7777)
        }
      }
      chown(daemon.socketPath, daemon.user.uid, 0)
      chmod(daemon.socketPath, 0o1666)
      chown(folder, 0, 0)
      chmod(folder, 0o777)
      chown(daemon.configurationFile, 0, 0)
      chmod(daemon.configurationFile, 0o666)
      let changed = try Self.evaluate(rules, against: daemon)
      for rule in rules {
        #expect(changed[rule] == "fail", "\(rule) with root's group and others' access: \(changed.messages(of: rule))")
      }
    }

    /// `palisade xccdf eval` of the bundled content's `rules` on this host, with the rootless daemon answering.
    static func evaluate(_ rules: [String], against daemon: RootlessDockerDaemonProcess) throws -> RuleResults {
      let output = try TemporaryFolder()
      defer { output.remove() }
      let arf = output.url.appendingPathComponent("arf.xml").path
      let run = try CommandRun.run(
        ProjectPaths.palisade,
        ["xccdf", "eval", "--results-arf", arf, "--docker-host", "unix://\(daemon.socketPath)"]
          + rules.flatMap { ["--rule", "xccdf_mil.disa.stig_rule_\($0)r961863_rule"] } + [ProjectPaths.bundledContent],
        environment: ["DOCKER_CONFIG": output.path])
      try #require(FileManager.default.fileExists(atPath: arf), "\(run.standardError)")
      return try RuleResults(arf: arf)
    }
  }
}
