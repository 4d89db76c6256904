import Foundation
import TestSupport
import Testing

/// `palisade scan --remediate` on settings that live in docker.service and on the files daemon.json names: a flag
/// that conflicts with daemon.json comes off ExecStart through a drop-in that keeps the rest of the command line,
/// and the TLS and registry certificate files get their owners and modes.
extension RealDockerDaemonTests {
  @Suite struct DockerSettingsRemediation {
    static func rule(_ number: String) -> String { "xccdf_mil.disa.stig_rule_SV-\(number)_rule" }

    /// Runs `body` on a new host tree with Docker installed and an empty output folder, both removed afterwards.
    static func onDockerHost(_ body: (FakeHost, TemporaryFolder) throws -> Void) throws {
      let host = try FakeHost()
      let output = try TemporaryFolder()
      defer {
        host.remove()
        output.remove()
      }
      try host.installDockerEngine()
      try body(host, output)
    }

    /// The ARF of a scan of `host` (with `--remediate` when asked) that no Docker daemon answers.
    static func arf(of host: FakeHost, into output: TemporaryFolder, remediating: Bool = false) throws -> String {
      let extra = (remediating ? ["--remediate"] : []) + ["--docker-host", ScanRun.absentDockerHost]
      return try #require(try ScanRun.scan(root: host.root.path, output: output.path, extra: extra).arfPath)
    }

    static let execStart =
      "/usr/bin/dockerd -H fd:// -H tcp://0.0.0.0:2375 --userland-proxy=true \\\n"
      + "  --containerd=/run/containerd/containerd.sock --log-opt tag=web"

    @Test(.enabled(if: Prerequisites.isRoot, "changes owners: needs root"))
    func aConflictingFlagComesOffExecStartInADropInThatKeepsTheRest() throws {
      try Self.onDockerHost { host, output in try Self.takesTheFlagOff(host, output) }
    }

    static func takesTheFlagOff(_ host: FakeHost, _ output: TemporaryFolder) throws {
      try host.write("/etc/docker/daemon.json", "{\"debug\": true}\n", mode: 0o644)
      try host.write("/lib/systemd/system/docker.service", "[Service]\nType=notify\nExecStart=\(Self.execStart)\n")
      let arf = try Self.arf(of: host, into: output, remediating: true)
      let userlandProxy = try #require(try ScanRun.ruleResult(rule("235791r960963"), inARF: arf))
      #expect(userlandProxy.result == "fixed")
      #expect(userlandProxy.messages.contains { $0.contains("systemctl daemon-reload && systemctl restart docker") })

      let dropIns = host.root.appendingPathComponent("etc/systemd/system/docker.service.d")
      let written = try String(
        contentsOf: dropIns.appendingPathComponent("palisade-userland-proxy.conf"), encoding: .utf8)
      let lines = written.split(separator: "\n").map(String.init)
      #expect(lines.contains("ExecStart="))
      let command = try #require(lines.last { $0.hasPrefix("ExecStart=/") })
      #expect(command == "ExecStart=/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock")
      // The tcp:// fix ran too: every Palisade drop-in carries the same, latest, command line.
      let other = try String(contentsOf: dropIns.appendingPathComponent("palisade-no-tcp-host.conf"), encoding: .utf8)
      #expect(other.contains(command))
      let settings = try #require(
        try JSONSerialization.jsonObject(
          with: Data(contentsOf: host.root.appendingPathComponent("etc/docker/daemon.json"))) as? [String: Any])
      #expect(settings["userland-proxy"] as? Bool == false && settings["debug"] as? Bool == true)
      // --log-opt moved into daemon.json's log-opts; the log driver fix then dropped the options of file drivers.
      #expect(settings["log-driver"] as? String == "syslog")
      #expect(settings["log-opts"] as? [String: String] == ["tag": "web"])
      // The unit file itself is left as the package installed it.
      let unit = try String(
        contentsOf: host.root.appendingPathComponent("lib/systemd/system/docker.service"), encoding: .utf8)
      #expect(unit.contains("--userland-proxy=true"))
    }

    @Test(.enabled(if: Prerequisites.isRoot, "changes owners: needs root"))
    func theTLSAndRegistryCertificatesGetTheirOwnersAndModes() throws {
      try Self.onDockerHost { host, output in try Self.fixesTheCertificates(host, output) }
    }

    static func fixesTheCertificates(_ host: FakeHost, _ output: TemporaryFolder) throws {
      let files = ["ca.pem", "server-cert.pem", "server-key.pem"].map { "/etc/docker/tls/\($0)" }
      try host.write(
        "/etc/docker/daemon.json",
        "{\"tlscacert\": \"\(files[0])\", \"tlscert\": \"\(files[1])\", \"tlskey\": \"\(files[2])\"}\n", mode: 0o644)
      for file in files + ["/etc/docker/certs.d/registry.example:5000/ca.crt"] {
        try host.write(file, "certificate\n", mode: 0o666)
        host.setOwner(of: file, user: 1000, group: 1000)
      }
      let rules = ["235857", "235858", "235859", "235860", "235861", "235862", "235863", "235864"].map {
        rule("\($0)r961863")
      }
      let before = try Self.arf(of: host, into: output)
      for rule in rules { #expect(try ScanRun.ruleResult(rule, inARF: before)?.result == "fail", "\(rule)") }
      let remediated = try Self.arf(of: host, into: output, remediating: true)
      for rule in rules { #expect(try ScanRun.ruleResult(rule, inARF: remediated)?.result == "fixed", "\(rule)") }
      var status = stat()
      stat(host.root.appendingPathComponent(String(files[2].dropFirst())).path, &status)
      #expect(status.st_mode & 0o7777 == 0o400 && status.st_uid == 0 && status.st_gid == 0)
      let next = try Self.arf(of: host, into: output)
      for rule in rules { #expect(try ScanRun.ruleResult(rule, inARF: next)?.result == "pass", "\(rule)") }
    }

    /// The Ansible fixes of a dockerd setting and of a TLS file's owner, run by ansible-playbook on a host tree
    /// (palisade_root), change the same files as the bash ones: daemon.json keeps its other keys and its mode, the
    /// flag comes off ExecStart in a drop-in, the certificate daemon.json names gets root, and the next scan passes.
    @Test(
      .enabled(if: Prerequisites.isRoot, "changes owners: needs root"),
      .enabled(if: Prerequisites.ansiblePlaybook != nil, "needs ansible-playbook"))
    func theAnsibleFixChangesTheSameFiles() throws {
      try Self.onDockerHost { host, output in try Self.ansibleTakesTheFlagOff(host, output) }
    }

    static func ansibleTakesTheFlagOff(_ host: FakeHost, _ output: TemporaryFolder) throws {
      try host.write(
        "/etc/docker/daemon.json", "{\"debug\": true, \"tlscacert\": \"/etc/docker/tls/ca.pem\"}\n", mode: 0o640)
      try host.write("/etc/docker/tls/ca.pem", "certificate\n", mode: 0o444)
      host.setOwner(of: "/etc/docker/tls/ca.pem", user: 1000, group: 1000)
      try host.write(
        "/lib/systemd/system/docker.service", "[Service]\nType=notify\nExecStart=\(Self.execStart)\n", mode: 0o666)
      host.setOwner(of: "/lib/systemd/system/docker.service", user: 1000, group: 1000)
      try host.write("/etc/docker/certs.d/registry.example:5000/ca.crt", "certificate\n", mode: 0o666)
      let userlandProxy = rule("235791r960963")
      let certificateOwner = rule("235859r961863")
      let fileRules = ["235851r961863", "235852r961863", "235858r961863", "235779r960765"].map(rule)
      let before = try arf(of: host, into: output)
      for failing in fileRules {
        #expect(try ScanRun.ruleResult(failing, inARF: before)?.result == "fail", "\(failing)")
      }
      let run = try runAnsibleFixes(of: Set([userlandProxy, certificateOwner] + fileRules), on: host, output)
      #expect(run.status == 0, "\(run.standardOutput)\(run.standardError)")
      #expect(run.standardOutput.contains("systemctl daemon-reload && systemctl restart docker"))
      let written = try String(
        contentsOf: host.root.appendingPathComponent(
          "etc/systemd/system/docker.service.d/palisade-userland-proxy.conf"), encoding: .utf8)
      #expect(written.contains("ExecStart=/usr/bin/dockerd -H fd:// -H tcp://0.0.0.0:2375 --containerd="))
      var status = stat()
      stat(host.root.appendingPathComponent("etc/docker/daemon.json").path, &status)
      #expect(status.st_mode & 0o7777 == 0o640)
      let settings = try #require(
        try JSONSerialization.jsonObject(
          with: Data(contentsOf: host.root.appendingPathComponent("etc/docker/daemon.json"))) as? [String: Any])
      #expect(settings["userland-proxy"] as? Bool == false && settings["debug"] as? Bool == true)
      let next = try arf(of: host, into: output)
      for fixed in [userlandProxy, certificateOwner] + fileRules {
        #expect(try ScanRun.ruleResult(fixed, inARF: next)?.result == "pass", "\(fixed)")
      }
    }

    /// The daemon.json log rules (driver, options), the ExecStart rules (tcp:// host, insecure registry) and the
    /// docker.service and docker.socket owner and mode rules.
    static let logAndUnitRules = [
      "235776r960759", "235789r960963", "235786r960882", "235831r961362", "235851r961863", "235852r961863",
      "235853r961863", "235854r961863",
    ].map(rule)
    /// Those of `logAndUnitRules` that also ask the Engine API: with fixed files and no daemon answering, `error`.
    static let askingTheAPI = Set(["235789r960963", "235786r960882"].map(rule))

    /// A host tree that fails every rule of `logAndUnitRules`.
    static func logAndUnitHost() throws -> FakeHost {
      let host = try FakeHost()
      try host.installDockerEngine()
      try host.write(
        "/etc/docker/daemon.json", #"{"debug": true, "log-driver": "json-file", "log-opts": {"tag": "web"}}"#,
        mode: 0o640)
      try host.write(
        "/lib/systemd/system/docker.service",
        "[Service]\nType=notify\nExecStart=/usr/bin/dockerd -H fd:// -H tcp://0.0.0.0:2375 "
          + "--insecure-registry registry.example:5000 --containerd=/run/containerd/containerd.sock\n", mode: 0o666)
      try host.write("/lib/systemd/system/docker.socket", "[Socket]\nListenStream=/run/docker.sock\n", mode: 0o664)
      for unit in ["docker.service", "docker.socket"] {
        host.setOwner(of: "/lib/systemd/system/\(unit)", user: 1000, group: 1000)
      }
      return host
    }

    /// What the fixes leave on a host tree: daemon.json's settings, each drop-in's text, and the mode and owner of
    /// daemon.json and the unit files.
    struct EndState: Equatable, CustomStringConvertible {
      let settings: String
      let dropIns: [String: String]
      let statuses: [String: String]
      var description: String { "daemon.json \(settings), drop-ins \(dropIns), statuses \(statuses)" }

      init(of host: FakeHost) throws {
        let json = try JSONSerialization.jsonObject(
          with: Data(contentsOf: host.root.appendingPathComponent("etc/docker/daemon.json")))
        settings = String(
          decoding: try JSONSerialization.data(withJSONObject: json, options: .sortedKeys), as: UTF8.self)
        let folder = host.root.appendingPathComponent("etc/systemd/system/docker.service.d")
        var dropIns: [String: String] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
          dropIns[name] = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        }
        self.dropIns = dropIns
        var statuses: [String: String] = [:]
        for path in ["etc/docker/daemon.json", "lib/systemd/system/docker.service", "lib/systemd/system/docker.socket"]
        {
          var status = stat()
          stat(host.root.appendingPathComponent(path).path, &status)
          statuses[path] = "\(String(status.st_mode & 0o7777, radix: 8)) \(status.st_uid):\(status.st_gid)"
        }
        self.statuses = statuses
      }
    }

    /// The Ansible fixes of the daemon.json log settings and of docker.service and docker.socket, run by
    /// ansible-playbook on a host tree, leave it as the bash fixes leave a copy of it, and the next scan passes them.
    @Test(
      .enabled(if: Prerequisites.isRoot, "changes owners: needs root"),
      .enabled(if: Prerequisites.bash != nil, "needs bash"),
      .enabled(if: Prerequisites.ansiblePlaybook != nil, "needs ansible-playbook"))
    func theAnsibleLogAndUnitFixesLeaveWhatTheBashFixesLeave() throws {
      let output = try TemporaryFolder()
      let bashHost = try Self.logAndUnitHost()
      let ansibleHost = try Self.logAndUnitHost()
      defer {
        bashHost.remove()
        ansibleHost.remove()
        output.remove()
      }
      let rules = Set(Self.logAndUnitRules)
      let before = try Self.arf(of: ansibleHost, into: output)
      for rule in Self.logAndUnitRules {
        #expect(try ScanRun.ruleResult(rule, inARF: before)?.result == "fail", "\(rule)")
      }
      let bash = try Self.runBashFixes(of: rules, on: bashHost, output)
      #expect(bash.status == 0, "\(bash.standardOutput)\(bash.standardError)")
      let ansible = try Self.runAnsibleFixes(of: rules, on: ansibleHost, output)
      #expect(ansible.status == 0, "\(ansible.standardOutput)\(ansible.standardError)")

      let state = try EndState(of: ansibleHost)
      #expect(state == (try EndState(of: bashHost)))
      #expect(state.settings.contains(#""debug":true"#) && state.settings.contains(#""log-driver":"syslog""#))
      #expect(state.statuses["etc/docker/daemon.json"] == "640 0:0")
      #expect(state.dropIns["palisade-no-tcp-host.conf"]?.contains("ExecStart=\n") == true)
      let next = try Self.arf(of: ansibleHost, into: output)
      for rule in Self.logAndUnitRules {
        let expected = Self.askingTheAPI.contains(rule) ? "error" : "pass"
        #expect(try ScanRun.ruleResult(rule, inARF: next)?.result == expected, "\(rule)")
      }
    }

    /// The fixes of `rules` for `fixType` (bash or ansible), generated by `palisade fix` into `output`.
    static func generatedFixes(_ fixType: String, of rules: Set<String>, in output: TemporaryFolder) throws -> String {
      let path = output.url.appendingPathComponent("fix-\(fixType)-\(UUID().uuidString)").path
      let generated = try CommandRun.run(
        ProjectPaths.palisade,
        [
          "fix", "--fix-type", fixType, "--tailoring-file",
          try RealDockerDaemonTests.DockerRemediation.tailoring(selecting: rules, in: output),
          "--profile", "xccdf_t_profile_containers", "--output", path, ProjectPaths.bundledContent,
        ])
      try #require(generated.status == 0, "\(generated.standardError)")
      return path
    }

    /// The bash fixes of `rules`, generated by `palisade fix` and run on the host tree as `--remediate` runs them.
    static func runBashFixes(of rules: Set<String>, on host: FakeHost, _ output: TemporaryFolder) throws
      -> CommandResult
    {
      try CommandRun.run(
        try #require(Prerequisites.bash), [try generatedFixes("bash", of: rules, in: output)],
        environment: ["PALISADE_ROOT": host.root.path])
    }

    /// The Ansible fixes of `rules`, run by ansible-playbook on this machine with the host tree as palisade_root.
    static func runAnsibleFixes(of rules: Set<String>, on host: FakeHost, _ output: TemporaryFolder) throws
      -> CommandResult
    {
      try CommandRun.run(
        try #require(Prerequisites.ansiblePlaybook),
        [
          "-i", "localhost,", "-c", "local", "-e", "palisade_root=\(host.root.path)",
          try generatedFixes("ansible", of: rules, in: output),
        ],
        environment: ["ANSIBLE_NOCOLOR": "1"], timeout: 240)
    }

    static func runBashFix(of ruleID: String, on host: FakeHost, _ output: TemporaryFolder) throws -> CommandResult {
      try runBashFixes(of: [ruleID], on: host, output)
    }

    /// A daemon.json that does not parse, and a drop-in of the admin's that sets ExecStart after Palisade's would,
    /// are refused with the reason: nothing is written.
    @Test(.enabled(if: Prerequisites.bash != nil, "needs bash"))
    func whatTheFixCannotChangeSafelyIsLeftAsItWas() throws {
      try Self.onDockerHost { host, output in
        let broken = "{\"debug\": true,\n"
        try host.write("/etc/docker/daemon.json", broken)
        let refused = try Self.runBashFix(of: Self.rule("235791r960963"), on: host, output)
        #expect(refused.standardError.contains("/etc/docker/daemon.json is not valid JSON"))
        #expect(
          try String(contentsOf: host.root.appendingPathComponent("etc/docker/daemon.json"), encoding: .utf8) == broken)

        try host.write("/etc/docker/daemon.json", "{}\n")
        try host.write("/lib/systemd/system/docker.service", "[Service]\nExecStart=/usr/bin/dockerd -H fd://\n")
        try host.write(
          "/etc/systemd/system/docker.service.d/zz-local.conf",
          "[Service]\nExecStart=\nExecStart=/usr/bin/dockerd -H fd:// --userland-proxy=true\n")
        let later = try Self.runBashFix(of: Self.rule("235791r960963"), on: host, output)
        #expect(later.standardError.contains("zz-local.conf sets ExecStart after"))
        let dropIns = try FileManager.default.contentsOfDirectory(
          atPath: host.root.appendingPathComponent("etc/systemd/system/docker.service.d").path)
        #expect(dropIns == ["zz-local.conf"])
        #expect(
          try String(contentsOf: host.root.appendingPathComponent("etc/docker/daemon.json"), encoding: .utf8) == "{}\n")
      }
    }
  }
}
