public import Foundation

/// A temporary folder that a test removes when done.
public struct TemporaryFolder {
  public let url: URL

  public init(mode: mode_t = 0o755) throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-tmp-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    chmod(url.path, mode)
  }

  public var path: String { url.path }

  /// Every file below the folder, as paths relative to it.
  public func files() -> [String] {
    let enumerator = FileManager.default.enumerator(atPath: url.path)
    var found: [String] = []
    while let next = enumerator?.nextObject() as? String { found.append(next) }
    return found.sorted()
  }

  public func remove() {
    try? FileManager.default.removeItem(at: url)
  }
}
