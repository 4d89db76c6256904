public import Foundation

/// A scanned host built in a temporary folder: for the probes (`SystemRoot`), `palisade scan --root` and
/// `OSCAP_PROBE_ROOT`. The folder is removed by `remove()` or when the value goes away.
public final class FakeHost {
  /// The folder that stands for the host's `/`.
  public let root: URL
  /// `root` as a path.
  public var folder: String { root.path }

  public init() throws {
    root = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-host-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    chmod(root.path, 0o755)
  }

  deinit { remove() }

  /// Runs `body` on a new host and a new empty output folder (made with `outputMode`), both removed afterwards.
  public static func withOutputFolder<Result>(
    outputMode: mode_t = 0o755, _ body: (FakeHost, TemporaryFolder) throws -> Result
  ) throws -> Result {
    let host = try FakeHost()
    let output = try TemporaryFolder(mode: outputMode)
    defer {
      host.remove()
      output.remove()
    }
    return try body(host, output)
  }

  /// Removes the host's folder, including folders a test left unreadable.
  public func remove() {
    if let walker = FileManager.default.enumerator(atPath: folder) {
      for case let relative as String in walker { chmod(folder + "/" + relative, 0o755) }
    }
    try? FileManager.default.removeItem(atPath: folder)
  }

  /// The scanner's path for a host path, without any resolution.
  public func scannerPath(_ hostPath: String) -> String { folder + hostPath }

  /// Writes a file at a host path such as /etc/docker/daemon.json, creating its folders.
  @discardableResult
  public func write(_ hostPath: String, _ contents: String, mode: mode_t = 0o644) throws -> FakeHost {
    try write(hostPath, bytes: Array(contents.utf8), mode: mode)
    return self
  }

  /// Writes bytes at a host path, creating its folders.
  public func write(_ hostPath: String, bytes: [UInt8], mode: mode_t = 0o644) throws {
    try makeFolder((hostPath as NSString).deletingLastPathComponent)
    try Data(bytes).write(to: URL(fileURLWithPath: scannerPath(hostPath)))
    try setPermissions(hostPath, mode)
  }

  /// Makes a folder at a host path, with its parents (mode 0755).
  public func makeFolder(_ hostPath: String) throws {
    try FileManager.default.createDirectory(
      atPath: scannerPath(hostPath), withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
  }

  /// Makes a symbolic link at a host path whose target is `target`, exactly as written.
  public func link(_ hostPath: String, to target: String) throws {
    try makeFolder((hostPath as NSString).deletingLastPathComponent)
    guard symlink(target, scannerPath(hostPath)) == 0 else { throw FakeHostError("symlink failed: \(errno)") }
  }

  /// Makes a FIFO at a host path; reading it must not block.
  public func makeFIFO(_ hostPath: String) throws {
    try makeFolder((hostPath as NSString).deletingLastPathComponent)
    guard mkfifo(scannerPath(hostPath), 0o644) == 0 else { throw FakeHostError("mkfifo failed: \(errno)") }
  }

  /// Changes the permissions of a host path.
  public func setPermissions(_ hostPath: String, _ mode: mode_t) throws {
    guard chmod(scannerPath(hostPath), mode) == 0 else { throw FakeHostError("chmod failed: \(errno)") }
  }

  /// Sets the access time of a host path, as reading it would move it.
  public func setAccessTime(_ hostPath: String, secondsSinceEpoch seconds: Int) throws {
    var status = stat()
    guard lstat(scannerPath(hostPath), &status) == 0 else { throw FakeHostError("lstat failed: \(errno)") }
    let times = [timespec(tv_sec: seconds, tv_nsec: 0), status.st_mtim]
    guard utimensat(AT_FDCWD, scannerPath(hostPath), times, AT_SYMLINK_NOFOLLOW) == 0 else {
      throw FakeHostError("utimensat failed: \(errno)")
    }
  }
}

public struct FakeHostError: Error, CustomStringConvertible {
  public let description: String
  public init(_ description: String) { self.description = description }
}
