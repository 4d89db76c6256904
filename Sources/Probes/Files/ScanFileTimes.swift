import Synchronization

/// The times of each file as this scan first read them, so that a file several objects collect is one item.
///
/// Reading a folder's listing or a file's content moves its access time (under `relatime`, the first read after a
/// change), so a file collected again later in the same scan would report another `a_time`: a different item, and
/// set operations would see two files where there is one (OVAL 5.11.2 specification, SetElement). One scan reports
/// one set of times per file: the first it read.
final class ScanFileTimes: Sendable {
  private let statuses = Mutex<[String: FileStatus]>([:])

  /// `status` with the times this scan first read for the file at `hostPath`, reading them now at `location` when
  /// none were read yet; nil when the file is gone.
  func status(_ status: FileStatus, atHostPath hostPath: String, location: HostLocation) -> FileStatus? {
    if let known = statuses.withLock({ $0[hostPath] }) { return status.withTimes(of: known) }
    guard let read = status.withTimes(at: location) else { return nil }
    let first = statuses.withLock { stored in
      if let earlier = stored[hostPath] { return earlier }
      stored[hostPath] = read
      return read
    }
    return status.withTimes(of: first)
  }
}
