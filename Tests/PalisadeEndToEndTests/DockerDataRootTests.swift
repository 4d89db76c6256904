import Foundation
import TestSupport
import Testing

extension RealDockerDaemonTests {
  /// DKER-EE-001090 (SV-235779) wants audit rules on the data root of each daemon, wherever it was moved: by
  /// `--data-root` on a running dockerd's command line or on docker.service's ExecStart, or by `data-root` in
  /// daemon.json or in the file `--config-file` names, and not on /var/lib/docker, which no daemon then uses. Two real
  /// daemons, one given `--data-root`, one whose configuration file sets `data-root`; the scanned tree holds their
  /// command lines (/proc/PID/cmdline, as the kernel gives them) and configuration files where the host has them.
  @Suite(.enabled(if: Prerequisites.canStartDockerd, "needs root and docker.io's dockerd"))
  struct MovedDataRoot {
    @Test func everyDataRootADaemonIsGivenMustBeWatched() throws {
      let flagged = try DockerDaemon.start(configuration: "{}")
      defer { flagged.stop() }
      let moved = try TemporaryFolder()
      defer { moved.remove() }
      let configured = "\(moved.path)/docker"
      let configuration = #"{"data-root": "\#(configured)"}"#
      let keyed = try DockerDaemon.start(configuration: configuration, dataRootConfigured: true)
      defer { keyed.stop() }
      let flaggedRoot = try #require(flagged.dataRootFlag)
      let unitRoot = "/srv/docker-data"

      let host = try FakeHost()
      defer { host.remove() }
      try host.installDockerEngine()
      for daemon in [flagged, keyed] {
        let commandLine = try #require(FileManager.default.contents(atPath: "/proc/\(daemon.pid)/cmdline"))
        try host.write("/proc/\(daemon.pid)/cmdline", bytes: Array(commandLine))
        try host.write(daemon.configurationFile, try String(contentsOfFile: daemon.configurationFile, encoding: .utf8))
      }
      try host.write(
        "/lib/systemd/system/docker.service", "[Service]\nExecStart=/usr/bin/dockerd -H fd:// --data-root \(unitRoot)\n"
      )
      for root in [flaggedRoot, configured, unitRoot, "/var/lib/docker"] { try host.makeFolder(root) }
      let otherPaths = ["/usr/bin/dockerd", "/lib/systemd/system/docker.service"]

      // Each data root named is watched (one with a trailing slash, as auditctl accepts it): pass.
      try host.write(
        "/etc/audit/rules.d/docker.rules",
        (otherPaths + [flaggedRoot, configured + "/", unitRoot]).map { "-w \($0) -k docker\n" }.joined())
      let watched = try Self.evaluate(host)
      #expect(watched["SV-235779"] == "pass", "\(watched.messages(of: "SV-235779"))")

      // Any data root named left unwatched is a finding, even with /var/lib/docker, which no daemon uses, watched.
      for unwatched in [flaggedRoot, configured, unitRoot] {
        let others = [flaggedRoot, configured, unitRoot, "/var/lib/docker"].filter { $0 != unwatched }
        try host.write(
          "/etc/audit/rules.d/docker.rules", (otherPaths + others).map { "-w \($0) -k docker\n" }.joined())
        let results = try Self.evaluate(host)
        #expect(results["SV-235779"] == "fail", "\(unwatched) unwatched: \(results.messages(of: "SV-235779"))")
      }
    }

    /// `palisade xccdf eval` of SV-235779 on `host`, with no daemon answering.
    static func evaluate(_ host: FakeHost) throws -> RuleResults {
      let output = try TemporaryFolder()
      defer { output.remove() }
      let arf = output.url.appendingPathComponent("arf.xml").path
      let run = try CommandRun.run(
        ProjectPaths.palisade,
        [
          "xccdf", "eval", "--results-arf", arf, "--root", host.root.path, "--docker-host", ScanRun.absentDockerHost,
          "--rule", "xccdf_mil.disa.stig_rule_SV-235779r960765_rule", ProjectPaths.bundledContent,
        ])
      try #require(FileManager.default.fileExists(atPath: arf), "\(run.standardError)")
      return try RuleResults(arf: arf)
    }
  }
}
