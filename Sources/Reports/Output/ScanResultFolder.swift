public import Engine
import Foundation
import XMLSupport

/// The folder layout of scan results: BASE/HOST/TIMESTAMP/ for each run, and BASE/HOST/latest pointing at the
/// newest complete one.
public struct ScanResultFolder {
  public let base: String
  public let host: String
  /// Bounds the write in time (`--timeout`): a run folder not committed when it passes is removed whole.
  public var deadline = ScanDeadline.unbounded

  public init(base: String, host: String) {
    self.base = base
    self.host = host
  }

  /// BASE/HOST, with the host name made safe as a file name: where the runs, `latest` and the lock live.
  public var hostFolder: String {
    URL(fileURLWithPath: base).appendingPathComponent(Self.safeName(host)).path
  }

  /// Writes the run's files and moves `latest` to them; returns the ARF's path.
  /// - Parameter companions: writes the run's other files (reports converted from the ARF) into the run folder
  ///   once the ARF is complete and before `latest` moves; it is given the ARF's path and the folder's.
  /// - Throws: `OutputError`; a run folder left without a complete result is removed again.
  public func write(
    _ outcome: ScanOutcome, companions: (_ arfPath: String, _ runFolder: String) throws -> Void = { _, _ in }
  ) throws -> String {
    let hostFolder = URL(fileURLWithPath: base).appendingPathComponent(Self.safeName(host))
    try create(hostFolder)
    let runFolder = try createRunFolder(in: hostFolder, time: outcome.startTime)
    let arfPath = runFolder.appendingPathComponent("arf.xml").path
    do {
      try deadline.beginWriting(runFolder: runFolder.path)
      do {
        try AtomicFileOutput.writeDocument(to: arfPath) { try ARFWriter(outcome: outcome).write(to: &$0) }
      } catch {
        throw (error as? OutputError) ?? OutputError(path: arfPath, reason: "\(error)")
      }
      try companions(arfPath, runFolder.path)
    } catch {
      try? FileManager.default.removeItem(at: runFolder)
      throw error
    }
    try deadline.commit { try pointLatest(in: hostFolder, at: runFolder.lastPathComponent) }
    return arfPath
  }

  private func create(_ folder: URL) throws(OutputError) {
    do {
      try FileManager.default.createDirectory(
        at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
    } catch {
      throw OutputError(path: folder.path, reason: "cannot create folder: \(Self.reason(error))")
    }
  }

  /// A new folder named after the scan's start time in UTC; a suffix keeps two runs in one second apart.
  private func createRunFolder(in hostFolder: URL, time: Date) throws(OutputError) -> URL {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
    let stamp = formatter.string(from: time)
    // Names grow with time even when `--keep` has removed earlier runs of the same second: start after the highest.
    let taken = ((try? FileManager.default.contentsOfDirectory(atPath: hostFolder.path)) ?? []).compactMap {
      name -> Int? in
      name == stamp ? 0 : name.hasPrefix(stamp + "-") ? Int(name.dropFirst(stamp.count + 1)) : nil
    }
    let first = taken.max().map { $0 + 1 } ?? 0
    for attempt in first..<(first + 100) {
      let name = attempt == 0 ? stamp : "\(stamp)-\(attempt)"
      let folder = hostFolder.appendingPathComponent(name)
      if mkdir(folder.path, 0o750) == 0 { return folder }
      if errno != EEXIST {
        throw OutputError(path: folder.path, reason: "cannot create folder: \(String(cString: strerror(errno)))")
      }
    }
    throw OutputError(path: hostFolder.path, reason: "too many runs started in the same second")
  }

  /// Replaces the `latest` link in one step: a new link under a temporary name, renamed over the old one.
  private func pointLatest(in hostFolder: URL, at runName: String) throws(OutputError) {
    let latest = hostFolder.appendingPathComponent("latest").path
    let temporary = hostFolder.appendingPathComponent(".latest.\(getpid())").path
    unlink(temporary)
    guard symlink(runName, temporary) == 0, rename(temporary, latest) == 0 else {
      let reason = String(cString: strerror(errno))
      unlink(temporary)
      throw OutputError(path: latest, reason: "cannot update link: \(reason)")
    }
  }

  private static func safeName(_ host: String) -> String {
    let cleaned = String(host.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" })
    return cleaned.isEmpty || cleaned.hasPrefix(".") ? "host" + cleaned : cleaned
  }

  private static func reason(_ error: Error) -> String {
    let nsError = error as NSError
    if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError {
      return String(cString: strerror(Int32(underlying.code))).lowercased()
    }
    return nsError.localizedDescription
  }
}
