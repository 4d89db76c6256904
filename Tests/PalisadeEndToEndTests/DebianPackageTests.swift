import Foundation
import TestSupport
import Testing

/// packaging/build-deb's package: lintian finds nothing in it, and on a fresh Debian 12 root it installs with apt, its
/// service's command writes a result to /var/lib/palisade, removal keeps the results and the configuration, and purge
/// removes the configuration.
@Suite(.serialized) struct DebianPackageTests {
  static let lintian = CommandRun.which("lintian")

  @Test(
    .enabled(if: lintian != nil && DebianPackageBuild.isAvailable, "needs lintian and dpkg-dev"))
  func lintianReportsNoErrorOrWarning() throws {
    let package = try DebianPackageBuild.deb()
    let run = try CommandRun.run(try #require(Self.lintian), ["--fail-on", "error,warning", package], timeout: 600)
    #expect(run.status == 0, "\(run.output)")
    let findings = run.standardOutput.split(separator: "\n").filter { $0.hasPrefix("E:") || $0.hasPrefix("W:") }
    #expect(findings.isEmpty, "\(findings)")
  }

  @Test(
    .enabled(
      if: Prerequisites.debootstrap != nil && DebianPackageBuild.isAvailable,
      "needs root, debootstrap, dpkg-dev and a Debian mirror"))
  func installsScansAndRemovesOnAFreshDebian12() throws {
    let package = try DebianPackageBuild.deb()
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let root = folder.url.appendingPathComponent("bookworm").path
    let built = try CommandRun.run(
      try #require(Prerequisites.debootstrap),
      ["--variant=minbase", "bookworm", root, "http://deb.debian.org/debian"], timeout: 1500)
    try #require(built.status == 0, "\(built.standardError)")
    // apt in the tree resolves the mirror as this machine does (debootstrap may leave a resolv.conf of its own).
    try? FileManager.default.removeItem(atPath: "\(root)/etc/resolv.conf")
    try FileManager.default.copyItem(atPath: "/etc/resolv.conf", toPath: "\(root)/etc/resolv.conf")
    let packageName = URL(fileURLWithPath: package).lastPathComponent
    try FileManager.default.copyItem(atPath: package, toPath: "\(root)/tmp/\(packageName)")

    let install = try chroot(root, "apt-get install -y --no-install-recommends ./tmp/\(packageName)", timeout: 900)
    try #require(install.status == 0, "\(install.output)")
    // The packaged binary reads its arguments from /proc/self/cmdline: in a tree without /proc it cannot see them,
    // and says so instead of doing something else.
    let withoutProc = try chroot(root, "palisade scan --quiet")
    #expect(withoutProc.status == 1, "\(withoutProc.output)")
    #expect(withoutProc.standardError.contains("is /proc mounted? Nothing was run."), "\(withoutProc.output)")
    let proc = "\(root)/proc"
    try #require(try CommandRun.run("/bin/mount", ["-t", "proc", "proc", proc]).status == 0)
    defer { _ = try? CommandRun.run("/bin/umount", ["-l", proc]) }
    let installed = try chroot(root, "palisade --version && ls /usr/share/palisade")
    #expect(installed.standardOutput.contains("palisade-docker-stig-ds.xml"), "\(installed.output)")

    // The service's own command, with its EnvironmentFile, as systemd would run it.
    let unit = try String(contentsOfFile: "\(root)/lib/systemd/system/palisade-scan.service", encoding: .utf8)
    let execStart = try #require(
      unit.split(separator: "\n").first { $0.hasPrefix("ExecStart=") }?.dropFirst("ExecStart=".count))
    let scan = try chroot(
      root, "set -a; . /etc/palisade/palisade.conf; set +a; exec \(execStart)", timeout: 600)
    #expect(scan.status == 0 || scan.status == 2, "\(scan.output)")
    let results = try latestARFs(in: "\(root)/var/lib/palisade")
    #expect(results.count == 1, "\(scan.output)")

    let remove = try chroot(root, "dpkg -r palisade")
    #expect(remove.status == 0, "\(remove.output)")
    #expect(!FileManager.default.fileExists(atPath: "\(root)/usr/bin/palisade"))
    #expect(try latestARFs(in: "\(root)/var/lib/palisade") == results)
    #expect(FileManager.default.fileExists(atPath: "\(root)/etc/palisade/palisade.conf"))

    let purge = try chroot(root, "dpkg --purge palisade")
    #expect(purge.status == 0, "\(purge.output)")
    #expect(!FileManager.default.fileExists(atPath: "\(root)/etc/palisade/palisade.conf"))
    #expect(try latestARFs(in: "\(root)/var/lib/palisade") == results)
  }

  /// Runs a shell command line inside the tree.
  private func chroot(_ root: String, _ command: String, timeout: TimeInterval = 120) throws -> CommandResult {
    try CommandRun.run(
      "/usr/sbin/chroot", [root, "/bin/sh", "-c", command],
      environment: ["PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "DEBIAN_FRONTEND": "noninteractive"], timeout: timeout)
  }

  /// The `HOST/latest/arf.xml` files under a result folder.
  private func latestARFs(in folder: String) throws -> [String] {
    let hosts = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    return hosts.sorted().map { "\(folder)/\($0)/latest/arf.xml" }.filter { FileManager.default.fileExists(atPath: $0) }
  }
}
