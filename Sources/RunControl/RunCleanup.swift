import Foundation

/// What a run undoes when it ends: it gives the lock up (removing the lock file), and a run that failed or was
/// stopped also removes the folders it created for results it never wrote (when they are empty). Done once, by the
/// main thread or by the deadline's watchdog, whichever gets there first.
final class RunCleanup: @unchecked Sendable {
  // @unchecked: the stored properties are only read and written while `mutex` is held.
  private let mutex = NSLock()
  private var lock: ScanLock?
  private var createdFolders: [String] = []
  private var isFinished = false
  /// The private folders containers or images were unpacked into, removed whatever the end.
  let unpackedFolders = UnpackedFolders()

  /// The folders created for the results, outermost first.
  func record(createdFolders folders: [String]) {
    mutex.lock()
    defer { mutex.unlock() }
    createdFolders = folders
  }

  func record(_ lock: ScanLock) {
    mutex.lock()
    defer { mutex.unlock() }
    self.lock = lock
  }

  func finish(removingEmptyFolders: Bool) {
    mutex.lock()
    defer { mutex.unlock() }
    guard !isFinished else { return }
    isFinished = true
    lock?.release()
    lock = nil
    unpackedFolders.removeAll()
    guard removingEmptyFolders else { return }
    for folder in createdFolders.reversed() {
      rmdir(folder)
    }
  }
}
