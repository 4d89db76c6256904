import Foundation
import Reports
import RunControl
import Testing

/// `--keep N`: which run folders are removed, and what is never touched.
@Suite struct RunRetentionTests {
  let folder: URL

  init() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-retention-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  }

  func makeRuns(_ names: [String]) throws {
    for name in names {
      let run = folder.appendingPathComponent(name)
      try FileManager.default.createDirectory(at: run, withIntermediateDirectories: true)
      try Data("<arf/>".utf8).write(to: run.appendingPathComponent("arf.xml"))
    }
  }

  func point(latestAt name: String) throws {
    try FileManager.default.createSymbolicLink(
      atPath: folder.appendingPathComponent("latest").path, withDestinationPath: name)
  }

  func entries() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
  }

  @Test func keepsTheNewestRunsInTimeOrder() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    try makeRuns([
      "20261127T020000Z", "20261128T020000Z", "20261128T020000Z-2", "20261128T020000Z-10", "20261126T235959Z",
    ])
    try point(latestAt: "20261128T020000Z-10")
    let retention = RunRetention(hostFolder: folder.path, keep: 2)
    #expect(
      try retention.runs() == [
        "20261126T235959Z", "20261127T020000Z", "20261128T020000Z", "20261128T020000Z-2", "20261128T020000Z-10",
      ])
    #expect(try retention.prune() == ["20261126T235959Z", "20261127T020000Z", "20261128T020000Z"])
    #expect(try entries() == ["20261128T020000Z-10", "20261128T020000Z-2", "latest"])
  }

  @Test func neverRemovesTheRunLatestPointsAt() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    // A clock that went backwards: the newest run has the oldest name.
    try makeRuns(["20200101T000000Z", "20261127T020000Z", "20261128T020000Z"])
    try point(latestAt: "20200101T000000Z")
    try RunRetention(hostFolder: folder.path, keep: 1).prune()
    #expect(try entries() == ["20200101T000000Z", "20261128T020000Z", "latest"])
  }

  @Test func leavesEverythingThatIsNotARunAlone() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    try makeRuns(["20261127T020000Z", "20261128T020000Z", "notes", "2026-11-27", "20261128T020000Z-x"])
    try Data("1\n".utf8).write(to: folder.appendingPathComponent(ScanLock.fileName))
    try point(latestAt: "20261128T020000Z")
    #expect(try RunRetention(hostFolder: folder.path, keep: 1).prune() == ["20261127T020000Z"])
    #expect(
      try entries() == [".palisade.lock", "2026-11-27", "20261128T020000Z", "20261128T020000Z-x", "latest", "notes"])
  }

  @Test func finishesARemovalThatWasInterrupted() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    try makeRuns(["20261128T020000Z", ".removing-20261127T020000Z.4242"])
    try RunRetention(hostFolder: folder.path, keep: 5).prune()
    #expect(try entries() == ["20261128T020000Z"])
  }

  /// A run killed while it was being written leaves its hidden folder: it is not a run, and pruning removes it.
  @Test func runsStillBeingWrittenAreNotRunsAndTheirLeftoversGo() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    try makeRuns(["20261127T020000Z", "20261128T020000Z", ".writing-20261129T020000Z"])
    try point(latestAt: "20261128T020000Z")
    let retention = RunRetention(hostFolder: folder.path, keep: 2)
    #expect(try retention.runs() == ["20261127T020000Z", "20261128T020000Z"])
    #expect(try retention.prune().isEmpty)
    #expect(try entries() == ["20261127T020000Z", "20261128T020000Z", "latest"])
  }

  @Test func aMissingFolderIsAnErrorNamingIt() {
    let missing = folder.appendingPathComponent("absent").path
    #expect(throws: OutputError.self) { try RunRetention(hostFolder: missing, keep: 1).prune() }
    try? FileManager.default.removeItem(at: folder)
  }
}
