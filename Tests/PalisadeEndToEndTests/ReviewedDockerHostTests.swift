import Foundation
import TestSupport
import Testing

extension RealDockerDaemonTests {
  /// Issue 17's acceptance against a real dockerd: with a review for each of the 33 manual rules (and the manual
  /// halves of SV-235787 and SV-235833), a scan decides every rule, and no format it writes has a notchecked rule.
  @Suite(
    .enabled(
      if: Prerequisites.canStartDockerd && Prerequisites.bash != nil, "needs dockerd (docker.io), root and bash"))
  struct ReviewedDockerHost {
    @Test func aScanWithEveryManualRuleReviewedHasNothingNotcheckedInAnyFormat() throws {
      let configuration = #"{"log-driver": "syslog", "log-opts": {"syslog-address": "udp://127.0.0.1:514"}}"#
      let daemon = try DockerDaemon.start(configuration: configuration)
      defer { daemon.stop() }
      let reviewed = try ReviewTests.ReviewedHost(logDriver: "syslog")
      defer { reviewed.remove() }
      let written = Date().addingTimeInterval(-3600)
      try reviewed.host.write("/etc/docker/daemon.json", configuration)
      try reviewed.host.setModificationDate(of: "/etc/docker/daemon.json", to: written)
      try reviewed.host.markDaemonRunning(since: written.addingTimeInterval(60))

      let walk = try reviewed.answerEveryManualRule(reviewer: "dana")
      #expect(walk.status == 0, "\(walk.standardError)")
      #expect(walk.standardOutput.contains("35 answer(s) recorded"), "\(walk.standardOutput)")

      let (_, arf, results) = try reviewed.scan(formats: "ckl,cklb,hdf,html", dockerHost: daemon.dockerHost)
      let manual = try DockerSTIGContentTests.contentRules().filter {
        $0.checkSystems == [DockerSTIGContentTests.manualCheckSystem]
      }
      #expect(manual.count == 33)
      for rule in manual {
        #expect(results.byRule[rule.shortID] == "pass", "\(rule.shortID): \(results.messages[rule.shortID] ?? [])")
      }
      // The daemon answers, so every automated rule is decided too.
      let undecided = results.byRule.filter { ["error", "unknown", "notchecked"].contains($0.value) }
      #expect(undecided.isEmpty, "\(undecided)")
      #expect(results["SV-235787"] == "pass", "\(results.messages(of: "SV-235787"))")
      try ReviewTests.expectNothingNotchecked(arf: arf, results: results, reviewer: "dana")
    }
  }
}
