import Foundation
import TestSupport
import Testing

/// The Ansible role of deploy/ansible: `ansible-lint` finds nothing, and the example playbook, run with Debian's
/// ansible against three Debian 12 containers on a real dockerd (the community.docker.docker connection), installs
/// the package `packaging/build-deb` builds, writes the configuration, enables the timer, scans each host and fetches
/// each host's latest results to the controller, a folder per host.
@Suite struct AnsibleRoleTests {
  static let folder = ProjectPaths.packageRoot.appendingPathComponent("deploy/ansible")
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
    .enabled(if: DebianPackageBuild.isAvailable, "needs packaging/build-deb"))
  func thePlaybookInstallsScansAndFetchesThreeHosts() throws {
    let work = try TemporaryFolder()
    defer { work.remove() }
    let deb = try DebianPackageBuild.deb()

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
    func playbook(_ extra: [String]) throws -> CommandResult {
      try CommandRun.run(
        try #require(Prerequisites.ansiblePlaybook),
        [
          "-i", inventory.path, Self.folder.appendingPathComponent("site.yml").path, "-e", "palisade_deb=\(deb)",
          "-e", "palisade_fetch_dest=\(fetched)",
        ] + extra, environment: ["ANSIBLE_NOCOLOR": "1"], timeout: 1800)
    }
    let play = try playbook(["-e", "palisade_scan_now=true"])
    #expect(play.status == 0, "\(play.standardOutput.suffix(6000))\(play.standardError)")
    for host in Self.hosts {
      let recap = try #require(Self.recap(of: host, in: play.standardOutput), "\(play.standardOutput.suffix(3000))")
      #expect(recap.contains("unreachable=0") && recap.contains("failed=0"), "\(recap)")
      // Installed, configured and the timer enabled, in the host itself.
      #expect(
        try daemon.run(["exec", host, "dpkg-query", "-W", "-f", "${Status}", "palisade"]) == "install ok installed")
      let configuration = try daemon.run(["exec", host, "cat", "/etc/palisade/palisade.conf"])
      #expect(configuration.contains("arf,html"), "\(configuration)")
      #expect(try daemon.run(["exec", host, "systemctl", "is-enabled", "palisade-scan.timer"]) == "enabled")
      // The scan's results, fetched into a folder per host laid out as the host has them.
      let latest = "\(fetched)/\(host)/latest"
      #expect(FileManager.default.fileExists(atPath: "\(latest)/arf.xml"), "\(latest)")
      // site.yml asks for an HTML report beside the ARF: the scan read the configuration the role wrote.
      #expect(FileManager.default.fileExists(atPath: "\(latest)/report.html"), "\(latest)")
      let onHost = try daemon.run(["exec", host, "readlink", "/var/lib/palisade/\(host)/latest"])
      #expect(
        try FileManager.default.destinationOfSymbolicLink(atPath: latest)
          == URL(fileURLWithPath: onHost).lastPathComponent)
    }
    #expect(Set(try FileManager.default.contentsOfDirectory(atPath: fetched)) == Set(Self.hosts))
    // One page for what was fetched: `palisade fleet` shows the three hosts.
    let page = work.url.appendingPathComponent("fleet.html").path
    let fleet = try CommandRun.run(
      ProjectPaths.palisade, ["fleet", fetched, "--output", page, "--format", "html,json"])
    #expect(fleet.status == 0, "\(fleet.output)")
    let summary = try JSONSerialization.jsonObject(
      with: Data(contentsOf: work.url.appendingPathComponent("fleet.json")))
    let listed = ((summary as? [String: Any])?["hosts"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
    #expect(Set(listed) == Set(Self.hosts), "\(listed)")
    let html = try String(contentsOfFile: page, encoding: .utf8)
    #expect(Self.hosts.allSatisfy { html.contains($0) })

    // Installing again changes nothing; the tag scans again and fetches both runs.
    let again = try playbook(["--tags", "palisade_install"])
    #expect(again.status == 0, "\(again.standardOutput.suffix(3000))")
    for host in Self.hosts {
      #expect(Self.recap(of: host, in: again.standardOutput)?.contains("changed=0") == true, "\(again.standardOutput)")
    }
    let rescan = try playbook(["--tags", "palisade_scan"])
    #expect(rescan.status == 0, "\(rescan.standardOutput.suffix(6000))")
    for host in Self.hosts {
      let runs = try FileManager.default.contentsOfDirectory(atPath: "\(fetched)/\(host)").filter { $0 != "latest" }
      #expect(runs.count == 2, "\(host): \(runs)")
      #expect(try FileManager.default.destinationOfSymbolicLink(atPath: "\(fetched)/\(host)/latest") == runs.max())
    }
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

  /// The host's line of the play recap.
  static func recap(of host: String, in output: String) -> String? {
    output.split(separator: "\n").first { $0.hasPrefix("\(host) ") && $0.contains("ok=") }.map(String.init)
  }
}
