import Foundation

/// Bounds a whole scan in time (`palisade scan --timeout SECONDS`) without ever leaving half a result behind.
///
/// A watchdog thread of its own waits for the deadline: a probe stuck in a blocking call, or the cooperative thread
/// pool filled with them, cannot delay it. When the deadline passes before the run's results are committed, the
/// watchdog removes the run folder being written (if any), and calls the expiry action, which reports and ends the
/// process. The commit itself (`latest` moving to the new run) goes through `commit(_:)`, under the same lock as
/// the watchdog, so a run is either committed whole or removed whole, never both.
///
/// `ScanResultFolder` reports the run folder it creates (`beginWriting(runFolder:)`) and commits through the
/// deadline; a folder written without a bound uses `ScanDeadline.unbounded`.
public final class ScanDeadline: @unchecked Sendable {
  // @unchecked: every stored property that changes is read and written only while `lock` is held; the others are
  // constants set in init.

  /// What the run was doing, for the expiry message.
  public enum Phase: String, Sendable {
    case startingUp = "starting up"
    case loadingContent = "loading the content"
    case waitingForLock = "waiting for the lock on the result folder"
    case scanning = "scanning the host"
    case writingResults = "writing the results"
    case finished = "finished"
  }

  /// What the expiry action is told.
  public struct Expiry: Sendable {
    /// The time the run was given, in seconds.
    public let seconds: Double
    /// What the run was doing when the time ran out.
    public let phase: Phase
    /// The run folder that was being written and has been removed, if any.
    public let removedRunFolder: String?

    /// The time given, for messages: `30 s`, `0.5 s`.
    public var secondsText: String {
      seconds == seconds.rounded() ? "\(Int(seconds)) s" : "\(seconds) s"
    }
  }

  /// The time the run was given; nil for no bound.
  public let seconds: Double?
  private let expiryAction: @Sendable (Expiry) -> Void
  private let lock = NSLock()
  private var phase = Phase.startingUp
  private var runFolder: String?
  private var isCommitted = false
  private var hasExpired = false
  private var isArmed = false

  /// A deadline `seconds` from `arm()`.
  /// - Parameters:
  ///   - seconds: the time the whole run may take.
  ///   - expiryAction: runs on the watchdog thread once the time is up and the unfinished run folder is removed;
  ///     it reports the failure and normally ends the process. While it runs, nothing can be committed.
  public init(seconds: Double, expiryAction: @escaping @Sendable (Expiry) -> Void) {
    self.seconds = seconds
    self.expiryAction = expiryAction
  }

  private init() {
    seconds = nil
    expiryAction = { _ in }
  }

  /// A deadline that never passes.
  public static var unbounded: ScanDeadline { ScanDeadline() }

  /// Starts the clock.
  public func arm() {
    guard let seconds else { return }
    lock.lock()
    let alreadyArmed = isArmed
    isArmed = true
    lock.unlock()
    guard !alreadyArmed else { return }
    let due = Date().addingTimeInterval(seconds)
    let thread = Thread { [self] in
      while Date() < due {
        Thread.sleep(until: due)
      }
      expire()
    }
    thread.name = "palisade deadline"
    thread.start()
  }

  /// Records what the run is doing now.
  public func enter(_ phase: Phase) {
    lock.lock()
    defer { lock.unlock() }
    if !hasExpired { self.phase = phase }
  }

  /// Registers the run folder being written, which the watchdog removes if the time runs out before the commit.
  /// - Throws: `ScanDeadlineExpired` when the time is already up.
  public func beginWriting(runFolder: String) throws {
    try beginWriting { (runFolder, ()) }
  }

  /// Creates the run folder and registers it in one step under the lock, so that a termination signal or the
  /// watchdog sees either no folder or a registered one, never a folder it would leave.
  /// - Parameter create: creates the folder; returns its path and what the caller keeps of it.
  /// - Returns: what `create` made, besides the path.
  /// - Throws: `ScanDeadlineExpired` when the time is already up (nothing is created), or what `create` throws.
  @discardableResult
  public func beginWriting<Created>(creating create: () throws -> (runFolder: String, created: Created)) throws
    -> Created
  {
    lock.lock()
    defer { lock.unlock() }
    guard !hasExpired else { throw ScanDeadlineExpired(seconds: seconds ?? 0) }
    let (runFolder, created) = try create()
    phase = .writingResults
    self.runFolder = runFolder
    return created
  }

  /// Runs the commit step (moving `latest`) unless the time is up; once it returns the run is complete and the
  /// deadline no longer applies.
  /// - Throws: `ScanDeadlineExpired` when the time ran out first, or what `body` throws.
  public func commit(_ body: () throws -> Void) throws {
    lock.lock()
    defer { lock.unlock() }
    guard !hasExpired else { throw ScanDeadlineExpired(seconds: seconds ?? 0) }
    try body()
    isCommitted = true
    phase = .finished
  }

  /// Ends the bound: the run is over (complete, or failed and reported), and the watchdog must do nothing.
  public func disarm() {
    lock.lock()
    defer { lock.unlock() }
    if !hasExpired { phase = .finished }
  }

  /// The watchdog's work when the time is up. The lock stays held while the expiry action runs, so that no commit
  /// can slip in between removing the run folder and ending the process.
  private func expire() {
    lock.lock()
    defer { lock.unlock() }
    guard phase != .finished, !isCommitted, !hasExpired else { return }
    let removed = abandonRun()
    expiryAction(Expiry(seconds: seconds ?? 0, phase: phase, removedRunFolder: removed))
  }

  /// Ends the run at once from another thread (a termination signal): unless its results are already committed,
  /// the run folder being written is removed and nothing can be committed any more. `action` runs with the lock
  /// held, so that no commit can slip in before it ends the process; it is not called when the time ran out first,
  /// or when the run already failed (`disarm()` without a commit): those are ending the process themselves.
  /// - Parameter action: told what the run was doing and whether its results had been committed.
  public func interrupt(_ action: (_ phase: Phase, _ isCommitted: Bool) -> Void) {
    lock.lock()
    defer { lock.unlock() }
    guard !isCommitted else { return action(.finished, true) }
    guard !hasExpired, phase != .finished else { return }
    abandonRun()
    action(phase, false)
  }

  /// Stops any commit and removes the run folder being written; returns it. Called with the lock held.
  @discardableResult
  private func abandonRun() -> String? {
    hasExpired = true
    guard let runFolder else { return nil }
    Self.remove(runFolder)
    return runFolder
  }

  /// Removes a folder that the writer may still be creating files in: a rename takes it out of sight at once, then
  /// the removal is retried until nothing is left.
  private static func remove(_ folder: String) {
    let url = URL(fileURLWithPath: folder)
    let hidden = url.deletingLastPathComponent().appendingPathComponent(".expired-\(url.lastPathComponent)").path
    let target = rename(folder, hidden) == 0 ? hidden : folder
    for _ in 0..<20 {
      do {
        try FileManager.default.removeItem(atPath: target)
        return
      } catch {
        if !FileManager.default.fileExists(atPath: target) { return }
        usleep(10_000)
      }
    }
  }
}

/// The run's time ran out before its results were committed.
public struct ScanDeadlineExpired: Error, Sendable, CustomStringConvertible {
  /// The time the run was given.
  public let seconds: Double

  public init(seconds: Double) {
    self.seconds = seconds
  }

  public var description: String {
    "the scan did not finish within \(ScanLockError.seconds(seconds)); nothing was written"
  }
}
