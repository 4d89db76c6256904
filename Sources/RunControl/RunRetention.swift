import Foundation
public import Reports
public import XMLSupport

/// Keeps the newest runs of one host and removes the older ones (`palisade scan --keep N`).
///
/// Only folders named as runs are touched (`20261128T020231Z`, `20261128T020231Z-1`); `latest`, the lock file and
/// anything else a user put there stay. The run `latest` points at is never removed, even when a clock that went
/// backwards makes it look old. A run is first renamed to a hidden name and then removed, so that an interrupted
/// removal never leaves half a run that looks like a whole one; the next pruning finishes such leftovers, and removes
/// the hidden folders of runs that were killed while writing (`ScanResultFolder` commits a run by renaming it, so
/// only committed runs are named and counted as runs).
public struct RunRetention: Sendable {
  /// The host's result folder, such as `results/HOST`.
  public let hostFolder: String
  /// How many runs to keep, counting the newest; at least 1.
  public let keep: Int

  /// - Parameters:
  ///   - hostFolder: the host's result folder, such as `results/HOST`.
  ///   - keep: how many runs to keep; values below 1 are taken as 1.
  public init(hostFolder: String, keep: Int) {
    self.hostFolder = hostFolder
    self.keep = max(keep, 1)
  }

  /// The run folders of the host, oldest first.
  public func runs() throws(OutputError) -> [String] {
    try entries().compactMap(RunName.init).sorted().map(\.text)
  }

  /// Removes every run but the newest `keep` ones and the one `latest` points at.
  /// - Returns: the names of the runs removed, oldest first.
  /// - Throws: `OutputError` naming the first folder that could not be removed; the runs before it are gone.
  @discardableResult
  public func prune() throws(OutputError) -> [String] {
    let names = try entries()
    // Pruning runs under the folder's lock: no other run is writing, so these are all leftovers.
    for leftover in names
    where leftover.hasPrefix(Self.removalPrefix) || leftover.hasPrefix(ScanResultFolder.writingPrefix) {
      try? FileManager.default.removeItem(atPath: path(leftover))
    }
    let runs = names.compactMap(RunName.init).sorted()
    let latest = latestTarget()
    var removed: [String] = []
    for run in runs.dropLast(keep) where run.text != latest {
      let hidden = path("\(Self.removalPrefix)\(run.text).\(getpid())")
      guard rename(path(run.text), hidden) == 0 else {
        throw OutputError(
          path: path(run.text), reason: "cannot remove an old run: \(errnoReason())")
      }
      do {
        try FileManager.default.removeItem(atPath: hidden)
      } catch {
        throw OutputError(path: hidden, reason: "cannot remove an old run: \(errnoReason(of: error))")
      }
      removed.append(run.text)
    }
    return removed
  }

  private static let removalPrefix = ".removing-"

  private func entries() throws(OutputError) -> [String] {
    do {
      return try FileManager.default.contentsOfDirectory(atPath: hostFolder)
    } catch {
      throw OutputError(path: hostFolder, reason: "cannot list old runs: \(errnoReason(of: error))")
    }
  }

  /// The run folder `latest` names, when it is a link.
  private func latestTarget() -> String? {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let count = readlink(path("latest"), &buffer, buffer.count - 1)
    guard count > 0 else { return nil }
    let target = String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    return URL(fileURLWithPath: target).lastPathComponent
  }

  private func path(_ name: String) -> String {
    URL(fileURLWithPath: hostFolder).appendingPathComponent(name).path
  }
}

/// A run folder's name, `yyyyMMddTHHmmssZ` with an optional `-N` for runs started in the same second, ordered by
/// time and then by N (so that `-10` comes after `-9`).
private struct RunName: Comparable {
  let text: String
  let stamp: String
  let sequence: Int

  init?(_ text: String) {
    let parts = text.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
    let stamp = parts[0]
    let digits = stamp.utf8.filter { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.count
    guard stamp.count == 16, digits == 14, stamp.dropFirst(8).first == "T", stamp.last == "Z" else { return nil }
    if parts.count == 2 {
      guard let sequence = Int(parts[1]), sequence > 0, String(sequence) == parts[1] else { return nil }
      self.sequence = sequence
    } else {
      sequence = 0
    }
    self.text = text
    self.stamp = String(stamp)
  }

  static func < (lhs: RunName, rhs: RunName) -> Bool {
    (lhs.stamp, lhs.sequence) < (rhs.stamp, rhs.sequence)
  }
}
