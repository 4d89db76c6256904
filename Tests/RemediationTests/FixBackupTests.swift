import Foundation
import TestSupport
import Testing

@testable import Remediation

/// What is saved before a fix that keeps no backups of its own: the files its script names, read inside the tree.
@Suite struct FixBackupTests {
  @Test func namedPathsAreTheAbsolutePathsUnderConfigurationAndStateFolders() {
    let script = """
      chmod 0644 /etc/passwd; sed -i 's/^x/y/' "/etc/ssh/sshd_config"
      if [ -e /usr/bin/foo ]; then echo $HOME/etc/no; fi
      find /var/log -type f; echo /tmp/not-kept /etc/passwd
      """
    #expect(FixBackup.namedPaths(in: script) == ["/etc/passwd", "/etc/ssh/sshd_config", "/usr/bin/foo", "/var/log"])
  }

  @Test func namedFilesAreCopiedAndRecordedAndLinksStayInsideTheTree() throws {
    let tree = try TemporaryFolder()
    let backup = try TemporaryFolder()
    defer {
      tree.remove()
      backup.remove()
    }
    let etc = tree.url.appendingPathComponent("etc")
    try FileManager.default.createDirectory(at: etc, withIntermediateDirectories: true)
    try "setting=1\n".write(to: etc.appendingPathComponent("app.conf"), atomically: true, encoding: .utf8)
    chmod(etc.appendingPathComponent("app.conf").path, 0o640)
    // An absolute link in the tree means the tree's file, never this host's.
    try FileManager.default.createSymbolicLink(
      atPath: etc.appendingPathComponent("hostname").path, withDestinationPath: "/etc/app.conf")
    let copied = FixBackup.save(
      namedIn: "sed -i s/1/2/ /etc/app.conf /etc/hostname /etc/absent.conf", root: tree.path, into: backup.path)
    #expect(copied == ["/etc/app.conf"])
    let copy = try String(contentsOfFile: backup.path + "/etc/app.conf", encoding: .utf8)
    #expect(copy == "setting=1\n")
    let record = try String(contentsOfFile: backup.path + "/file-status-before.txt", encoding: .utf8)
    #expect(record.hasPrefix("640 \(getuid()):\(getgid()) /etc/app.conf\n"))
    #expect(!record.contains("absent"))
  }
}
