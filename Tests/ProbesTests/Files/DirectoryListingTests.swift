import Foundation
import Testing

@testable import Probes

/// A folder listing keeps every entry's status as `lstat` gave it, however compactly it is stored.
@Suite struct DirectoryListingTests {
  static func status(mode: UInt32, user: UInt32, group: UInt32, size: Int64, inode: UInt64 = 0) -> FileStatus {
    FileStatus(
      mode: mode, userID: user, groupID: group, size: size, accessTime: FileStatus.unknownTime,
      modificationTime: FileStatus.unknownTime, changeTime: FileStatus.unknownTime, device: inode == 0 ? 0 : 7,
      inode: inode)
  }

  @Test func entriesComeBackSortedWithTheirStatus() {
    let entries = [
      DirectoryEntry(name: "zeta", status: Self.status(mode: 0o100644, user: 0, group: 0, size: 12)),
      DirectoryEntry(
        name: "alpha", status: Self.status(mode: 0o040755, user: 1000, group: 1000, size: 4096, inode: 42)),
      DirectoryEntry(name: "big", status: Self.status(mode: 0o100600, user: 0, group: 4, size: 5 << 30)),
      DirectoryEntry(name: "link", status: Self.status(mode: 0o120777, user: 33, group: 33, size: 4_294_967_295)),
      DirectoryEntry(name: "mid", status: Self.status(mode: 0o041777, user: 0, group: 0, size: 4096, inode: 43)),
    ]
    let listing = DirectoryListing(entries: entries, problem: nil)
    let expected = entries.sorted { $0.name < $1.name }
    #expect(listing.map(\.name) == expected.map(\.name))
    for (entry, original) in zip(listing, expected) {
      #expect(entry.status == original.status, "\(entry.name)")
    }
  }

  @Test func aFolderWithMoreOwnersThanTheIndexHoldsKeepsEveryOwner() {
    let entries = (0..<70_000).map { number in
      DirectoryEntry(
        name: String(format: "f%05d", number),
        status: Self.status(mode: 0o100644, user: UInt32(number), group: UInt32(number % 7), size: Int64(number)))
    }
    let listing = DirectoryListing(entries: entries, problem: nil)
    #expect(listing.count == entries.count)
    for index in [0, 1, 65_533, 65_534, 65_535, 65_536, 69_999] {
      #expect(listing[index].status == entries[index].status, "entry \(index)")
    }
  }
}
