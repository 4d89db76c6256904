import Foundation
import TestSupport
import Testing

extension RealDockerDaemonTests {
  /// The rules decided through the Engine API (and those that read both the API and host files), against a real
  /// dockerd: containers created with compliant and non-compliant settings, daemons configured both ways. The
  /// containers are created from an image imported from a local archive (no registry is needed); the ones that
  /// must run use a copy of the host's sleep (and sh) with the libraries they load.
  @Suite(
    .enabled(
      if: Prerequisites.canStartDockerd && Prerequisites.docker != nil, "needs dockerd and docker (docker.io) and root")
  )
  struct EngineRules {
    static let compliantContainer = [
      "--name", "app-good", "--read-only", "--memory", "64m", "--cpu-shares", "512", "--pids-limit", "100", "--user",
      "1000", "--security-opt", "no-new-privileges", "--network", "none", "--restart", "on-failure:3",
      "--log-driver", "json-file", "--log-opt", "max-size=10m", "--log-opt", "max-file=3",
    ]

    static func nonCompliantContainer(socket: String) -> [String] {
      [
        "--name", "app-bad", "--privileged", "--pid", "host", "--ipc", "host", "--network", "host", "--uts", "host",
        "--userns", "host", "--user", "root", "--restart", "always", "--cap-add", "NET_ADMIN", "--device",
        "/dev/null:/dev/xnull", "--ulimit", "nofile=1024:2048", "--security-opt", "seccomp=unconfined", "-v",
        "/etc:/hostetc", "-v", "\(socket):/var/run/docker.sock", "--mount",
        "type=bind,source=/tmp,target=/shared,bind-propagation=rshared", "--cgroup-parent", "/custom",
        "--log-driver", "json-file",
      ]
    }

    /// The container rules, by STIG rule number, with what the non-compliant container breaks.
    static let containerRules = [
      "SV-235783", "SV-235784", "SV-235785", "SV-235786", "SV-235801", "SV-235802", "SV-235805", "SV-235806",
      "SV-235807", "SV-235808", "SV-235809", "SV-235810", "SV-235811", "SV-235812", "SV-235815", "SV-235816",
      "SV-235817", "SV-235818", "SV-235828", "SV-235830", "SV-235843", "SV-235844",
    ]

    /// A host with Docker installed whose daemon.json matches the daemon's, running since before the scan.
    static func host(daemonJSON: String) throws -> FakeHost {
      let host = try FakeHost()
      try host.installDockerEngine()
      let written = Date().addingTimeInterval(-3600)
      try host.write("/etc/docker/daemon.json", daemonJSON)
      try host.setModificationDate(of: "/etc/docker/daemon.json", to: written)
      try host.markDaemonRunning(since: written.addingTimeInterval(60))
      return host
    }

    static func scan(_ host: FakeHost, daemon: DockerDaemon) throws -> RuleResults {
      let output = try TemporaryFolder()
      defer { output.remove() }
      let run = try ScanRun.scan(
        root: host.root.path, output: output.path, extra: ["--docker-host", daemon.dockerHost])
      let arf = try #require(run.arfPath, "\(run.command.standardError)")
      return try RuleResults(arf: arf)
    }

    @Test func containerRulesPassForACompliantContainerAndFailForANonCompliantOne() throws {
      let configuration = #"{"log-driver": "syslog", "log-opts": {"syslog-address": "udp://127.0.0.1:514"}}"#
      let daemon = try DockerDaemon.start(configuration: configuration)
      defer { daemon.stop() }
      let host = try Self.host(daemonJSON: configuration)
      defer { host.remove() }
      try daemon.importImage("palisade-test:empty")

      let empty = try Self.scan(host, daemon: daemon)
      for rule in Self.containerRules {
        #expect(empty[rule] == "pass", "\(rule) without containers: \(empty.messages(of: rule))")
      }

      try daemon.run(["create"] + Self.compliantContainer + ["palisade-test:empty", "/app"])
      let compliant = try Self.scan(host, daemon: daemon)
      for rule in Self.containerRules {
        #expect(compliant[rule] == "pass", "\(rule) with a compliant container: \(compliant.messages(of: rule))")
      }

      try daemon.run(
        ["create"] + Self.nonCompliantContainer(socket: daemon.socketPath) + ["palisade-test:empty", "/app"])
      let nonCompliant = try Self.scan(host, daemon: daemon)
      for rule in Self.containerRules {
        #expect(
          nonCompliant[rule] == "fail", "\(rule) with a non-compliant container: \(nonCompliant.messages(of: rule))")
      }
    }

    /// Rules whose STIG command skips UCP, Kubernetes and DTR containers skip them (by the XCCDF Value); the others
    /// do not.
    @Test func containersOfUCPAreLeftOutWhereTheSTIGLeavesThemOut() throws {
      let daemon = try DockerDaemon.start(configuration: "{}")
      defer { daemon.stop() }
      let host = try Self.host(daemonJSON: "{}")
      defer { host.remove() }
      try daemon.importImage("palisade-test:empty")
      try daemon.run(
        ["create", "--name", "ucp-proxy", "--privileged", "--network", "host", "palisade-test:empty", "/app"])
      let results = try Self.scan(host, daemon: daemon)
      #expect(results["SV-235802"] == "pass", "privileged is only checked outside UCP")
      #expect(results["SV-235805"] == "pass", "host network is only checked outside UCP")
      #expect(results["SV-235808"] == "fail", "a read-only root filesystem is required of every container")
      #expect(results["SV-235806"] == "fail", "a memory limit is required of every container")
    }

    @Test func daemonSettingsSeenThroughTheAPIPassAndFail() throws {
      let insecure = """
        {"log-driver": "json-file", "log-opts": {"max-size": "10m", "max-file": "3"},
         "insecure-registries": ["10.1.0.0/16"], "experimental": true}
        """
      let daemon = try DockerDaemon.start(configuration: insecure)
      // The host's daemon.json lists no insecure registry and no experimental setting: only the API shows them.
      let host = try Self.host(
        daemonJSON: #"{"log-driver": "json-file", "log-opts": {"max-size": "10m", "max-file": "3"}}"#)
      defer { host.remove() }
      let failing: RuleResults
      do {
        defer { daemon.stop() }
        failing = try Self.scan(host, daemon: daemon)
      }
      #expect(failing["SV-235789"] == "fail", "insecure registries: \(failing.messages(of: "SV-235789"))")
      #expect(failing["SV-235792"] == "fail", "experimental: \(failing.messages(of: "SV-235792"))")
      #expect(
        failing["SV-235786"] == "pass", "json-file with max-size and max-file: \(failing.messages(of: "SV-235786"))")
      #expect(failing["SV-235832"] == "pass", "json-file with max-size and max-file")
      #expect(failing["SV-235787"] == "fail", "json-file keeps logs on the host")
      #expect(failing["SV-235777"] == "fail", "this host is not in FIPS mode")

      let clean = #"{"log-driver": "syslog", "log-opts": {"syslog-address": "udp://127.0.0.1:514"}}"#
      let second = try DockerDaemon.start(configuration: clean)
      defer { second.stop() }
      let cleanHost = try Self.host(daemonJSON: clean)
      defer { cleanHost.remove() }
      let passing = try Self.scan(cleanHost, daemon: second)
      for rule in ["SV-235789", "SV-235790", "SV-235792", "SV-235786", "SV-235787", "SV-235831", "SV-235833"] {
        #expect(passing[rule] == "pass", "\(rule): \(passing.messages(of: rule))")
      }
      #expect(passing["SV-235832"] == "notapplicable", "syslog keeps no log files on the host")
      for rule in ["SV-235823", "SV-235848", "SV-235850"] {
        #expect(passing[rule] == "pass", "\(rule) outside a swarm: \(passing.messages(of: rule))")
      }
      #expect(passing["SV-265885"] == "pass", "Docker Engine - Community is not Docker Enterprise 2.x")
    }

    /// The swarm rules on a single-node swarm (a manager): auto-lock, the number of managers, the node certificate
    /// lifetime, encrypted overlay networks. Outside a swarm they pass (see daemonSettingsSeenThroughTheAPIPassAndFail).
    @Test func swarmRulesPassAndFailOnAManager() throws {
      let daemon = try DockerDaemon.start(configuration: "{}")
      defer { daemon.stop() }
      let host = try Self.host(daemonJSON: "{}")
      defer { host.remove() }
      // A port of this test process's own, so that test runs side by side do not collide.
      let port = 30000 + Int(getpid() % 10000)
      try daemon.run(["swarm", "init", "--advertise-addr", "127.0.0.1", "--listen-addr", "127.0.0.1:\(port)"])
      try daemon.run(["network", "create", "-d", "overlay", "unencrypted-overlay"])
      let defaults = try Self.scan(host, daemon: daemon)
      #expect(defaults["SV-235823"] == "fail", "auto-lock is off: \(defaults.messages(of: "SV-235823"))")
      #expect(defaults["SV-235848"] == "pass", "one manager: \(defaults.messages(of: "SV-235848"))")
      #expect(defaults["SV-235850"] == "pass", "the default 2160 hours: \(defaults.messages(of: "SV-235850"))")
      #expect(defaults["SV-235872"] == "fail", "an unencrypted overlay: \(defaults.messages(of: "SV-235872"))")

      try daemon.run(["network", "rm", "unencrypted-overlay"])
      try daemon.run(["network", "create", "-d", "overlay", "--opt", "encrypted", "encrypted-overlay"])
      try daemon.run(["swarm", "update", "--autolock=true", "--cert-expiry", "100h"])
      let changed = try Self.scan(host, daemon: daemon)
      #expect(changed["SV-235823"] == "pass", "auto-lock is on: \(changed.messages(of: "SV-235823"))")
      #expect(changed["SV-235850"] == "fail", "100 hours is not the plan's: \(changed.messages(of: "SV-235850"))")
      #expect(changed["SV-235872"] == "pass", "encrypted (ingress left out): \(changed.messages(of: "SV-235872"))")
    }

    /// no-new-privileges set for the whole daemon does not show in each container's settings: the daemon's
    /// configuration counts.
    @Test func noNewPrivilegesForTheWholeDaemonCounts() throws {
      let configuration = #"{"log-driver": "syslog", "no-new-privileges": true}"#
      let daemon = try DockerDaemon.start(configuration: configuration)
      defer { daemon.stop() }
      try daemon.importImage("palisade-test:empty")
      try daemon.run(["create", "--name", "plain", "palisade-test:empty", "/app"])
      let withSetting = try Self.host(daemonJSON: configuration)
      defer { withSetting.remove() }
      #expect(try Self.scan(withSetting, daemon: daemon)["SV-235816"] == "pass")
      let withoutSetting = try Self.host(daemonJSON: #"{"log-driver": "syslog"}"#)
      defer { withoutSetting.remove() }
      #expect(try Self.scan(withoutSetting, daemon: daemon)["SV-235816"] == "fail")
    }

    /// The files of a runnable image: the host's sleep and sh, and every library they load (from ldd), with links
    /// resolved since the image gets copies.
    static func runnableFiles() -> [(String, String)]? {
      guard let ldd = CommandRun.which("ldd"), let sleep = CommandRun.which("sleep"), let shell = CommandRun.which("sh")
      else { return nil }
      func resolved(_ path: String) -> String { URL(fileURLWithPath: path).resolvingSymlinksInPath().path }
      var files: [(String, String)] = [
        (resolved(sleep), "/bin/sleep"), (resolved(shell), "/bin/sh"), (resolved(sleep), "/usr/sbin/sshd"),
      ]
      for binary in [sleep, shell] {
        guard let result = try? CommandRun.run(ldd, [resolved(binary)]), result.status == 0 else { return nil }
        for line in result.standardOutput.split(separator: "\n") {
          guard
            let path = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).first(where: { $0.hasPrefix("/") })
              .map(String.init)
          else {
            continue
          }
          if !files.contains(where: { $0.1 == path }) { files.append((resolved(path), path)) }
        }
      }
      return files
    }

    /// Running containers: health checks (GET /containers/json), processes (GET /containers/{id}/top) and published
    /// ports.
    @Test func runningContainerRulesPassAndFail() throws {
      let files = try #require(Self.runnableFiles(), "ldd, sleep and sh (Debian's essential packages) are needed")
      let daemon = try DockerDaemon.start(configuration: "{}")
      defer { daemon.stop() }
      let host = try Self.host(daemonJSON: "{}")
      defer { host.remove() }
      try daemon.importImage("palisade-test:sleep", files: files)
      // Host ports of this test process's own (one of them privileged), so that runs side by side do not collide.
      let port = 20000 + Int(getpid() % 10000)
      let privilegedPort = 600 + Int(getpid() % 400)
      try daemon.run(["network", "create", "-d", "bridge", "palisade-test"])
      try daemon.run([
        "run", "-d", "--name", "healthy-web", "--network", "palisade-test", "-p", "127.0.0.1:\(port):80",
        "--health-cmd", "/bin/sleep 0", "--health-interval", "1s", "palisade-test:sleep", "/bin/sleep", "600",
      ])
      let deadline = Date().addingTimeInterval(60)
      while Date() < deadline,
        (try? daemon.run(["inspect", "-f", "{{.State.Health.Status}}", "healthy-web"])) != "healthy"
      {
        usleep(250_000)
      }
      let compliant = try Self.scan(host, daemon: daemon)
      for rule in ["SV-235803", "SV-235819", "SV-235820", "SV-235827"] {
        #expect(compliant[rule] == "pass", "\(rule): \(compliant.messages(of: rule))")
      }

      try daemon.run([
        "run", "-d", "--name", "open-web", "--network", "palisade-test", "-p", "\(privilegedPort):8080",
        "palisade-test:sleep", "/usr/sbin/sshd", "600",
      ])
      let nonCompliant = try Self.scan(host, daemon: daemon)
      #expect(nonCompliant["SV-235803"] == "fail", "sshd runs: \(nonCompliant.messages(of: "SV-235803"))")
      #expect(
        nonCompliant["SV-235819"] == "fail", "host port \(privilegedPort): \(nonCompliant.messages(of: "SV-235819"))")
      #expect(nonCompliant["SV-235820"] == "fail", "every address: \(nonCompliant.messages(of: "SV-235820"))")
      #expect(nonCompliant["SV-235827"] == "fail", "no health check: \(nonCompliant.messages(of: "SV-235827"))")
    }
  }
}
