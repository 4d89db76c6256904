import Foundation
import TestSupport
import Testing

extension RealDockerDaemonTests {
  /// The STIG's questions when podman's Docker-compatible API (`podman system service`) answers: the log driver is
  /// read from podman's containers.conf files in podman's order (the last that sets it wins) and from the driver
  /// podman runs with; the Docker daemon's own rules are not applicable, saying so; container rules still apply.
  @Suite(.enabled(if: Prerequisites.podman != nil && Prerequisites.isRoot, "needs podman and root"))
  struct PodmanRules {
    static let allowedLogDrivers = "xccdf_dev.palisade_value_docker_allowed_log_drivers"

    /// Scans a host with podman and dockerd installed and `files` written, next to `service`, with journald allowed.
    static func scan(_ files: [String: String], service: PodmanService) throws -> RuleResults {
      let host = try FakeHost()
      defer { host.remove() }
      try host.installDockerEngine()
      try host.write("/usr/bin/podman", "", mode: 0o755)
      try host.write("/etc/docker/daemon.json", #"{"log-driver": "syslog"}"#)
      for (path, contents) in files { try host.write(path, contents) }
      let output = try TemporaryFolder()
      defer { output.remove() }
      let tailoring = output.url.appendingPathComponent("tailoring.xml")
      try Data(
        """
        <Tailoring xmlns="http://checklists.nist.gov/xccdf/1.2" id="xccdf_dev.palisade_tailoring_test">
          <version time="2026-01-01T00:00:00">1</version>
          <Profile id="xccdf_dev.palisade_profile_tailored" extends="xccdf_mil.disa.stig_profile_MAC-1_Public">
            <title>tailored</title><set-value idref="\(allowedLogDrivers)">journald</set-value></Profile>
        </Tailoring>
        """.utf8
      ).write(to: tailoring)
      let run = try CommandRun.run(
        ProjectPaths.palisade,
        [
          "scan", "--content", ProjectPaths.bundledContent, "--root", host.root.path, "--output-dir", output.path,
          "--docker-host", "unix://\(service.socketPath)", "--tailoring-file", tailoring.path, "--profile",
          "xccdf_dev.palisade_profile_tailored",
        ], environment: ["DOCKER_CONFIG": output.path])
      return try RuleResults(arf: try #require(ScanRun.latestARF(in: output.path), "\(run.standardError)"))
    }

    static func containersConf(_ driver: String) -> String {
      "[engine]\nevents_logger = \"file\"\n\n[containers]\n# log_driver = \"none\"\nlog_driver = \"\(driver)\"\n"
    }

    @Test func theLogDriverIsReadFromContainersConfInPodmansOrder() throws {
      let service = try PodmanService(configuration: Self.containersConf("journald"))
      defer { service.stop() }
      let vendor = "/usr/share/containers/containers.conf"
      let local = "/etc/containers/containers.conf"
      let dropIn = "/etc/containers/containers.conf.d/50-logs.conf"
      // The last file that sets it wins, whatever the files before say; daemon.json's syslog is not podman's.
      let cases: [([String: String], String)] = [
        ([vendor: Self.containersConf("k8s-file"), local: Self.containersConf("journald")], "pass"),
        ([vendor: Self.containersConf("journald"), local: Self.containersConf("k8s-file")], "fail"),
        ([local: Self.containersConf("journald"), dropIn: Self.containersConf("k8s-file")], "fail"),
        ([local: Self.containersConf("k8s-file"), dropIn: Self.containersConf("journald")], "pass"),
        // A log_driver in another table is not the [containers] one.
        ([local: "[engine]\nlog_driver = \"journald\"\n"], "fail"),
        ([:], "fail"),
      ]
      for (files, expected) in cases {
        let results = try Self.scan(files, service: service)
        #expect(results["SV-235831"] == expected, "\(files): \(results.messages(of: "SV-235831"))")
      }
    }

    @Test func theDockerDaemonsOwnRulesDoNotApplyToPodman() throws {
      let service = try PodmanService(configuration: Self.containersConf("k8s-file"))
      defer { service.stop() }
      let results = try Self.scan([:], service: service)
      // daemon.json, docker.service, the Docker socket, swarm, UCP, audit of Docker's files, TLS of the daemon.
      for rule in [
        "SV-235776", "SV-235779", "SV-235790", "SV-235851", "SV-235865", "SV-235867", "SV-235848", "SV-235775",
      ] {
        #expect(results[rule] == "notapplicable", "\(rule): \(results[rule] ?? "none")")
        #expect(
          results.messages(of: rule).contains {
            $0.contains("Podman Engine") && $0.contains("does not apply to podman")
          },
          "\(rule): \(results.messages(of: rule))")
      }
      // Container rules read podman's answers (no container: nothing to find).
      for rule in ["SV-235802", "SV-235830"] {
        #expect(results[rule] == "pass", "\(rule): \(results.messages(of: rule))")
      }
      #expect(results["SV-235831"] == "fail", "k8s-file is not allowed: \(results.messages(of: "SV-235831"))")
    }
  }
}
