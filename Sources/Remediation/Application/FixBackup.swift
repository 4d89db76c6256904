import Foundation
import Probes

/// What is saved before a fix that keeps no backups of its own runs (SSG's fixes, run chrooted into `--root` or on
/// this host): each absolute path the script names that exists in the tree. A regular file is copied to the same
/// path below the backup folder; every named file or folder gets a line `MODE UID:GID PATH` in
/// `file-status-before.txt`, the format of the Docker fixes' own records. Paths are resolved inside the tree, so a
/// link in it never leads the copy outside. A fix that builds its paths at run time (`find`, variables) changes
/// files this cannot name: docs/parity.md says so.
struct FixBackup {
  /// Files larger than this are recorded, not copied.
  static let largestCopiedFile = 16 << 20

  /// Absolute paths in the script under the folders that hold configuration and state.
  static func namedPaths(in script: String) -> [String] {
    let pattern =
      #"(?<![A-Za-z0-9_$}./-])/(?:etc|var|usr|boot|root|home|opt|srv|lib|lib64|run)(?:/[A-Za-z0-9._@+:,%-]+)+"#
    guard let expression = try? NSRegularExpression(pattern: pattern) else { return [] }
    let range = NSRange(script.startIndex..., in: script)
    var seen: Set<String> = []
    return expression.matches(in: script, range: range).compactMap { match in
      guard let found = Range(match.range, in: script) else { return nil }
      let path = String(script[found])
      return seen.insert(path).inserted ? path : nil
    }
  }

  /// Saves what the script names in the tree at `root` into `folder`; returns the host paths copied.
  @discardableResult
  static func save(namedIn script: String, root: String, into folder: String) -> [String] {
    let tree = SystemRoot(root)
    var copied: [String] = []
    var statusLines = ""
    var saved: Set<String> = []
    for named in namedPaths(in: script) {
      guard let path = try? tree.canonicalHostPath(of: named), saved.insert(path).inserted else { continue }
      var status = stat()
      guard lstat(root == "/" ? path : root + path, &status) == 0 else { continue }
      statusLines += "\(String(status.st_mode & 0o7777, radix: 8)) \(status.st_uid):\(status.st_gid) \(path)\n"
      guard status.st_mode & S_IFMT == S_IFREG, Int(status.st_size) <= largestCopiedFile,
        let data = try? tree.contents(ofFileAtHostPath: path)
      else { continue }
      let copy = URL(fileURLWithPath: folder + path)
      do {
        try FileManager.default.createDirectory(
          at: copy.deletingLastPathComponent(), withIntermediateDirectories: true,
          attributes: [.posixPermissions: 0o700])
        try data.write(to: copy)
        chmod(copy.path, mode_t(status.st_mode & 0o777))
        copied.append(path)
      } catch {
        statusLines += "# not copied: \(path): \(error.localizedDescription)\n"
      }
    }
    guard !statusLines.isEmpty else { return copied }
    try? FileManager.default.createDirectory(
      atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    let record = folder + "/file-status-before.txt"
    if let handle = FileHandle(forWritingAtPath: record) {
      handle.seekToEndOfFile()
      handle.write(Data(statusLines.utf8))
      handle.closeFile()
    } else {
      FileManager.default.createFile(atPath: record, contents: Data(statusLines.utf8))
    }
    return copied
  }
}
