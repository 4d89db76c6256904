import Foundation
import OVAL
import Synchronization

/// What every collection of one scan shares: the root, the filesystem walk, the local filesystems, the item limit,
/// and host tables (the dpkg database, passwd, the process list, ...) read once and handed to every object that
/// needs them. A `SystemCollector` makes one when it is created, so a scan makes one.
final class CollectionSession: Sendable {
  let root: SystemRoot
  /// The most items one object may keep; beyond, the object is `incomplete` with a message.
  let itemLimit: Int
  /// Folder listings, each read once.
  let fileTree: FileTree
  /// The times of each file as first read, so a file collected for several objects is one item.
  let fileTimes = ScanFileTimes()
  /// The Docker daemon's Engine API, each endpoint read once.
  let dockerAPI: DockerEngineAPI
  private let tables = Mutex<[String: any Sendable]>([:])
  private let collected = Mutex<[String: CollectedObject]>([:])

  init(
    root: SystemRoot, itemLimit: Int, fileTree: FileTree = FileTree(),
    dockerAPI: DockerEngineAPI = DockerEngineAPI(host: .standard)
  ) {
    self.root = root
    self.itemLimit = itemLimit
    self.fileTree = fileTree
    self.dockerAPI = dockerAPI
  }

  /// The host's local filesystems, read once.
  var localFileSystems: LocalFileSystems { table("local file systems") { LocalFileSystems.current() } }

  /// A value computed once per scan under `key`; two collectors asking at once may both compute it, and one wins.
  func table<Value: Sendable>(_ key: String, _ compute: () -> Value) -> Value {
    // Look the key up first: a stored nil (a table that could not be read) is a value too.
    if let stored = tables.withLock({ $0[key] }), let known = stored as? Value { return known }
    let value = compute()
    tables.withLock { $0[key] = value }
    return value
  }

  /// A collection made earlier in this scan for an object with the same content (another id, same entities).
  func collectedObject(for key: String) -> CollectedObject? {
    collected.withLock { $0[key] }
  }

  func remember(_ object: CollectedObject, for key: String) {
    collected.withLock { $0[key] = object }
  }
}
