import Foundation
import TestSupport
import Testing

/// SV-235787 (DKER-EE-001590) on fake hosts: every row of the walking skeleton's table, through the real binary.
@Suite struct DockerLogDriverScanTests {
  /// One host state and the result the rule must get: a log driver that sends logs off the host leaves the rule
  /// notchecked until a reviewer answers its SIEM half (ReviewTests).
  struct Row: CustomTestStringConvertible, Sendable {
    let name: String
    /// The content of /etc/docker/daemon.json, or nil when the file is absent.
    let daemonJSON: String?
    let expected: String
    var testDescription: String { name }
    /// The log-driver half's result alone, as SV-235831 decides it: a rule notchecked for its SIEM half passes here.
    var logDriverResult: String { expected == "notchecked" ? "pass" : expected }
  }

  static let rows: [Row] = [
    Row(name: "daemon.json missing", daemonJSON: nil, expected: "fail"),
    Row(name: "no log-driver key", daemonJSON: #"{"debug": true, "log_driver": "syslog"}"#, expected: "fail"),
    Row(name: "json-file", daemonJSON: #"{"log-driver": "json-file"}"#, expected: "fail"),
    Row(name: "local", daemonJSON: #"{"log-driver": "local"}"#, expected: "fail"),
    Row(name: "journald", daemonJSON: #"{"log-driver": "journald"}"#, expected: "fail"),
    Row(name: "none", daemonJSON: #"{"log-driver": "none"}"#, expected: "fail"),
    Row(name: "fluentd is not on the STIG's list", daemonJSON: #"{"log-driver": "fluentd"}"#, expected: "fail"),
    Row(
      name: "syslog",
      daemonJSON: #"{"log-driver": "syslog", "log-opts": {"syslog-address": "udp://10.0.0.1:514"}}"#,
      expected: "notchecked"),
    Row(name: "awslogs", daemonJSON: #"{"log-driver": "awslogs"}"#, expected: "notchecked"),
    Row(name: "splunk", daemonJSON: "{\n  \"log-driver\": \"splunk\"\n}\n", expected: "notchecked"),
    Row(name: "gcplogs", daemonJSON: #"{"log-driver": "gcplogs"}"#, expected: "notchecked"),
    Row(name: "logentries", daemonJSON: #"{"log-driver": "logentries"}"#, expected: "notchecked"),
    Row(name: "not valid JSON", daemonJSON: #"{"log-driver": "syslog","#, expected: "error"),
  ]

  static func exitStatus(for expected: String) -> Int32 { expected == "pass" ? 0 : 2 }

  @Test(arguments: rows)
  func ruleResultMatchesTheHostState(_ row: Row) throws {
    try FakeHost.withDockerHost(daemonJSON: row.daemonJSON) { host, output in
      let run = try ScanRun.scan(
        root: host.root.path, output: output.path, extra: ["--docker-host", ScanRun.absentDockerHost])
      // Other rules fail on this bare host, so the exit status is 2 whatever this rule gives.
      #expect(run.command.status == 2, "\(run.command.standardError)")
      let arf = try #require(run.arfPath, "no ARF written: \(run.command.standardError)")
      let result = try #require(try ScanRun.ruleResult(inARF: arf))
      #expect(result.result == row.expected)
      if row.expected == "error" {
        #expect(result.messages.contains { $0.contains("/etc/docker/daemon.json") }, "\(result.messages)")
      }
    }
  }

  /// Runs `body` on a host with the Docker Engine whose daemon.json nobody may read, and an output folder anyone
  /// may write.
  static func withUnreadableDaemonJSON<Result>(_ body: (FakeHost, TemporaryFolder) throws -> Result) throws -> Result {
    try FakeHost.withDockerHost(outputMode: 0o777) { host, output in
      try host.write("/etc/docker/daemon.json", #"{"log-driver": "syslog"}"#, mode: 0o000)
      return try body(host, output)
    }
  }

  @Test func unreadableDaemonJSONIsAnErrorNamingTheFile() throws {
    try Self.withUnreadableDaemonJSON { host, output in
      let run = try UnprivilegedScan.scan(root: host.root.path, output: output.path)
      #expect(run.command.status == 2, "\(run.command.standardError)")
      let arf = try #require(run.arfPath, "no ARF written: \(run.command.standardError)")
      let result = try #require(try ScanRun.ruleResult(inARF: arf))
      #expect(result.result == "error")
      #expect(result.messages.contains { $0.contains("/etc/docker/daemon.json") && $0.contains("permission denied") })
    }
  }

  /// oscap, reading the same host as the same unprivileged user, reaches the same result.
  @Test(.enabled(if: Prerequisites.oscap != nil, "needs oscap (openscap-scanner)"))
  func oscapAlsoGivesAnErrorForAnUnreadableDaemonJSON() throws {
    let oscap = try #require(Prerequisites.oscap)
    try Self.withUnreadableDaemonJSON { host, output in
      let theirs = try UnprivilegedScan.oscap(oscap, root: host.root.path, output: output.path)
      // oscap cannot combine SV-235787's complex-check (its SIEM half is a check system oscap does not run);
      // SV-235831 takes the same log driver decision alone.
      let sameDecision = "xccdf_mil.disa.stig_rule_SV-235831r961362_rule"
      #expect(try ScanRun.ruleResult(sameDecision, inARF: theirs)?.result == "error")
    }
  }

  @Test func terminalSummaryNamesTheRuleAndTheResultFile() throws {
    try FakeHost.withDockerHost(daemonJSON: #"{"log-driver": "json-file"}"#) { host, output in
      let run = try ScanRun.scan(
        root: host.root.path, output: output.path, extra: ["--docker-host", ScanRun.absentDockerHost])
      #expect(run.command.standardOutput.contains("FAIL          DKER-EE-001590"))
      #expect(run.command.standardOutput.contains("Results: \(output.path)/"))
      #expect(run.command.standardOutput.contains("Rules: "))
    }
  }
}
