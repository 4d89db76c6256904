import Foundation
import TestSupport
import Testing

/// Large answers of the Docker Engine API (issue 13): a /info with tens of thousands of security options and a
/// daemon with a thousand containers are read whole, decide their rules, and cost memory in proportion to what they
/// hold. Memory is the scan's peak resident set, measured by a python3 parent that runs nothing else (no timing).
@Suite(.enabled(if: Prerequisites.python3 != nil, "needs python3 for the fake Docker daemon"))
struct DockerAPILargeAnswerTests {
  /// The scan's exit status, the rule results of its ARF, and its peak resident set in KiB.
  static func scan(_ daemon: FakeDockerDaemon) throws -> (status: Int32, results: RuleResults, peakKiB: Int) {
    try FakeHost.withDockerHost(daemonJSON: #"{"log-driver": "syslog"}"#) { host, output in
      let measure = """
        import resource, subprocess, sys
        status = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
        print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
        sys.exit(status)
        """
      let python = try #require(Prerequisites.python3)
      let run = try CommandRun.run(
        python,
        [
          "-c", measure, ProjectPaths.palisade, "scan", "--content", ProjectPaths.bundledContent, "--root",
          host.root.path, "--output-dir", output.path, "--docker-host", daemon.dockerHost, "--quiet",
        ])
      let arf = try #require(ScanRun.latestARF(in: output.path), "\(run.standardError)")
      let peak = try #require(Int(run.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)))
      return (run.status, try RuleResults(arf: arf), peak)
    }
  }

  /// 35,000 security options (about 1 MB): appending each value copied the record, so the answer took seconds per
  /// rule; it is read once and the rules reading it are decided.
  @Test func aLongSecurityOptionsListIsReadAndDecides() throws {
    let daemon = try #require(try FakeDockerDaemon(mode: "normal", options: ["--security-options", "35000"]))
    defer { daemon.stop() }
    let (status, results, _) = try Self.scan(daemon)
    #expect(status == 2)
    for rule in ["SV-235777", "SV-235816"] {
      #expect(["pass", "fail"].contains(results[rule] ?? ""), "\(rule): \(results.messages(of: rule))")
    }
  }

  /// A thousand containers: each container's documents are held once, so the scan's peak memory stays within a few
  /// tens of KiB per container (330 MB before; about 75 MB now, most of it the scan's own).
  @Test func aThousandContainersCostBoundedMemory() throws {
    let daemon = try #require(try FakeDockerDaemon(mode: "normal", options: ["--containers", "1000"]))
    defer { daemon.stop() }
    let (_, results, peakKiB) = try Self.scan(daemon)
    #expect(["pass", "fail"].contains(results["SV-235830"] ?? ""), "\(results.messages(of: "SV-235830"))")
    #expect(peakKiB < 200 * 1024, "peak resident set \(peakKiB / 1024) MiB for 1000 containers")
  }
}
