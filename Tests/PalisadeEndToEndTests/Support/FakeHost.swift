import Foundation

/// A host tree in a temporary folder, for `palisade scan --root` and `OSCAP_PROBE_ROOT`.
struct FakeHost {
  let root: URL

  init() throws {
    root = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-host-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    chmod(root.path, 0o755)
  }

  /// A host on which every rule of the log-driver fixture passes (`{"log-driver": "syslog"}`).
  static func compliant() throws -> FakeHost {
    let host = try FakeHost()
    try host.write("/etc/docker/daemon.json", #"{"log-driver": "syslog"}"#)
    return host
  }

  /// Writes a file at a host path such as /etc/docker/daemon.json.
  func write(_ hostPath: String, _ text: String, mode: mode_t = 0o644) throws {
    let url = root.appendingPathComponent(String(hostPath.dropFirst()))
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
    try Data(text.utf8).write(to: url)
    chmod(url.path, mode)
  }

  func remove() {
    try? FileManager.default.removeItem(at: root)
  }
}

/// A temporary folder that a test removes when done.
struct TemporaryFolder {
  let url: URL

  init(mode: mode_t = 0o755) throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-tmp-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    chmod(url.path, mode)
  }

  var path: String { url.path }

  /// Every file below the folder, as paths relative to it.
  func files() -> [String] {
    let enumerator = FileManager.default.enumerator(atPath: url.path)
    var found: [String] = []
    while let next = enumerator?.nextObject() as? String { found.append(next) }
    return found.sorted()
  }

  func remove() {
    try? FileManager.default.removeItem(at: url)
  }
}
