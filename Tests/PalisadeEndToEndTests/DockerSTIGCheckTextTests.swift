import Foundation
import TestSupport
import Testing

extension RealDockerDaemonTests {
  /// Rules held to the STIG's own check text, each against a real dockerd: the cases where an earlier reading of the
  /// rule gave the wrong result (issue 14). The host files are a fake host's; the containers and images are the
  /// daemon's.
  @Suite(
    .enabled(
      if: Prerequisites.canStartDockerd && Prerequisites.docker != nil, "needs dockerd and docker (docker.io) and root")
  )
  struct CheckText {
    /// A host with Docker installed whose daemon.json is `daemonJSON`, running since before the scan.
    static func host(daemonJSON: String, files: [String: String] = [:]) throws -> FakeHost {
      let host = try EngineRules.host(daemonJSON: daemonJSON)
      for (path, text) in files { try host.write(path, text) }
      return host
    }

    static func start(_ configuration: String) throws -> DockerDaemon {
      try DockerDaemon.start(configuration: configuration)
    }

    /// Scans `host` next to `daemon`; with `values`, through `palisade xccdf eval` and a tailoring that sets them.
    static func scan(_ host: FakeHost, daemon: DockerDaemon, values: [String: String] = [:]) throws -> RuleResults {
      guard !values.isEmpty else { return try EngineRules.scan(host, daemon: daemon) }
      let output = try TemporaryFolder()
      defer { output.remove() }
      let tailoring = output.url.appendingPathComponent("tailoring.xml")
      let setValues = values.map { #"<set-value idref="\#($0.key)">\#($0.value)</set-value>"# }.joined()
      try Data(
        """
        <Tailoring xmlns="http://checklists.nist.gov/xccdf/1.2" id="xccdf_dev.palisade_tailoring_test">
          <version time="2026-01-01T00:00:00">1</version>
          <Profile id="xccdf_dev.palisade_profile_tailored" extends="xccdf_mil.disa.stig_profile_MAC-1_Public">
            <title>tailored</title>\(setValues)</Profile>
        </Tailoring>
        """.utf8
      ).write(to: tailoring)
      let arf = output.url.appendingPathComponent("arf.xml").path
      let run = try CommandRun.run(
        ProjectPaths.palisade,
        [
          "xccdf", "eval", "--profile", "xccdf_dev.palisade_profile_tailored", "--tailoring-file", tailoring.path,
          "--root", host.root.path, "--docker-host", daemon.dockerHost, "--results-arf", arf,
          ProjectPaths.bundledContent,
        ])
      #expect(FileManager.default.fileExists(atPath: arf), "\(run.standardError)")
      return try RuleResults(arf: arf)
    }

    /// Containers against `rule` on a daemon (and host daemon.json) with `configuration`: with the `compliant`
    /// containers the rule passes; each of `findings` (docker create options), added alone, makes it fail.
    static func expectContainers(
      _ rule: String, configuration: String = "{}", compliant: [[String]], findings: [[String]]
    ) throws {
      let daemon = try start(configuration)
      defer { daemon.stop() }
      let host = try host(daemonJSON: configuration)
      defer { host.remove() }
      try daemon.importImage("palisade-test:empty")
      for (index, options) in compliant.enumerated() {
        try daemon.run(["create", "--name", "compliant-\(index)"] + options + ["palisade-test:empty", "/app"])
      }
      let passing = try scan(host, daemon: daemon)
      #expect(passing[rule] == "pass", "\(compliant): \(passing.messages(of: rule))")
      for (index, options) in findings.enumerated() {
        try daemon.run(["create", "--name", "finding-\(index)"] + options + ["palisade-test:empty", "/app"])
        let failing = try scan(host, daemon: daemon)
        #expect(failing[rule] == "fail", "\(options): \(failing.messages(of: rule))")
        try daemon.run(["rm", "finding-\(index)"])
      }
    }

    /// DKER-EE-004130: only tags older than the running version are findings; a newer tag pulled ahead of an upgrade
    /// is not, and one tag per product is decided.
    @Test func onlyOlderUCPAndDTRImagesAreFindings() throws {
      let daemon = try Self.start("{}")
      defer { daemon.stop() }
      let host = try Self.host(daemonJSON: "{}")
      defer { host.remove() }
      try daemon.importImage("docker/ucp:3.2.6")
      try daemon.importImage("docker/dtr:2.7.5")
      try daemon.run(["create", "--name", "ucp-controller", "docker/ucp:3.2.6", "/bin/ucp"])
      try daemon.run(["create", "--name", "dtr-registry-5f2c", "docker/dtr:2.7.5", "/bin/dtr"])
      let rule = "SV-235845"

      let oneTagEach = try Self.scan(host, daemon: daemon)
      #expect(oneTagEach[rule] == "pass", "one tag per product: \(oneTagEach.messages(of: rule))")

      try daemon.importImage("docker/ucp:3.10.0")
      let newer = try Self.scan(host, daemon: daemon)
      #expect(newer[rule] == "pass", "a newer, unused tag: \(newer.messages(of: rule))")

      try daemon.importImage("docker/dtr:2.7.1")
      let older = try Self.scan(host, daemon: daemon)
      #expect(older[rule] == "fail", "an older DTR tag: \(older.messages(of: rule))")
    }

    /// DKER-EE-003200: a numeric user id is compared as a number, so 00 is root.
    @Test func aUserIDOfZeroInAnySpellingIsRoot() throws {
      try Self.expectContainers(
        "SV-235830", compliant: [["--user", "1000:0"]], findings: [["--user", "00"], ["--user", "000:1000"]])
    }

    /// DKER-EE-001050: one tcp:// address among daemon.json's hosts is a finding.
    @Test func anyTCPHostInDaemonJSONIsAFinding() throws {
      let daemon = try Self.start("{}")
      defer { daemon.stop() }
      let rule = "SV-235776"
      let cases = [
        (#"{"hosts": ["unix:///var/run/docker.sock"]}"#, "pass"),
        (#"{"hosts": ["unix:///var/run/docker.sock", "tcp://127.0.0.1:23760"]}"#, "fail"),
        (#"{"hosts": ["fd://", "TCP://0.0.0.0:2376", "unix:///var/run/docker.sock"]}"#, "fail"),
      ]
      for (daemonJSON, expected) in cases {
        let host = try Self.host(daemonJSON: daemonJSON)
        defer { host.remove() }
        let results = try Self.scan(host, daemon: daemon)
        #expect(results[rule] == expected, "\(daemonJSON): \(results.messages(of: rule))")
      }
    }

    /// DKER-EE-001050 when a TCP listener cannot be tied to a process (PID 1's descriptors can be unreadable even to
    /// root): the running dockerd's command line and daemon.json decide, unless it reads another daemon.json.
    @Test func theCommandLineDecidesWhenAListenerHasNoKnownOwner() throws {
      let daemon = try Self.start("{}")
      defer { daemon.stop() }
      let rule = "SV-235776"
      let unownedListener = """
          sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
           0: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 99999 1 0 100 0 0 10 0

        """
      let cases = [
        (["/usr/bin/dockerd", "-H", "fd://", "--containerd=/run/containerd/containerd.sock"], nil, "pass"),
        (["/usr/bin/dockerd", "-H", "fd://", "-H", "tcp://0.0.0.0:2375"], nil, "fail"),
        (["/usr/bin/dockerd", "-H", "fd://"], "[Socket]\nListenStream=/run/docker.sock\nListenStream=2375\n", "fail"),
        (["/usr/bin/dockerd", "--config-file", "/srv/docker.json"], nil, "unknown"),
      ]
      for (commandLine, socketUnit, expected) in cases {
        var files = [
          "/proc/net/tcp": unownedListener,
          "/proc/4242/stat": "4242 (dockerd) S 1 4242 4242 0 -1 4194560 100 0 0 0 10 5 0 0 20 0 12 0 5000 1000 100\n",
          "/proc/4242/cmdline": commandLine.joined(separator: "\u{0}") + "\u{0}",
        ]
        if let socketUnit { files["/lib/systemd/system/docker.socket"] = socketUnit }
        let host = try Self.host(daemonJSON: #"{"hosts": ["unix:///var/run/docker.sock"]}"#, files: files)
        defer { host.remove() }
        let results = try Self.scan(host, daemon: daemon)
        #expect(results[rule] == expected, "\(commandLine) \(socketUnit ?? ""): \(results.messages(of: rule))")
      }
    }

    /// DKER-EE-003320 (and DKER-EE-003230 through DKER-EE-001590) read the file docker.service's --config-file
    /// names, not /etc/docker/daemon.json, which dockerd then ignores.
    @Test func theConfigurationFileDockerServiceNamesIsRead() throws {
      let withAddress = #"{"log-driver": "syslog", "log-opts": {"syslog-address": "udp://127.0.0.1:514"}}"#
      let unit = [
        "/lib/systemd/system/docker.service":
          "[Service]\nExecStart=/usr/bin/dockerd -H fd:// --config-file /srv/d.json\n"
      ]
      let cases = [
        (moved: withAddress, ignored: #"{"log-driver": "json-file"}"#, expected: "pass"),
        (moved: #"{"log-driver": "syslog"}"#, ignored: withAddress, expected: "fail"),
      ]
      for (moved, ignored, expected) in cases {
        let daemon = try Self.start(moved)
        defer { daemon.stop() }
        let host = try Self.host(daemonJSON: ignored, files: unit.merging(["/srv/d.json": moved]) { $1 })
        defer { host.remove() }
        try host.setModificationDate(of: "/srv/d.json", to: Date().addingTimeInterval(-3600))
        try host.setModificationDate(of: "/lib/systemd/system/docker.service", to: Date().addingTimeInterval(-3600))
        let results = try Self.scan(host, daemon: daemon)
        #expect(results["SV-235831"] == "pass", "\(moved): \(results.messages(of: "SV-235831"))")
        #expect(results["SV-235833"] == expected, "\(moved): \(results.messages(of: "SV-235833"))")
        #expect(
          !results.messages(of: "SV-235833").contains { $0.contains("collected no item") },
          "\(results.messages(of: "SV-235833"))")
      }
    }

    /// DKER-EE-002110: a container that turns no-new-privileges off is a finding even when the daemon sets it.
    @Test func aContainerTurningNoNewPrivilegesOffWinsOverTheDaemon() throws {
      try Self.expectContainers(
        "SV-235816", configuration: #"{"no-new-privileges": true}"#, compliant: [[]],
        findings: ["no-new-privileges=false", "no-new-privileges:false", "no-new-privileges=0"].map {
          ["--security-opt", $0]
        })
    }

    /// DKER-EE-004040: Docker copies the daemon's default-ulimits into every container's HostConfig.Ulimits; a limit
    /// equal to a default is no override, one that differs from it is.
    @Test func aUlimitEqualToTheDaemonsDefaultIsNoOverride() throws {
      try Self.expectContainers(
        "SV-235844", configuration: #"{"default-ulimits": {"nofile": {"Name": "nofile", "Hard": 4096, "Soft": 1024}}}"#,
        compliant: [[], ["--ulimit", "nofile=1024:4096"]],
        findings: ["nofile=1024:8192", "nofile=2048:4096", "nproc=10:20"].map { ["--ulimit", $0] })
    }

    /// DKER-EE-001370 and DKER-EE-003310: every size dockerd accepts for max-size passes, in daemon.json and in
    /// docker.service's --log-opt; sizes it refuses fail.
    @Test func everyMaxSizeDockerdAcceptsPasses() throws {
      let daemon = try Self.start(#"{"log-driver": "json-file", "log-opts": {"max-size": "10mb", "max-file": "3"}}"#)
      defer { daemon.stop() }
      let accepted = ["10mb", "10MB", "10m", "10MiB", "1.5g", "1024", "512k", "10 kb", "2Gb", "0.5m"]
      let refused = ["0", "-1", "10x", "m", "ten"]
      for (size, expected) in accepted.map({ ($0, "pass") }) + refused.map({ ($0, "fail") }) {
        let inDaemonJSON = try Self.host(
          daemonJSON: #"{"log-driver": "json-file", "log-opts": {"max-size": "\#(size)", "max-file": "3"}}"#)
        defer { inDaemonJSON.remove() }
        let fromFile = try Self.scan(inDaemonJSON, daemon: daemon)
        #expect(
          fromFile["SV-235786"] == expected, "daemon.json max-size \(size): \(fromFile.messages(of: "SV-235786"))")
        #expect(fromFile["SV-235832"] == expected, "daemon.json max-size \(size)")
        guard !size.contains(" ") else { continue }
        let onTheUnit = try Self.host(
          daemonJSON: #"{"log-driver": "json-file"}"#,
          files: [
            "/lib/systemd/system/docker.service":
              "[Service]\nExecStart=/usr/bin/dockerd -H fd:// --log-opt max-size=\(size) --log-opt \"max-file=3\"\n"
          ])
        defer { onTheUnit.remove() }
        let fromUnit = try Self.scan(onTheUnit, daemon: daemon)
        #expect(fromUnit["SV-235786"] == expected, "--log-opt max-size=\(size): \(fromUnit.messages(of: "SV-235786"))")
        #expect(fromUnit["SV-235832"] == expected, "--log-opt max-size=\(size)")
      }
    }

    /// DKER-EE-002090: only the options between exec and the container's name are docker exec's own.
    @Test func onlyOptionsBeforeTheContainerBelongToDockerExec() throws {
      let daemon = try Self.start("{}")
      defer { daemon.stop() }
      let rule = "SV-235814"
      let records = [
        (#"a0="docker" a1="exec" a2="b_plain" a3="ls" a4="-u""#, "pass"),
        (#"a0="docker" a1="exec" a2="-it" a3="web" a4="ps" a5="--user""#, "pass"),
        (#"a0="docker" a1="exec" a2="-e" a3="-u" a4="web" a5="sh""#, "pass"),
        (#"a0="docker" a1="exec" a2="-it" a3="-u" a4="0" a5="web" a6="sh""#, "fail"),
        (#"a0="docker" a1="exec" a2="-e" a3="A=1" a4="--user=root" a5="web" a6="sh""#, "fail"),
        (#"a0="/usr/bin/docker" a1="-H" a2="unix:///run/docker.sock" a3="exec" a4="-itu0" a5="web""#, "fail"),
        (#"a0="docker" a1="exec" a2="-w" a3="/tmp" a4="--user" a5="root" a6="web" a7="id""#, "fail"),
      ]
      for (arguments, expected) in records {
        let host = try Self.host(
          daemonJSON: "{}",
          files: ["/var/log/audit/audit.log": "type=EXECVE msg=audit(1700000000.100:20): argc=5 \(arguments)\n"])
        defer { host.remove() }
        let results = try Self.scan(host, daemon: daemon)
        #expect(results[rule] == expected, "\(arguments): \(results.messages(of: rule))")
      }
    }

    /// DKER-EE-001950: capabilities compare without their CAP_ prefix, which Docker CLI 28 adds when it stores them.
    @Test func capabilitiesCompareWithoutTheirPrefix() throws {
      let daemon = try Self.start("{}")
      defer { daemon.stop() }
      let host = try Self.host(daemonJSON: "{}")
      defer { host.remove() }
      try daemon.importImage("palisade-test:empty")
      try daemon.run(["create", "--name", "netadmin", "--cap-add", "NET_ADMIN", "palisade-test:empty", "/app"])
      try daemon.run(["create", "--name", "netraw", "--cap-add", "CAP_NET_RAW", "palisade-test:empty", "/app"])
      let rule = "SV-235801"
      let value = "xccdf_dev.palisade_value_docker_allowed_capabilities"
      let allowed = try Self.scan(host, daemon: daemon, values: [value: "NET_ADMIN, CAP_NET_RAW"])
      #expect(allowed[rule] == "pass", "\(allowed.messages(of: rule))")
      let lowerCase = try Self.scan(host, daemon: daemon, values: [value: "cap_net_admin,net_raw"])
      #expect(lowerCase[rule] == "pass", "\(lowerCase.messages(of: rule))")
      let notAllowed = try Self.scan(host, daemon: daemon, values: [value: "NET_ADMIN"])
      #expect(notAllowed[rule] == "fail", "NET_RAW is not allowed: \(notAllowed.messages(of: rule))")
    }
  }
}
