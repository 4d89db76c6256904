import Foundation
import Testing

@testable import Probes

@Suite("file_object filters decided once per distinct status")
struct FileFilterDecisionsTests {
  private static let itemNames = Set(FileProbe.entityNames)

  private static func status(mode: UInt32, user: UInt32 = 0, group: UInt32 = 0, size: Int64 = 0) -> FileStatus {
    FileStatus(
      mode: mode, userID: user, groupID: group, size: size, accessTime: 1, modificationTime: 2, changeTime: 3,
      device: 1, inode: 1)
  }

  /// Decides each status with `decisions`, counting how often the filters themselves were asked.
  private static func decide(_ decisions: inout FileFilterDecisions, _ statuses: [FileStatus]) -> (Int, [Bool]) {
    var asked = 0
    let results = statuses.map { status in
      decisions.keeps(status) {
        asked += 1
        return status.has(S_IWOTH)
      }
    }
    return (asked, results)
  }

  @Test("filters on permissions and type are asked once per mode, whatever the owner, size or times")
  func permissionFilters() {
    var decisions = FileFilterDecisions(filterEntityNames: ["type", "owrite"], itemEntityNames: Self.itemNames)
    let statuses = [
      Self.status(mode: 0o100_644, user: 0, size: 1), Self.status(mode: 0o100_644, user: 1000, size: 99),
      Self.status(mode: 0o100_666), Self.status(mode: 0o100_666, group: 5), Self.status(mode: 0o040_777),
    ]
    let (asked, results) = Self.decide(&decisions, statuses)
    #expect(asked == 3)
    #expect(results == [false, false, true, true, true])
  }

  @Test("an owner, group or size the filters read tells statuses apart", arguments: ["user_id", "group_id", "size"])
  func readFieldsAreKept(name: String) {
    var decisions = FileFilterDecisions(filterEntityNames: [name], itemEntityNames: Self.itemNames)
    let statuses = [
      Self.status(mode: 0o100_644, user: 1, group: 1, size: 1),
      Self.status(mode: 0o100_644, user: 2, group: 2, size: 2),
      Self.status(mode: 0o100_644, user: 1, group: 1, size: 1),
    ]
    #expect(Self.decide(&decisions, statuses).0 == 2)
  }

  @Test(
    "filters that read a path, times or ACLs are asked for every file",
    arguments: ["filepath", "m_time", "has_extended_acl"])
  func otherEntities(name: String) {
    var decisions = FileFilterDecisions(filterEntityNames: ["type", name], itemEntityNames: Self.itemNames)
    let statuses = Array(repeating: Self.status(mode: 0o100_644), count: 4)
    #expect(Self.decide(&decisions, statuses).0 == 4)
  }

  @Test("a name that is no file_item entity reads nothing of the file")
  func foreignNames() {
    var decisions = FileFilterDecisions(
      filterEntityNames: ["owrite", "no_such_entity"], itemEntityNames: Self.itemNames)
    let statuses = Array(repeating: Self.status(mode: 0o100_644), count: 3)
    #expect(Self.decide(&decisions, statuses).0 == 1)
  }
}
