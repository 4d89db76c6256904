import Foundation
import TestSupport
import Testing

/// The Ansible role of deploy/ansible: `ansible-lint` finds nothing, and the example playbook, run with Debian's
/// ansible against three Debian 12 containers on a real dockerd (the community.docker.docker connection), installs
/// the package `packaging/build-deb` builds, writes the configuration, enables the timer, scans each host and fetches
/// each host's latest results to the controller, a folder per host.
@Suite struct AnsibleRoleTests {
  static let folder = ProjectPaths.packageRoot.appendingPathComponent("deploy/ansible")
  static let buildDeb = ProjectPaths.packageRoot.appendingPathComponent("packaging/build-deb").path
  static let hasBuildDeb = FileManager.default.isExecutableFile(atPath: buildDeb)
  static let hosts = ["web01", "web02", "web03"]

  @Test(.enabled(if: Prerequisites.ansibleLint != nil, "needs ansible-lint"))
  func ansibleLintIsClean() throws {
    // ansible-lint finds a project's playbooks and roles from the folder it runs in.
    let run = try CommandRun.run(
      "/bin/sh",
      ["-c", "cd \"$1\" && exec \"$2\" --nocolor", "sh", Self.folder.path, try #require(Prerequisites.ansibleLint)],
      timeout: 300)
    #expect(run.status == 0, "\(run.standardOutput)\(run.standardError)")
    let summary = run.standardOutput + run.standardError
    #expect(summary.contains("0 failure(s), 0 warning(s)"), "\(summary)")
    // It read the playbook and every file of the role, not nothing.
    let files = try #require(summary.firstMatch(of: /on (\d+) files/).flatMap { Int($0.1) }, "\(summary)")
    #expect(files >= 10, "\(summary)")
  }

  @Test(
    .enabled(if: Prerequisites.canStartDockerd && Prerequisites.docker != nil, "needs root, dockerd and docker"),
    .enabled(if: Prerequisites.ansiblePlaybook != nil, "needs Debian's ansible"),
    .enabled(if: Prerequisites.debootstrap != nil, "needs debootstrap and a reachable Debian mirror"),
    .enabled(if: hasBuildDeb, "needs packaging/build-deb"),
    .timeLimit(.minutes(60)))
  func thePlaybookInstallsScansAndFetchesThreeHosts() throws {
    let work = try TemporaryFolder()
    defer { work.remove() }
    let packages = work.url.appendingPathComponent("packages").path
    let built = try CommandRun.run(Self.buildDeb, [packages], timeout: 2400)
    try #require(built.status == 0, "\(built.standardError)")
    let deb = try #require(
      try FileManager.default.contentsOfDirectory(atPath: packages).first { $0.hasSuffix("_amd64.deb") }
        .map { "\(packages)/\($0)" })

    let daemon = try DockerDaemon.start(configuration: "{}")
    defer { daemon.stop() }
    try Self.importDebianImage(into: daemon, for: deb, work: work)
    // No network: apt installs the package from its file, with every dependency already in the image.
    for host in Self.hosts {
      try daemon.run([
        "run", "-d", "--network", "none", "--hostname", host, "--name", host, "palisade-test/bookworm:1", "sleep",
        "infinity",
      ])
    }
    let inventory = work.url.appendingPathComponent("inventory.ini")
    try Data(
      """
      [palisade_hosts]
      \(Self.hosts.joined(separator: "\n"))
      [palisade_hosts:vars]
      ansible_connection=community.docker.docker
      ansible_docker_extra_args=-H \(daemon.dockerHost)
      ansible_python_interpreter=/usr/bin/python3
      ansible_become=false

      """.utf8
    ).write(to: inventory)
    let fetched = work.url.appendingPathComponent("fleet-results").path
    let play = try CommandRun.run(
      try #require(Prerequisites.ansiblePlaybook),
      [
        "-i", inventory.path, Self.folder.appendingPathComponent("site.yml").path, "-e", "palisade_deb=\(deb)",
        "-e", "palisade_fetch_dest=\(fetched)", "-e", "palisade_scan_now=true",
      ], environment: ["ANSIBLE_NOCOLOR": "1"], timeout: 1800)
    #expect(play.status == 0, "\(play.standardOutput.suffix(6000))\(play.standardError)")
    for host in Self.hosts {
      let recap = try #require(
        play.standardOutput.split(separator: "\n").first { $0.hasPrefix("\(host) ") && $0.contains("ok=") },
        "\(play.standardOutput.suffix(3000))")
      #expect(recap.contains("unreachable=0") && recap.contains("failed=0"), "\(recap)")
      // Installed, configured and the timer enabled, in the host itself.
      #expect(
        try daemon.run(["exec", host, "dpkg-query", "-W", "-f", "${Status}", "palisade"]) == "install ok installed")
      let configuration = try daemon.run(["exec", host, "cat", "/etc/palisade/palisade.conf"])
      #expect(configuration.contains("Ansible"), "\(configuration)")
      #expect(try daemon.run(["exec", host, "systemctl", "is-enabled", "palisade-scan.timer"]) == "enabled")
      // The scan's results, fetched into a folder per host laid out as the host has them.
      let latest = "\(fetched)/\(host)/latest"
      #expect(FileManager.default.fileExists(atPath: "\(latest)/arf.xml"), "\(latest)")
      let onHost = try daemon.run(["exec", host, "readlink", "/var/lib/palisade/\(host)/latest"])
      #expect(
        try FileManager.default.destinationOfSymbolicLink(atPath: latest)
          == URL(fileURLWithPath: onHost).lastPathComponent)
    }
    #expect(Set(try FileManager.default.contentsOfDirectory(atPath: fetched)) == Set(Self.hosts))
  }

  /// A Debian 12 tree (debootstrap) with Python and python3-apt (what Ansible's apt module needs), systemd (so the
  /// timer can be enabled) and the package's dependencies, imported as palisade-test/bookworm:1.
  static func importDebianImage(into daemon: DockerDaemon, for deb: String, work: TemporaryFolder) throws {
    let depends = try CommandRun.run("/usr/bin/dpkg-deb", ["--field", deb, "Depends"])
    try #require(depends.status == 0, "\(depends.standardError)")
    // The first choice of each dependency, without its version.
    let dependencies = depends.standardOutput.split(separator: ",").compactMap {
      $0.split(separator: "|").first?.split(separator: " ").first.map(String.init)
    }.filter { !$0.isEmpty }
    let root = work.url.appendingPathComponent("bookworm").path
    let strapped = try CommandRun.run(
      try #require(Prerequisites.debootstrap),
      [
        "--variant=minbase",
        "--include=" + (["python3", "python3-apt", "systemd"] + dependencies).joined(separator: ","),
        "bookworm", root, "http://deb.debian.org/debian",
      ], timeout: 1500)
    try #require(strapped.status == 0, "\(strapped.standardError)")
    let archive = work.url.appendingPathComponent("bookworm.tar").path
    let tar = try CommandRun.run("/usr/bin/env", ["tar", "-cf", archive, "-C", root, "."], timeout: 600)
    try #require(tar.status == 0, "\(tar.standardError)")
    try daemon.run(["import", archive, "palisade-test/bookworm:1"])
  }
}
