import Synchronization

/// Stops an unpacking in progress, so that a run being ended (a signal, its deadline) can remove the tree without the
/// unpacker writing into it meanwhile: `TreeUnpacker` writes each entry while holding this, and refuses to start the
/// next one once `stop()` was called, which waits for the entry being written.
public final class UnpackStop: Sendable {
  private let isStopped = Mutex(false)

  public init() {}

  /// Stops the unpacker; returns once no entry is being written.
  public func stop() {
    isStopped.withLock { $0 = true }
  }

  /// Runs `body` unless `stop()` was called.
  /// - Throws: `TarError` when stopped, or what `body` throws.
  func unlessStopped(archive: String, _ body: () throws(TarError) -> Void) throws(TarError) {
    try isStopped.withLock { (stopped: inout Bool) throws(TarError) -> Void in
      guard !stopped else { throw TarError(archive: archive, offset: 0, reason: "stopped") }
      try body()
    }
  }
}
