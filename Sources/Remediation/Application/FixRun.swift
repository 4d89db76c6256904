import Foundation

/// One fix script run by bash, its output captured. With a root other than "/", the script runs chrooted into it
/// when the tree has its own bash and Palisade runs as root; otherwise it runs on this host with `PALISADE_ROOT`
/// set to the tree, which Palisade's own fixes prefix to every path they touch (SSG's fixes do not, so on a tree
/// without bash they change nothing there and verification reports them `error`). Chrooted or on this host, the
/// files the script names are saved first (`FixBackup`).
struct FixRun {
  let status: Int32
  let output: String

  init(script: String, root: String, dockerHost: String?, backupFolder: String?) {
    let chrooted = root != "/" && geteuid() == 0 && FileManager.default.isExecutableFile(atPath: root + "/bin/bash")
    var environment = ["PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL": "C"]
    if root != "/" && !chrooted { environment["PALISADE_ROOT"] = root }
    if let dockerHost = dockerHost ?? ProcessInfo.processInfo.environment["DOCKER_HOST"] {
      environment["DOCKER_HOST"] = dockerHost
    }
    if let backupFolder {
      // Inside a chroot the backup folder is reached through the host's path only from outside, so the runner saves
      // what the script names first; on this host it does so too, for fixes that keep no backups of their own.
      if !chrooted { environment["PALISADE_BACKUP_DIR"] = backupFolder }
      if chrooted || root == "/" { FixBackup.save(namedIn: script, root: root, into: backupFolder) }
    }
    let process = Process()
    if chrooted {
      process.executableURL = URL(fileURLWithPath: "/usr/sbin/chroot")
      process.arguments = [root, "/bin/bash", "-c", script]
    } else {
      process.executableURL = URL(fileURLWithPath: "/bin/bash")
      process.arguments = ["-c", script]
    }
    process.environment = environment
    process.standardInput = FileHandle.nullDevice
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    do {
      try process.run()
    } catch {
      status = 127
      output = "cannot run the fix: \(error)"
      return
    }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    status = process.terminationStatus
    output = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
  }
}
