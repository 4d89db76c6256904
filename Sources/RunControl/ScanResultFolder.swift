public import Engine
import Foundation
public import Reports
public import XMLSupport

/// The folder layout of scan results: BASE/HOST/TIMESTAMP/ for each run, and BASE/HOST/latest pointing at the
/// newest complete one.
///
/// A run is written into a hidden folder (`.writing-TIMESTAMP`) and renamed to its own name only once every file
/// in it is complete; then `latest` moves to it. A folder named like a run is therefore always a committed, whole
/// run, and what a stopped or killed run leaves is hidden and never counted (`RunRetention` removes it).
public struct ScanResultFolder {
  public let base: String
  public let host: String
  /// Bounds the write in time (`--timeout`): a run folder not committed when it passes is removed whole.
  public var deadline = ScanDeadline.unbounded

  /// The prefix of a run folder still being written.
  static let writingPrefix = ".writing-"

  public init(base: String, host: String) {
    self.base = base
    self.host = host
  }

  /// BASE/HOST, with the host name made safe as a file name: where the runs, `latest` and the lock live.
  public var hostFolder: String {
    URL(fileURLWithPath: base).appendingPathComponent(Self.safeName(host)).path
  }

  /// Creates BASE/HOST where it is missing (folders `0750`) and checks that only this user can change it: a host
  /// folder that is a symbolic link, belongs to another user or is writable by group or others is refused, since
  /// whoever can write it can swap the run `latest` points at.
  /// - Returns: the folders it created, outermost first.
  /// - Throws: `OutputError` naming the folder that cannot be created or is refused; the folders it created are
  ///   removed again.
  @discardableResult
  public func prepareHostFolder() throws(OutputError) -> [String] {
    var missing: [String] = []
    var ancestor = URL(fileURLWithPath: hostFolder).standardizedFileURL
    var status = stat()
    while ancestor.path != "/", lstat(ancestor.path, &status) != 0, errno == ENOENT {
      missing.insert(ancestor.path, at: 0)
      ancestor.deleteLastPathComponent()
    }
    var created: [String] = []
    do throws(OutputError) {
      for folder in missing {
        if mkdir(folder, 0o750) == 0 {
          created.append(folder)
        } else if errno != EEXIST {  // another run may have created it meanwhile
          throw OutputError(path: folder, reason: "cannot create folder: \(errnoReason())")
        }
      }
      try Self.checkOwnFolder(hostFolder)
    } catch {
      for folder in created.reversed() { rmdir(folder) }
      throw error
    }
    return created
  }

  /// Writes the run's files and moves `latest` to them; returns the ARF's path.
  /// - Parameter companions: writes the run's other files (reports converted from the ARF) into the run folder
  ///   once the ARF is complete and before the run is committed; it is given the ARF's path and the folder while
  ///   they are being written, and the path the ARF will have once committed (for reports that name it).
  /// - Throws: `OutputError`; a run folder left without a complete result is removed again, and so is a complete
  ///   one that `latest` could not be moved to.
  public func write(
    _ outcome: ScanOutcome,
    companions: (_ arfPath: String, _ runFolder: String, _ committedARFPath: String) throws -> Void = { _, _, _ in }
  ) throws -> String {
    let hostFolder = URL(fileURLWithPath: hostFolder)
    try prepareHostFolder()
    let (writingFolder, name) = try deadline.beginWriting {
      let made = try createRunFolder(in: hostFolder, time: outcome.startTime)
      return (made.folder.path, made)
    }
    let runFolder = hostFolder.appendingPathComponent(name)
    let arfPath = writingFolder.appendingPathComponent("arf.xml").path
    let committedARFPath = runFolder.appendingPathComponent("arf.xml").path
    do {
      do {
        try AtomicFileOutput.writeDocument(to: arfPath) { try ARFWriter(outcome: outcome).write(to: &$0) }
      } catch {
        throw (error as? OutputError) ?? OutputError(path: arfPath, reason: "\(error)")
      }
      try companions(arfPath, writingFolder.path, committedARFPath)
      try deadline.commit {
        try Self.rename(writingFolder.path, to: runFolder.path)
        do {
          try pointLatest(in: hostFolder, at: name)
        } catch {
          try? FileManager.default.removeItem(at: runFolder)
          throw error
        }
      }
    } catch {
      try? FileManager.default.removeItem(at: writingFolder)
      throw error
    }
    return committedARFPath
  }

  /// Refuses a folder another user could change: a symbolic link, not owned by this user, or writable by group or
  /// others.
  static func checkOwnFolder(_ folder: String) throws(OutputError) {
    var status = stat()
    guard lstat(folder, &status) == 0 else {
      throw OutputError(path: folder, reason: "cannot use folder: \(errnoReason())")
    }
    let kind = status.st_mode & S_IFMT
    guard kind != S_IFLNK else {
      throw OutputError(
        path: folder, reason: "the folder is a symbolic link; a host's result folder must be a real one")
    }
    guard kind == S_IFDIR else { throw OutputError(path: folder, reason: "not a folder") }
    guard status.st_uid == geteuid() else {
      throw OutputError(
        path: folder, reason: "the folder belongs to uid \(status.st_uid), not to this user (uid \(geteuid()))")
    }
    guard status.st_mode & 0o022 == 0 else {
      throw OutputError(
        path: folder,
        reason: "the folder is writable by group or others (mode \(String(status.st_mode & 0o7777, radix: 8)))")
    }
  }

  /// A new hidden folder for a run named after the scan's start time in UTC; a suffix keeps two runs in one second
  /// apart. Returns the folder and the name the run takes once committed.
  private func createRunFolder(in hostFolder: URL, time: Date) throws(OutputError) -> (folder: URL, name: String) {
    let stamp = UTCTimestamp.string(from: time, .runFolderName)
    // Names grow with time even when `--keep` has removed earlier runs of the same second: start after the highest.
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: hostFolder.path)) ?? []).map {
      $0.hasPrefix(Self.writingPrefix) ? String($0.dropFirst(Self.writingPrefix.count)) : $0
    }
    let taken = names.compactMap { name -> Int? in
      name == stamp ? 0 : name.hasPrefix(stamp + "-") ? Int(name.dropFirst(stamp.count + 1)) : nil
    }
    let first = taken.max().map { $0 + 1 } ?? 0
    for attempt in first..<(first + 100) {
      let name = attempt == 0 ? stamp : "\(stamp)-\(attempt)"
      var status = stat()
      guard lstat(hostFolder.appendingPathComponent(name).path, &status) != 0 else { continue }
      let folder = hostFolder.appendingPathComponent(Self.writingPrefix + name)
      if mkdir(folder.path, 0o750) == 0 { return (folder, name) }
      if errno != EEXIST {
        throw OutputError(path: folder.path, reason: "cannot create folder: \(errnoReason())")
      }
    }
    throw OutputError(path: hostFolder.path, reason: "too many runs started in the same second")
  }

  /// Commits a complete run folder under its own name.
  private static func rename(_ writing: String, to committed: String) throws(OutputError) {
    guard Foundation.rename(writing, committed) == 0 else {
      throw OutputError(path: committed, reason: "cannot commit the run folder: \(errnoReason())")
    }
  }

  /// Replaces the `latest` link in one step: a new link under a temporary name, renamed over the old one.
  private func pointLatest(in hostFolder: URL, at runName: String) throws(OutputError) {
    let latest = hostFolder.appendingPathComponent("latest").path
    let temporary = hostFolder.appendingPathComponent(".latest.\(getpid())").path
    unlink(temporary)
    guard symlink(runName, temporary) == 0, Foundation.rename(temporary, latest) == 0 else {
      let reason = errnoReason()
      unlink(temporary)
      throw OutputError(path: latest, reason: "cannot update link: \(reason)")
    }
  }

  private static func safeName(_ host: String) -> String {
    let cleaned = String(host.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" })
    return cleaned.isEmpty || cleaned.hasPrefix(".") ? "host" + cleaned : cleaned
  }
}
