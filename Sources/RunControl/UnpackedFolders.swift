import Foundation
public import Probes
import Synchronization

/// The private folders a run unpacked containers or images into, removed whole however the run ends: when it
/// finishes, and from a signal's or the deadline's thread, which stop the unpacking into each first.
public final class UnpackedFolders: Sendable {
  public init() {}

  private let folders = Mutex<[(folder: String, unpacking: UnpackStop)]>([])

  /// A folder to remove, and what stops the unpacking into it.
  public func record(_ folder: String, unpacking: UnpackStop) {
    folders.withLock { $0.append((folder, unpacking)) }
  }

  /// Stops each unpacking and removes each folder.
  public func removeAll() {
    let all = folders.withLock { folders in
      defer { folders.removeAll() }
      return folders
    }
    for (folder, unpacking) in all {
      unpacking.stop()
      UnpackedTarget.remove(folder: folder)
    }
  }
}
