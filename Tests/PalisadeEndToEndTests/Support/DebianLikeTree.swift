import Foundation
import TestSupport

/// A small Debian 11 tree holding the files SSG's debian11 checks read (accounts, login.defs, the package database,
/// os-release, sshd and sysctl settings) with their usual modes and owners, and a static busybox so that a container
/// made from it can run `sleep`. Made to be imported with `docker import`, scanned with `--root` and read by oscap
/// through OSCAP_PROBE_ROOT.
///
/// Its package database lists no package the SSG profiles ask about: OpenSCAP 1.3.7's dpkginfo probe cannot read a
/// tree's database under OSCAP_PROBE_ROOT (its APT initialisation runs the tree's `dpkg` chrooted, then fails on its
/// cache), so every package is absent for oscap; Palisade's reading of the database is tested on its own
/// (`DpkgInfoProbeTests`).
enum DebianLikeTree {
  /// Builds the tree in a new fake host; the caller removes it.
  static func make() throws -> FakeHost {
    let host = try FakeHost()
    try host.write(
      "/etc/os-release",
      """
      PRETTY_NAME="Debian GNU/Linux 11 (bullseye)"
      NAME="Debian GNU/Linux"
      VERSION_ID="11"
      VERSION="11 (bullseye)"
      VERSION_CODENAME=bullseye
      ID=debian

      """)
    try host.write("/etc/debian_version", "11.9\n")
    try host.write(
      "/etc/passwd",
      "root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
        + "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n")
    try host.write("/etc/group", "root:x:0:\ndaemon:x:1:\nshadow:x:42:\nnogroup:x:65534:\n")
    try host.write(
      "/etc/shadow", "root:*:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\nnobody:*:19000:0:99999:7:::\n",
      mode: 0o640)
    host.setOwner(of: "/etc/shadow", user: 0, group: 42)
    try host.write("/etc/gshadow", "root:*::\nshadow:*::\n", mode: 0o640)
    try host.write(
      "/etc/login.defs", "PASS_MAX_DAYS\t99999\nPASS_MIN_DAYS\t0\nPASS_WARN_AGE\t7\nUMASK\t022\nENCRYPT_METHOD SHA512\n"
    )
    try host.write("/etc/ssh/sshd_config", "PermitRootLogin yes\nX11Forwarding yes\n", mode: 0o600)
    try host.write("/etc/sysctl.d/99-test.conf", "net.ipv4.ip_forward = 0\n")
    try host.write(
      "/var/lib/dpkg/status",
      """
      Package: base-files
      Status: install ok installed
      Priority: required
      Section: admin
      Maintainer: Santiago Vila <sanvila@debian.org>
      Architecture: amd64
      Version: 11.1+deb11u9
      Description: Debian base system miscellaneous files

      Package: login
      Status: install ok installed
      Priority: required
      Section: admin
      Maintainer: Shadow package maintainers <pkg-shadow-devel@lists.alioth.debian.org>
      Architecture: amd64
      Source: shadow
      Version: 1:4.8.1-1
      Description: system login tools

      """)
    for hostPath in ["/etc/hostname", "/etc/hosts", "/etc/resolv.conf"] { try host.write(hostPath, "") }
    let manager = FileManager.default
    for (folder, mode) in [("tmp", 0o1777), ("root", 0o700), ("dev", 0o755), ("proc", 0o755), ("sys", 0o755)] {
      let url = host.root.appendingPathComponent(folder)
      try manager.createDirectory(at: url, withIntermediateDirectories: true)
      chmod(url.path, mode_t(mode))
    }
    let bin = host.root.appendingPathComponent("bin")
    try manager.createDirectory(at: bin, withIntermediateDirectories: true)
    try manager.copyItem(
      atPath: Prerequisites.busybox ?? "/bin/busybox", toPath: bin.appendingPathComponent("busybox").path)
    for applet in ["sh", "sleep"] {
      try manager.createSymbolicLink(atPath: bin.appendingPathComponent(applet).path, withDestinationPath: "busybox")
    }
    return host
  }

  /// Imports `host`'s tree into `daemon` as the image `name`, owners and modes as they are.
  static func importImage(_ host: FakeHost, as name: String, into daemon: DockerDaemon) throws {
    let archive = daemon.folder.url.appendingPathComponent("\(UUID().uuidString).tar").path
    let tar = try CommandRun.run("/usr/bin/env", ["tar", "--numeric-owner", "-cf", archive, "-C", host.root.path, "."])
    guard tar.status == 0 else { throw FakeHostError("tar failed: \(tar.standardError)") }
    try daemon.run(["import", archive, name])
  }
}
