import Foundation
import TestSupport
import Testing

/// A Docker daemon that answers malformed or hostile HTTP, or slowly, through the binary: every scan ends with
/// results (exit 2), the Engine API rules are errors naming the reply's problem, the rules on host files still
/// decide, and no lock is left behind.
@Suite(.serialized) struct DockerAPIHostileDaemonTests {
  static let modes = [
    "chunk-minus-one", "content-length-minus-five", "chunk-huge", "endless-cr", "endless-headers", "truncated-length",
    "truncated-chunked", "not-http",
  ]

  /// The results and the run of a scan of an empty host against `daemon`.
  static func scan(_ daemon: FakeDockerDaemon, extra: [String] = []) throws -> (ScanRun, RuleResults?, String) {
    try FakeHost.withDockerHost(daemonJSON: #"{"log-driver": "syslog"}"#) { host, output in
      let run = try ScanRun.scan(
        root: host.root.path, output: output.path, extra: ["--docker-host", daemon.dockerHost] + extra)
      let results = try run.arfPath.map { try RuleResults(arf: $0) }
      let hosts = (try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []
      let locks = hosts.filter { FileManager.default.fileExists(atPath: "\(output.path)/\($0)/.palisade.lock") }
      return (run, results, locks.joined(separator: ", "))
    }
  }

  @Test(arguments: modes)
  func aMalformedReplyEndsInResults(mode: String) throws {
    guard let daemon = try FakeDockerDaemon(mode: mode) else {
      Issue.record("python3 is needed for the fake Docker daemon")
      return
    }
    defer { daemon.stop() }
    let (run, results, locks) = try Self.scan(daemon, extra: ["--docker-timeout", "3"])
    #expect(run.command.status == 2, "\(mode): \(run.command.standardError)")
    #expect(locks.isEmpty, "\(mode): a lock is left in \(locks)")
    let ruleResults = try #require(results, "\(mode): no ARF; \(run.command.standardError)")
    // SV-235830 reads the container list: the reply's problem is its error.
    #expect(ruleResults["SV-235830"] == "error", "\(mode)")
    let messages = ruleResults.messages(of: "SV-235830").joined(separator: "\n")
    #expect(
      messages.contains("Docker Engine API at \(daemon.dockerHost): GET /containers/json?all=1: malformed HTTP answer"),
      "\(mode): \(messages)")
  }

  /// 20 containers and a daemon that takes 4.5 s per answer: the per-container documents are fetched several at a
  /// time, so the scan decides the container rules, and the scan stops asking when the Docker API's budget is spent
  /// (one request at a time, it took minutes).
  @Test func aSlowDaemonWithManyContainersIsReadWithinTheBudget() throws {
    guard let daemon = try FakeDockerDaemon(mode: "normal", options: ["--containers", "20", "--delay", "4.5"]) else {
      Issue.record("python3 is needed for the fake Docker daemon")
      return
    }
    defer { daemon.stop() }
    let (run, results, locks) = try Self.scan(daemon)
    #expect(run.command.status == 2, "\(run.command.standardError)")
    #expect(locks.isEmpty)
    let ruleResults = try #require(results)
    // SV-235830 reads each container's Config.User.
    #expect(ruleResults["SV-235830"] == "pass", "\(ruleResults.messages(of: "SV-235830"))")
    // Requests the budget left no time for are errors that say so; nothing else is.
    for (rule, result) in ruleResults.byRule where result == "error" {
      let messages = ruleResults.messages[rule, default: []].joined(separator: "\n")
      #expect(
        messages.contains("for the Docker Engine API") || messages.contains("collected no item"), "\(rule): \(messages)"
      )
    }
  }

  @Test(
    arguments: [
      (
        ["DOCKER_HOST": "ssh://admin@docker.example"], [String](),
        "DOCKER_HOST: docker host 'ssh://admin@docker.example' cannot be used: Palisade does not speak ssh://"
      ),
      (
        [:], ["--docker-host", "npipe:////./pipe/docker_engine"],
        "--docker-host: docker host 'npipe:////./pipe/docker_engine' cannot be used: Palisade does not speak npipe://"
      ),
      (["DOCKER_HOST": "unix://run/docker.sock"], [], "the unix socket path is not absolute"),
    ])
  func aDockerHostPalisadeDoesNotTakeIsAnError(environment: [String: String], arguments: [String], message: String)
    throws
  {
    let output = try TemporaryFolder()
    defer { output.remove() }
    let run = try CommandRun.run(
      ProjectPaths.palisade,
      ["scan", "--content", ProjectPaths.bundledContent, "--root", output.path, "--output-dir", output.path]
        + arguments, environment: environment)
    #expect(run.status != 0 && run.status != 2)
    #expect(run.standardError.contains(message), "\(run.standardError)")
  }
}
