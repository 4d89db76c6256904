import Foundation
import TestSupport
import Testing
import XMLSupport

/// `palisade scan --remediate` on a host tree that fails the Docker content's daemon.json, file-permission and
/// unit-file rules: the fixes make them `fixed`, the next scan passes them, daemon.json keeps its other settings,
/// and a real dockerd started with the fixed file starts and reports the new settings.
extension RealDockerDaemonTests {
  @Suite struct DockerRemediation {
    static let failingDaemonJSON = """
      {
        "debug": true,
        "log-level": "warn",
        "experimental": true,
        "userland-proxy": true
      }

      """

    /// Rules whose fixes change only files, so that the scan right after them passes; SV-235776 (no tcp:// host) among
    /// them, whose fix overrides the package's ExecStart in a drop-in.
    static let fileRules = [
      "SV-235776r960759", "SV-235791r960963", "SV-235851r961863", "SV-235852r961863", "SV-235853r961863",
      "SV-235854r961863",
      "SV-235856r961863", "SV-235868r961863",
    ].map { "xccdf_mil.disa.stig_rule_\($0)_rule" }
    static let experimentalRule = "xccdf_mil.disa.stig_rule_SV-235792r960963_rule"
    /// The ExecStart rules, tcp:// host and insecure registry: SV-235789 asks the Engine API too, so it is decided
    /// with a daemon answering.
    static let execStartRules = ["SV-235776r960759", "SV-235789r960963"].map { "xccdf_mil.disa.stig_rule_\($0)_rule" }

    static func failingHost() throws -> FakeHost {
      let host = try FakeHost()
      try host.installDockerEngine()
      try host.write("/etc/docker/daemon.json", failingDaemonJSON, mode: 0o664)
      try host.write(
        "/lib/systemd/system/docker.service",
        "[Service]\nExecStart=/usr/bin/dockerd -H fd:// -H tcp://0.0.0.0:2375 --insecure-registry registry.example:5000\n",
        mode: 0o666)
      try host.write("/lib/systemd/system/docker.socket", "[Socket]\nListenStream=/run/docker.sock\n", mode: 0o664)
      host.setOwner(of: "/lib/systemd/system/docker.service", user: 1000, group: 0)
      host.setOwner(of: "/lib/systemd/system/docker.socket", user: 1000, group: 1000)
      chmod(host.root.appendingPathComponent("etc/docker").path, 0o775)
      return host
    }

    static func daemonJSON(of host: FakeHost) throws -> [String: Any] {
      let data = try Data(contentsOf: host.root.appendingPathComponent("etc/docker/daemon.json"))
      return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test(.enabled(if: Prerequisites.isRoot, "changes owners: needs root"))
    func remediationFixesFileRulesAndTheNextScanPasses() throws {
      let host = try Self.failingHost()
      let output = try TemporaryFolder()
      defer {
        host.remove()
        output.remove()
      }
      let dryRun = try ScanRun.scan(
        root: host.root.path, output: output.path,
        extra: ["--remediate", "--dry-run", "--docker-host", ScanRun.absentDockerHost])
      let wouldRun = dryRun.command.standardOutput.split(separator: "\n").filter {
        $0.hasPrefix("would run the fix for")
      }
      for rule in Self.fileRules { #expect(wouldRun.contains { $0.contains("'\(rule)'") }, "\(rule)") }
      #expect(try Self.daemonJSON(of: host)["userland-proxy"] as? Bool == true, "a dry run changes nothing")

      let remediated = try ScanRun.scan(
        root: host.root.path, output: output.path, extra: ["--remediate", "--docker-host", ScanRun.absentDockerHost])
      let arf = try #require(remediated.arfPath)
      for rule in Self.fileRules {
        #expect(try ScanRun.ruleResult(rule, inARF: arf)?.result == "fixed", "\(rule)")
      }
      let settings = try Self.daemonJSON(of: host)
      #expect(settings["userland-proxy"] as? Bool == false)
      #expect(settings["debug"] as? Bool == true && settings["log-level"] as? String == "warn")
      #expect(settings["experimental"] as? Bool == false)
      var status = stat()
      stat(host.root.appendingPathComponent("etc/docker/daemon.json").path, &status)
      #expect(status.st_mode & 0o7777 == 0o644)
      let backups = output.files().filter { $0.contains("remediation-backup-") }
      #expect(backups.contains { $0.hasSuffix("etc/docker/daemon.json") })
      #expect(backups.contains { $0.hasSuffix("file-status-before.txt") })

      let next = try ScanRun.scan(
        root: host.root.path, output: output.path, extra: ["--docker-host", ScanRun.absentDockerHost])
      let nextARF = try #require(next.arfPath)
      for rule in Self.fileRules { #expect(try ScanRun.ruleResult(rule, inARF: nextARF)?.result == "pass", "\(rule)") }
    }

    @Test(.enabled(if: Prerequisites.canStartDockerd, "needs dockerd and root"))
    func aRealDaemonStartsWithTheFixedFileAndReportsTheNewSettings() throws {
      let host = try Self.failingHost()
      let output = try TemporaryFolder()
      defer {
        host.remove()
        output.remove()
      }
      let before = try DockerDaemon.start(configuration: Self.failingDaemonJSON)
      let remediated: ScanRun
      do {
        defer { before.stop() }
        #expect(try before.run(["info", "--format", "{{.ExperimentalBuild}}"]) == "true")
        remediated = try ScanRun.scan(
          root: host.root.path, output: output.path, extra: ["--remediate", "--docker-host", before.dockerHost])
      }
      let arf = try #require(remediated.arfPath)
      // The daemon still runs with the old settings: the fix says so and the rule is an error until it restarts.
      let experimental = try #require(try ScanRun.ruleResult(Self.experimentalRule, inARF: arf))
      #expect(experimental.result == "error")
      for rule in Self.execStartRules {
        let result = try ScanRun.ruleResult(rule, inARF: arf)
        #expect(result?.result == "fixed", "\(rule): \(result?.messages ?? [])")
      }
      #expect(experimental.messages.contains { $0.contains("Takes effect when dockerd restarts") })

      let fixed = try String(
        contentsOf: host.root.appendingPathComponent("etc/docker/daemon.json"), encoding: .utf8)
      let after = try DockerDaemon.start(configuration: fixed)
      defer { after.stop() }
      #expect(try after.run(["info", "--format", "{{.ExperimentalBuild}} {{.Debug}}"]) == "false true")
      // The log forwarding fix set the remote driver and took off the options only file drivers take.
      #expect(try after.run(["info", "--format", "{{.LoggingDriver}}"]) == "syslog")
      let settings = try JSONSerialization.jsonObject(with: Data(fixed.utf8)) as? [String: Any]
      #expect((settings?["log-opts"] as? [String: Any])?["max-size"] == nil)
      let next = try ScanRun.scan(
        root: host.root.path, output: output.path, extra: ["--docker-host", after.dockerHost])
      let nextARF = try #require(next.arfPath)
      for rule in [Self.experimentalRule] + Self.execStartRules {
        #expect(try ScanRun.ruleResult(rule, inARF: nextARF)?.result == "pass", "\(rule)")
      }
    }

    /// The ARF of `scan --remediate` on a new host tree with Docker installed, asking a new real daemon that
    /// `prepare` sets up first; `inspect` then looks at the daemon as the fixes left it.
    static func remediatedARF(
      preparing prepare: (DockerDaemon) throws -> Void, inspecting inspect: (String, DockerDaemon) throws -> Void
    ) throws {
      let host = try FakeHost()
      try host.installDockerEngine()
      let output = try TemporaryFolder()
      let daemon = try DockerDaemon.start(configuration: "{}")
      defer {
        daemon.stop()
        host.remove()
        output.remove()
      }
      try prepare(daemon)
      let remediated = try ScanRun.scan(
        root: host.root.path, output: output.path, extra: ["--remediate", "--docker-host", daemon.dockerHost])
      try inspect(try #require(remediated.arfPath), daemon)
    }

    @Test(.enabled(if: Prerequisites.canStartDockerd, "needs dockerd and root"))
    func aPrivilegedContainerIsNamedWithWhatToRecreateItWithAndLeftAlone() throws {
      var id = ""
      try Self.remediatedARF(
        preparing: { daemon in
          try daemon.importImage("palisade-test:empty")
          id = try daemon.run([
            "create", "--name", "privileged-app", "--privileged", "--pid=host", "palisade-test:empty", "/app",
          ])
          // Left out by the content's excluded container names (ucp|kube|dtr), as the checks leave it out.
          try daemon.run([
            "create", "--name", "UCP-agent", "--privileged", "--pid=host", "palisade-test:empty", "/app",
          ])
        },
        inspecting: { arf, daemon in try Self.namesTheContainer(id: id, arf: arf, daemon: daemon) })
    }

    static func namesTheContainer(id: String, arf: String, daemon: DockerDaemon) throws {
      let privileged = try #require(
        try ScanRun.ruleResult("xccdf_mil.disa.stig_rule_SV-235802r960963_rule", inARF: arf))
      #expect(privileged.result == "error")
      #expect(
        privileged.messages.contains { $0.contains("container privileged-app") && $0.contains("without --privileged") })
      let hostPID = try #require(
        try ScanRun.ruleResult("xccdf_mil.disa.stig_rule_SV-235784r960804_rule", inARF: arf))
      #expect(hostPID.result == "error")
      #expect(
        hostPID.messages.contains { $0.contains("container privileged-app") && $0.contains("without --pid=host") })
      for result in [privileged, hostPID] {
        #expect(!result.messages.contains { $0.contains("UCP-agent") }, "\(result.messages)")
      }
      #expect(
        try daemon.run([
          "inspect", "--format", "{{.Id}} {{.HostConfig.Privileged}} {{.HostConfig.PidMode}}", "privileged-app",
        ])
          == "\(id) true host")
    }

    @Test(.enabled(if: Prerequisites.canStartDockerd, "needs dockerd and root"))
    func theSwarmCertificateLifetimeIsFixedAndAnUnencryptedOverlayIsNamed() throws {
      try Self.remediatedARF(
        preparing: { daemon in
          // A port of this test process's own, so that test runs side by side do not collide.
          let port = 31000 + Int(getpid() % 10000)
          try daemon.run(["swarm", "init", "--advertise-addr", "127.0.0.1", "--listen-addr", "127.0.0.1:\(port)"])
          try daemon.run(["swarm", "update", "--cert-expiry", "100h"])
          try daemon.run(["network", "create", "-d", "overlay", "plain-overlay"])
        },
        inspecting: Self.fixesTheLifetimeAndNamesTheOverlay)
    }

    static func fixesTheLifetimeAndNamesTheOverlay(arf: String, daemon: DockerDaemon) throws {
      // The Engine API answers the new lifetime at once: the rule is fixed.
      #expect(try ScanRun.ruleResult("xccdf_mil.disa.stig_rule_SV-235850r961863_rule", inARF: arf)?.result == "fixed")
      #expect(try daemon.run(["info", "--format", "{{.Swarm.Cluster.Spec.CAConfig.NodeCertExpiry}}"]) == "2160h0m0s")
      let overlay = try #require(try ScanRun.ruleResult("xccdf_mil.disa.stig_rule_SV-235872r962034_rule", inARF: arf))
      #expect(overlay.result == "error")
      #expect(
        overlay.messages.contains { $0.contains("overlay network plain-overlay") && $0.contains("--opt encrypted") })
      #expect(
        try daemon.run(["network", "ls", "--filter", "name=plain-overlay", "--format", "{{.Name}}"]) == "plain-overlay")
    }

    /// A tailoring of the bundled content whose profile selects only `rules`.
    static func tailoring(selecting rules: Set<String>, in folder: TemporaryFolder) throws -> String {
      let content = try XMLDocument(contentsOf: ProjectPaths.bundledContent)
      let all = try content.elements(
        matching: "//x:Rule", namespaces: ["x": "http://checklists.nist.gov/xccdf/1.2"]
      ).compactMap { $0[attribute: "id"] }
      let selects = all.map { #"<select idref="\#($0)" selected="\#(rules.contains($0))"/>"# }
      let path = folder.url.appendingPathComponent("tailoring.xml").path
      try """
      <?xml version="1.0" encoding="UTF-8"?>
      <Tailoring xmlns="http://checklists.nist.gov/xccdf/1.2" id="xccdf_t_tailoring_containers">
        <version time="2026-12-04T00:00:00">1</version>
        <Profile id="xccdf_t_profile_containers">
          <title>Container rules</title>
          \(selects.joined(separator: "\n    "))
        </Profile>
      </Tailoring>

      """.write(toFile: path, atomically: true, encoding: .utf8)
      return path
    }

    /// The Ansible fixes of container rules, run by ansible-playbook on this machine against a real daemon, name the
    /// container as the bash fixes do and leave it as it was.
    @Test(
      .enabled(if: Prerequisites.canStartDockerd, "needs dockerd and root"),
      .enabled(if: Prerequisites.ansiblePlaybook != nil, "needs ansible-playbook"))
    func theAnsibleContainerFixesNameTheContainer() throws {
      let folder = try TemporaryFolder()
      let daemon = try DockerDaemon.start(configuration: "{}")
      defer {
        daemon.stop()
        folder.remove()
      }
      try daemon.importImage("palisade-test:empty")
      try daemon.run(["create", "--name", "host-pid-app", "--pid=host", "palisade-test:empty", "/app"])
      try daemon.run(["create", "--name", "plain-app", "palisade-test:empty", "/app"])
      try daemon.run(["create", "--name", "kube-proxy", "--pid=host", "palisade-test:empty", "/app"])
      let rules = Set(["SV-235784r960804", "SV-235802r960963"].map { "xccdf_mil.disa.stig_rule_\($0)_rule" })
      let playbook = folder.url.appendingPathComponent("containers.yml").path
      let generated = try CommandRun.run(
        ProjectPaths.palisade,
        [
          "fix", "--fix-type", "ansible", "--tailoring-file", try Self.tailoring(selecting: rules, in: folder),
          "--profile", "xccdf_t_profile_containers", "--output", playbook, ProjectPaths.bundledContent,
        ])
      try #require(generated.status == 0, "\(generated.standardError)")
      let run = try CommandRun.run(
        try #require(Prerequisites.ansiblePlaybook), ["-i", "localhost,", "-c", "local", playbook],
        environment: ["DOCKER_HOST": daemon.dockerHost, "ANSIBLE_NOCOLOR": "1"], timeout: 240)
      #expect(run.status == 0, "\(run.standardOutput)\(run.standardError)")
      #expect(run.standardOutput.contains("container host-pid-app: shares the host process namespace"))
      #expect(!run.standardOutput.contains("container plain-app:"))
      #expect(!run.standardOutput.contains("container kube-proxy:"), "excluded by the content's container names")
      #expect(!run.standardOutput.contains(": runs privileged"))
      #expect(try daemon.run(["inspect", "--format", "{{.HostConfig.PidMode}}", "host-pid-app"]) == "host")
    }
  }
}
