import Foundation
import Probes
import Synchronization

/// The private folders a run unpacked containers or images into, removed whole however the run ends: when it
/// finishes, and from a signal's or the deadline's thread, which stop the unpacking into each first.
final class UnpackedFolders: Sendable {
  private let folders = Mutex<[(folder: String, unpacking: UnpackStop)]>([])

  /// A folder to remove, and what stops the unpacking into it.
  func record(_ folder: String, unpacking: UnpackStop) {
    folders.withLock { $0.append((folder, unpacking)) }
  }

  /// Stops each unpacking and removes each folder.
  func removeAll() {
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
