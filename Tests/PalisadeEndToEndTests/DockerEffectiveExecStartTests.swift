import Foundation
import TestSupport
import Testing

/// The rules that read docker.service's ExecStart answer on the command line systemd runs: the first docker.service
/// of the unit folders, then the drop-ins merged by name (one in /etc masks one of the same name in /lib) and applied
/// in name order, an empty `ExecStart=` clearing what came before. oscap, reading the same host, answers the same.
@Suite struct DockerEffectiveExecStartTests {
  struct HostCase: CustomTestStringConvertible, Sendable {
    let name: String
    /// Unit files and other host files by host path.
    let files: [String: String]
    /// The results, by STIG rule number, of the rules that read ExecStart.
    let expected: [String: String]
    var testDescription: String { name }
  }

  /// A command line that breaks SV-235776 (tcp:// host), SV-235789 (insecure registry) and SV-235791 (userland proxy),
  /// and one that keeps them.
  static let breaking =
    "/usr/bin/dockerd -H fd:// -H tcp://0.0.0.0:2375 --insecure-registry registry.example:5000 --userland-proxy=true"
  static let clean = "/usr/bin/dockerd -H fd:// --userland-proxy=false"
  static let unit = "/lib/systemd/system/docker.service"
  static let dropIns = "/etc/systemd/system/docker.service.d"
  static let packageDropIns = "/lib/systemd/system/docker.service.d"

  /// The results of the three rules when the effective command line is `breaking` ("fail") or `clean` ("pass").
  /// SV-235789 also asks the Engine API, which does not answer here: with clean files it is `error`, not `pass`.
  static func all(_ result: String) -> [String: String] {
    ["SV-235776": result, "SV-235789": result == "pass" ? "error" : result, "SV-235791": result]
  }

  static let cases: [HostCase] = [
    HostCase(
      name: "a drop-in resets the unit's ExecStart and sets a clean one",
      files: [
        unit: "[Service]\nExecStart=\(breaking)\n",
        "\(dropIns)/override.conf": "[Service]\nExecStart=\nExecStart=\(clean)\n",
      ],
      expected: all("pass")),
    HostCase(
      name: "a later drop-in breaks the rules after a clean one",
      files: [
        unit: "[Service]\nExecStart=\(clean)\n",
        "\(dropIns)/10-clean.conf": "[Service]\nExecStart=\nExecStart=\(clean)\n",
        "\(packageDropIns)/20-remote.conf": "[Service]\nExecStart=\nExecStart=\(breaking)\n",
      ],
      expected: all("fail")),
    HostCase(
      name: "a clean drop-in applied before the breaking one: 10-clean sorts before 9-remote",
      files: [
        unit: "[Service]\nExecStart=\(clean)\n",
        "\(packageDropIns)/9-remote.conf": "[Service]\nExecStart=\nExecStart=\(breaking)\n",
        "\(dropIns)/10-clean.conf": "[Service]\nExecStart=\nExecStart=\(clean)\n",
      ],
      expected: all("fail")),
    HostCase(
      name: "a drop-in in /etc masks the /lib one of the same name",
      files: [
        unit: "[Service]\nExecStart=\(clean)\n",
        "\(packageDropIns)/50-remote.conf": "[Service]\nExecStart=\nExecStart=\(breaking)\n",
        "\(dropIns)/50-remote.conf": "[Service]\nExecStart=\nExecStart=\(clean)\n",
      ],
      expected: all("pass")),
    HostCase(
      name: "docker.service in /etc replaces the package's",
      files: [
        unit: "[Service]\nExecStart=\(breaking)\n",
        "/etc/systemd/system/docker.service": "[Service]\nExecStart=\(clean)\n",
      ],
      expected: all("pass")),
    HostCase(
      name: "a reset later in the same drop-in clears its own line",
      files: [
        unit: "[Service]\nExecStart=\(clean)\n",
        "\(dropIns)/override.conf": "[Service]\nExecStart=\(breaking)\nExecStart=\nExecStart=\(clean)\n",
      ],
      expected: all("pass")),
    HostCase(
      name: "--config-file given only on the effective line",
      files: [
        unit: "[Service]\nExecStart=\(clean) --config-file /etc/docker/package.json\n",
        "\(dropIns)/override.conf":
          "[Service]\nExecStart=\nExecStart=\(clean) --config-file=/etc/docker/effective.json\n",
        "/etc/docker/package.json": #"{"log-driver": "syslog"}"#,
        "/etc/docker/effective.json": #"{"log-driver": "json-file"}"#,
      ],
      expected: all("pass").merging(["SV-235831": "fail"]) { _, new in new }),
  ]

  /// Palisade's results for the case's host tree, scanned with no daemon answering, handed to `body` with the tree.
  static func scanned(_ hostCase: HostCase, _ body: (FakeHost, TemporaryFolder, RuleResults) throws -> Void) throws {
    try RealDockerDaemonTests.DockerSettingsRemediation.onDockerHost { host, output in
      for (path, text) in hostCase.files { try host.write(path, text) }
      try body(host, output, try DockerHostFileRuleTests.scan(host, output: output))
    }
  }

  @Test(arguments: cases)
  func palisadeAnswersOnTheCommandLineSystemdRuns(_ hostCase: HostCase) throws {
    try Self.scanned(hostCase) { _, _, ours in
      for (rule, expected) in hostCase.expected.sorted(by: { $0.key < $1.key }) {
        #expect(ours[rule] == expected, "\(rule) in \(hostCase.name): \(ours.messages(of: rule))")
      }
    }
  }

  /// oscap decides SV-235776, SV-235791 and SV-235831 from these files alone; SV-235789 also asks the Engine API,
  /// which oscap cannot (its answer there is unknown whatever the files say).
  @Test(
    .enabled(
      if: Prerequisites.oscap != nil && Prerequisites.schemaOverlay != nil,
      "needs oscap and openscap-common (the schema overlay)"),
    arguments: cases)
  func oscapGivesTheSameAnswers(_ hostCase: HostCase) throws {
    try Self.scanned(hostCase) { host, output, ours in
      let theirs = try DockerHostFileRuleTests.oscapResults(host, output: output)
      for rule in hostCase.expected.keys.sorted() where rule != "SV-235789" {
        #expect(ours[rule] == theirs[rule], "\(rule) in \(hostCase.name): oscap says \(theirs[rule] ?? "nothing")")
      }
    }
  }
}
