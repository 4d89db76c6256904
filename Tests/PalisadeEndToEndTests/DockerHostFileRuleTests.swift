import Foundation
import TestSupport
import Testing

/// The rules decided from host files, on a compliant and a non-compliant fake host (and variations), through the
/// real binary; oscap, reading the same host through OSCAP_PROBE_ROOT, must reach the same results.
@Suite struct DockerHostFileRuleTests {
  /// One fake host: files with their modes and owners, and the results its host-file rules must get.
  struct HostCase: CustomTestStringConvertible, Sendable {
    struct File: Sendable {
      let path: String
      let text: String
      var mode: mode_t = 0o644
      var owner: (uid_t, gid_t)? = nil
    }

    let name: String
    let files: [File]
    /// Folders whose mode or owner the case sets, after the files are written.
    var folders: [File] = []
    let expected: [String: String]
    var testDescription: String { name }
  }

  /// The host-file rules (AUTO-HOST in ../shared/reference/docker/rules.tsv) by STIG rule number.
  static let hostRules = [
    "SV-235776", "SV-235779", "SV-235791", "SV-235813", "SV-235814", "SV-235851", "SV-235852", "SV-235853",
    "SV-235854", "SV-235855", "SV-235856", "SV-235857", "SV-235858", "SV-235859", "SV-235860", "SV-235861",
    "SV-235862", "SV-235863", "SV-235864", "SV-235865", "SV-235866", "SV-235867", "SV-235868", "SV-235869",
    "SV-235870", "SV-235873",
  ]

  /// OpenSCAP 1.3.7's inetlisteningservers probe has no offline mode: under OSCAP_PROBE_ROOT its objects are not
  /// applicable, so oscap reports SV-235873 notapplicable where Palisade reads the fake host's (empty) socket tables.
  static let notComparedWithOscap: Set<String> = ["SV-235873"]

  static let tls = """
    "tlsverify": true, "tlscacert": "/etc/docker/tls/ca.pem", "tlscert": "/etc/docker/tls/server.pem",
    "tlskey": "/etc/docker/tls/server-key.pem"
    """

  static let auditRules = """
    -w /usr/bin/dockerd -k docker
    -w /etc/docker -k docker
    -w /etc/docker/daemon.json -k docker
    -w /etc/default/docker -k docker
    -w /lib/systemd/system/docker.service -k docker
    -a always,exit -F path=/lib/systemd/system/docker.socket -F perm=wa -k docker

    """

  static let compliantFiles: [HostCase.File] = [
    .init(path: "/usr/bin/dockerd", text: "", mode: 0o755),
    .init(
      path: "/etc/docker/daemon.json",
      text: """
        {"log-driver": "syslog", "log-opts": {"syslog-address": "udp://10.0.0.1:514"}, "userland-proxy": false,
         "no-new-privileges": true, "hosts": ["unix:///var/run/docker.sock"], \(tls)}
        """),
    .init(path: "/etc/docker/tls/ca.pem", text: "ca\n", mode: 0o444),
    .init(path: "/etc/docker/tls/server.pem", text: "cert\n", mode: 0o444),
    .init(path: "/etc/docker/tls/server-key.pem", text: "key\n", mode: 0o400),
    .init(path: "/etc/docker/certs.d/registry.example:5000/ca.crt", text: "ca\n", mode: 0o444),
    .init(path: "/lib/systemd/system/docker.service", text: "[Service]\nExecStart=/usr/bin/dockerd -H fd://\n"),
    .init(path: "/lib/systemd/system/docker.socket", text: "[Socket]\nListenStream=/run/docker.sock\n"),
    .init(path: "/etc/default/docker", text: "# Docker options\n"),
    .init(path: "/etc/os-release", text: "NAME=\"Ubuntu\"\nID=ubuntu\n"),
    .init(path: "/etc/group", text: "root:x:0:\ndocker:x:999:\n"),
    .init(path: "/run/docker.sock", text: "", mode: 0o660, owner: (0, 999)),
    .init(path: "/etc/audit/rules.d/docker.rules", text: auditRules, mode: 0o640),
    .init(
      path: "/var/log/audit/audit.log",
      text: """
        type=EXECVE msg=audit(1700000000.100:20): argc=4 a0="docker" a1="exec" a2="web" a3="ls"
        type=EXECVE msg=audit(1700000000.200:21): argc=3 a0="docker" a1="ps" a2="--all"

        """, mode: 0o600),
  ]

  static let nonCompliantFiles: [HostCase.File] = [
    .init(path: "/usr/bin/dockerd", text: "", mode: 0o755),
    .init(
      path: "/etc/docker/daemon.json",
      text: """
        {"log-driver": "json-file", "hosts": ["tcp://0.0.0.0:2375"], "userland-proxy": true, \(tls)}
        """, mode: 0o666, owner: (1000, 1000)),
    .init(path: "/etc/docker/tls/ca.pem", text: "ca\n", mode: 0o644, owner: (1000, 0)),
    .init(path: "/etc/docker/tls/server.pem", text: "cert\n", mode: 0o644, owner: (0, 1000)),
    .init(path: "/etc/docker/tls/server-key.pem", text: "key\n", mode: 0o440, owner: (1000, 1000)),
    .init(path: "/etc/docker/certs.d/registry.example:5000/ca.crt", text: "ca\n", mode: 0o644, owner: (1000, 0)),
    .init(
      path: "/lib/systemd/system/docker.service", text: "[Service]\nExecStart=/usr/bin/dockerd -H fd://\n",
      mode: 0o606, owner: (1000, 0)),
    .init(
      path: "/etc/systemd/system/docker.service.d/override.conf",
      text: "[Service]\nExecStart=\nExecStart=/usr/bin/dockerd -H fd:// -H tcp://0.0.0.0:2376\n"),
    .init(
      path: "/lib/systemd/system/docker.socket", text: "[Socket]\nListenStream=/run/docker.sock\n", mode: 0o664,
      owner: (0, 1000)),
    .init(path: "/etc/default/docker", text: "DOCKER_OPTS=\n", mode: 0o666, owner: (1000, 1000)),
    .init(path: "/etc/os-release", text: "NAME=\"Ubuntu\"\nID=ubuntu\n"),
    .init(path: "/etc/group", text: "root:x:0:\ndocker:x:999:\n"),
    .init(path: "/run/docker.sock", text: "", mode: 0o666, owner: (0, 0)),
    .init(
      path: "/var/log/audit/audit.log",
      text: """
        type=EXECVE msg=audit(1700000000.100:20): argc=5 a0="docker" a1="exec" a2="--privileged" a3="web" a4="sh"
        type=EXECVE msg=audit(1700000000.200:21): argc=6 a0="/usr/bin/docker" a1="exec" a2="-u" a3="0" a4="web" a5="sh"

        """, mode: 0o600),
  ]

  static func expecting(_ result: String, except overrides: [String: String] = [:]) -> [String: String] {
    var expected = Dictionary(uniqueKeysWithValues: hostRules.map { ($0, result) })
    expected["SV-235873"] = "pass"
    for (rule, value) in overrides { expected[rule] = value }
    return expected
  }

  static let tlsRules = ["SV-235859", "SV-235860", "SV-235861", "SV-235862", "SV-235863", "SV-235864"]

  static let cases: [HostCase] = [
    HostCase(
      name: "compliant host", files: compliantFiles, folders: [.init(path: "/etc/docker", text: "", mode: 0o755)],
      expected: expecting("pass")),
    HostCase(
      name: "non-compliant host", files: nonCompliantFiles,
      folders: [.init(path: "/etc/docker", text: "", mode: 0o777, owner: (1000, 0))], expected: expecting("fail")),
    HostCase(
      name: "no TLS configured: the TLS file rules do not apply",
      files: compliantFiles.map { file in
        guard file.path == "/etc/docker/daemon.json" else { return file }
        return .init(path: file.path, text: #"{"log-driver": "syslog", "userland-proxy": false}"#)
      },
      expected: expecting("pass", except: Dictionary(uniqueKeysWithValues: tlsRules.map { ($0, "notapplicable") }))),
    HostCase(
      name: "TLS files given on docker.service's ExecStart",
      files: compliantFiles.map { file in
        switch file.path {
        case "/etc/docker/daemon.json":
          return .init(path: file.path, text: #"{"log-driver": "syslog", "userland-proxy": false}"#)
        case "/lib/systemd/system/docker.service":
          return .init(
            path: file.path,
            text: """
              [Service]
              ExecStart=/usr/bin/dockerd -H fd:// --tlsverify --tlscacert=/etc/docker/tls/ca.pem \
              --tlscert /etc/docker/tls/server.pem --tlskey=/etc/docker/tls/server-key.pem

              """)
        case "/etc/docker/tls/server-key.pem": return .init(path: file.path, text: "key\n", mode: 0o440)
        default: return file
        }
      },
      expected: expecting("pass", except: ["SV-235864": "fail"])),
    HostCase(
      name: "daemon.json missing, not Ubuntu, no socket",
      files: compliantFiles.filter {
        !["/etc/docker/daemon.json", "/etc/os-release", "/run/docker.sock"].contains($0.path)
      },
      expected: expecting(
        "pass",
        except: [
          "SV-235867": "fail", "SV-235868": "fail", "SV-235869": "notapplicable", "SV-235870": "notapplicable",
          "SV-235791": "fail",
        ].merging(tlsRules.map { ($0, "notapplicable") }) { first, _ in first })),
  ]

  static func build(_ hostCase: HostCase) throws -> FakeHost {
    let host = try FakeHost()
    for file in hostCase.files {
      try host.write(file.path, file.text, mode: file.mode)
      if let (user, group) = file.owner { host.setOwner(of: file.path, user: user, group: group) }
    }
    for folder in hostCase.folders {
      let path = host.root.appendingPathComponent(String(folder.path.dropFirst())).path
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
      chmod(path, folder.mode)
      if let (user, group) = folder.owner { chown(path, user, group) }
    }
    return host
  }

  /// Palisade's results for the host, scanned with no daemon answering.
  static func scan(_ host: FakeHost, output: TemporaryFolder) throws -> RuleResults {
    let run = try ScanRun.scan(
      root: host.root.path, output: output.path, extra: ["--docker-host", ScanRun.absentDockerHost])
    return try RuleResults(arf: try #require(run.arfPath, "\(run.command.standardError)"))
  }

  /// oscap's results for the host, read through OSCAP_PROBE_ROOT (with the schema overlay for the content's extensions).
  static func oscapResults(_ host: FakeHost, output: TemporaryFolder) throws -> RuleResults {
    let oscap = try #require(Prerequisites.oscap)
    let overlay = try #require(Prerequisites.schemaOverlay)
    let theirsPath = output.url.appendingPathComponent("oscap-arf.xml").path
    let theirsRun = try CommandRun.run(
      oscap, ["xccdf", "eval", "--results-arf", theirsPath, ProjectPaths.bundledContent],
      environment: ["OSCAP_PROBE_ROOT": host.root.path, "OSCAP_SCHEMA_PATH": overlay])
    let theirs = try RuleResults(arf: theirsPath)
    #expect(!theirs.byRule.isEmpty, "\(theirsRun.standardError)")
    return theirs
  }

  @Test(.enabled(if: Prerequisites.isRoot, "needs root (giving files other owners)"), arguments: cases)
  func hostFileRulesGetTheirResults(_ hostCase: HostCase) throws {
    let host = try Self.build(hostCase)
    let output = try TemporaryFolder()
    defer {
      host.remove()
      output.remove()
    }
    let ours = try Self.scan(host, output: output)
    for (rule, expected) in hostCase.expected.sorted(by: { $0.key < $1.key }) {
      #expect(ours[rule] == expected, "\(rule) in \(hostCase.name): \(ours.messages(of: rule))")
    }
  }

  @Test(
    .enabled(
      if: Prerequisites.isRoot && Prerequisites.oscap != nil && Prerequisites.schemaOverlay != nil,
      "needs root (giving files other owners), oscap and openscap-common (the schema overlay)"),
    arguments: cases)
  func oscapGivesTheSameHostFileResults(_ hostCase: HostCase) throws {
    let host = try Self.build(hostCase)
    let output = try TemporaryFolder()
    defer {
      host.remove()
      output.remove()
    }
    let ours = try Self.scan(host, output: output)
    let theirs = try Self.oscapResults(host, output: output)
    for rule in Self.hostRules where !Self.notComparedWithOscap.contains(rule) {
      #expect(ours[rule] == theirs[rule], "\(rule) in \(hostCase.name): oscap says \(theirs[rule] ?? "nothing")")
    }
  }
}
