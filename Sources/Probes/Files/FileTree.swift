import Foundation
import XMLSupport

/// One folder's entries, each with its `lstat`, sorted by name; `problem` says why the folder could not be read.
///
/// Kept compact, since a scan may hold every folder of a host (about 16 bytes an entry besides its name): the names in
/// one byte buffer; the type and permissions, owner and size of each entry packed in 8 bytes (`PackedStatus`), owners
/// by their index in the folder's few distinct ones; the device and inode only for folders (which the walk identifies
/// by them); no times.
struct DirectoryListing: Sendable, RandomAccessCollection {
  let problem: String?
  private let names: [UInt8]
  private let nameEnds: [UInt32]
  private let statuses: [PackedStatus]
  /// The distinct owners (user and group) of the folder's entries; `PackedStatus.ownerIndex` points here.
  private let owners: [FileOwner]
  /// Sizes and owners that do not fit their packed fields, by entry position: files of 4 GiB or more, folders
  /// with more than 65,534 distinct owners.
  private let largeSizes: [Int: Int64]
  private let unusualOwners: [Int: FileOwner]
  /// The positions of the entries that are folders, ascending, and the device and inode of each.
  private let folderPositions: [UInt32]
  private let folderIdentities: [FileIdentity]

  /// A listing of entries (in any order; they are sorted here).
  init(entries: [DirectoryEntry], problem: String?) {
    self.problem = problem
    let sorted = entries.sorted { $0.name < $1.name }
    var names: [UInt8] = []
    var nameEnds: [UInt32] = []
    var statuses: [PackedStatus] = []
    var owners: [FileOwner] = []
    var ownerIndexes: [FileOwner: UInt16] = [:]
    var largeSizes: [Int: Int64] = [:]
    var unusualOwners: [Int: FileOwner] = [:]
    var folderPositions: [UInt32] = []
    var identities: [FileIdentity] = []
    nameEnds.reserveCapacity(sorted.count)
    statuses.reserveCapacity(sorted.count)
    for (position, entry) in sorted.enumerated() {
      names.append(contentsOf: entry.name.utf8)
      nameEnds.append(UInt32(names.count))
      let owner = FileOwner(userID: entry.status.userID, groupID: entry.status.groupID)
      let ownerIndex: UInt16
      if let known = ownerIndexes[owner] {
        ownerIndex = known
      } else if owners.count < Int(PackedStatus.ownerElsewhere) {
        ownerIndex = UInt16(owners.count)
        ownerIndexes[owner] = ownerIndex
        owners.append(owner)
      } else {
        ownerIndex = PackedStatus.ownerElsewhere
        unusualOwners[position] = owner
      }
      let packed = PackedStatus(mode: entry.status.mode, ownerIndex: ownerIndex, size: entry.status.size)
      if packed.size == PackedStatus.sizeElsewhere { largeSizes[position] = entry.status.size }
      statuses.append(packed)
      if entry.status.isDirectory {
        folderPositions.append(UInt32(position))
        identities.append(entry.status.identity)
      }
    }
    self.names = names
    self.nameEnds = nameEnds
    self.statuses = statuses
    self.owners = owners
    self.largeSizes = largeSizes
    self.unusualOwners = unusualOwners
    self.folderPositions = folderPositions
    folderIdentities = identities
  }

  var startIndex: Int { 0 }
  var endIndex: Int { statuses.count }

  subscript(position: Int) -> DirectoryEntry {
    let start = position == 0 ? 0 : Int(nameEnds[position - 1])
    let name = names.withUnsafeBufferPointer {
      String(decoding: UnsafeBufferPointer(rebasing: $0[start..<Int(nameEnds[position])]), as: UTF8.self)
    }
    let packed = statuses[position]
    // swift-format-ignore: NeverForceUnwrap
    // The marker values are stored only with an entry in the side table (the tree's own invariant, not input data).
    let owner =
      packed.ownerIndex == PackedStatus.ownerElsewhere ? unusualOwners[position]! : owners[Int(packed.ownerIndex)]
    // swift-format-ignore: NeverForceUnwrap
    let size = packed.size == PackedStatus.sizeElsewhere ? largeSizes[position]! : Int64(packed.size)
    let folder = FileKind(mode: UInt32(packed.mode)) == .directory ? folderIndex(of: position) : nil
    let identity = folder.map { folderIdentities[$0] } ?? FileIdentity(device: 0, inode: 0)
    let status = FileStatus(
      mode: UInt32(packed.mode), userID: owner.userID, groupID: owner.groupID, size: size,
      accessTime: FileStatus.unknownTime, modificationTime: FileStatus.unknownTime, changeTime: FileStatus.unknownTime,
      device: identity.device, inode: identity.inode)
    return DirectoryEntry(name: name, status: status)
  }

  /// Where the folder entry at `position` is in `folderPositions`, by binary search.
  private func folderIndex(of position: Int) -> Int? {
    var low = 0
    var high = folderPositions.count
    while low < high {
      let middle = (low + high) / 2
      if Int(folderPositions[middle]) < position { low = middle + 1 } else { high = middle }
    }
    return low < folderPositions.count && Int(folderPositions[low]) == position ? low : nil
  }
}

/// A name in a folder and what `lstat` says about it. Only a folder's status carries its device and inode, and no
/// status its times (see `FileStatus.withTimes`).
struct DirectoryEntry: Sendable {
  let name: String
  let status: FileStatus
}

/// The user and group that own a file.
private struct FileOwner: Sendable, Hashable {
  let userID: UInt32
  let groupID: UInt32
}

/// An entry's type and permissions (st_mode fits 16 bits), owner index and size, in 8 bytes: what walks and most
/// filters read. The times are read again (`FileStatus.withTimes`) for the few files whose items report them.
private struct PackedStatus: Sendable {
  /// The owner index of an entry whose owner is kept in `DirectoryListing.unusualOwners`.
  static let ownerElsewhere = UInt16.max
  /// The size of an entry whose size is kept in `DirectoryListing.largeSizes`.
  static let sizeElsewhere = UInt32.max

  let mode: UInt16
  let ownerIndex: UInt16
  let size: UInt32

  init(mode: UInt32, ownerIndex: UInt16, size: Int64) {
    self.mode = UInt16(truncatingIfNeeded: mode)
    self.ownerIndex = ownerIndex
    self.size = size >= 0 && size < Int64(Self.sizeElsewhere) ? UInt32(size) : Self.sizeElsewhere
  }
}

/// The scanned host's folders, each listed (and every entry `lstat`ed) at most once per scan, however many recursive
/// objects walk through it: the walk of `/` that OpenSCAP repeats for every recursive `file` object is done here
/// once, and the objects that follow read it from memory.
///
/// Listings are kept by folder identity (device and inode), so `/lib` and `/usr/lib` share one. A folder being
/// listed by one collector is waited for by the others rather than listed twice. At most `entryBudget` entries are
/// kept; beyond that, folders are listed again when asked for.
final class FileTree: @unchecked Sendable {
  // @unchecked: `listings`, `inFlight` and `cachedEntries` are only read and written while `condition` is locked.
  private let condition = NSCondition()
  private var listings: [FileIdentity: DirectoryListing] = [:]
  private var inFlight: Set<FileIdentity> = []
  private var cachedEntries = 0
  private var reads = 0
  /// The most entries kept in memory (about 16 bytes each besides their names).
  let entryBudget: Int

  init(entryBudget: Int = 4_000_000) {
    self.entryBudget = entryBudget
  }

  /// The entries of the folder `identity` names, read from memory, or from the folder `opening` opens (called only
  /// then): a folder replaced (by another folder, say) between the `lstat` that found it and its opening is refused
  /// rather than listed as the one found.
  func listing(identity: FileIdentity, opening: () -> HostFolder?) -> DirectoryListing {
    condition.lock()
    while true {
      if let cached = listings[identity] {
        condition.unlock()
        return cached
      }
      guard inFlight.contains(identity) else { break }
      condition.wait()
    }
    inFlight.insert(identity)
    reads += 1
    condition.unlock()

    let start = ContinuousClock.now
    let listing =
      opening().map { Self.read($0, expecting: identity) }
      ?? DirectoryListing(entries: [], problem: "the folder changed while it was being read")
    RunStatistics.current?.recordFolderRead(entries: listing.count, time: ContinuousClock.now - start)

    condition.lock()
    inFlight.remove(identity)
    if cachedEntries + listing.count <= entryBudget {
      listings[identity] = listing
      cachedEntries += listing.count
    }
    condition.broadcast()
    condition.unlock()
    return listing
  }

  /// How many folders were read from the filesystem (not from memory) so far.
  var folderReads: Int {
    condition.lock()
    defer { condition.unlock() }
    return reads
  }

  /// Lists a folder with `fstatat`s relative to it, so every entry is examined inside the folder that was opened.
  private static func read(_ folder: HostFolder, expecting identity: FileIdentity) -> DirectoryListing {
    guard folder.status()?.identity == identity else {
      return DirectoryListing(entries: [], problem: "the folder changed while it was being read")
    }
    var entries: [DirectoryEntry] = []
    let problem = folder.forEachEntry { name, listed in
      var status = stat()
      // A file that vanished since readdir saw it is left out, as OpenSCAP leaves it out.
      guard fstatat(listed, name, &status, AT_SYMLINK_NOFOLLOW) == 0 else { return }
      entries.append(DirectoryEntry(name: HostFileName.string(cString: name), status: FileStatus(status)))
    }
    if let problem { return DirectoryListing(entries: [], problem: problem.reason) }
    return DirectoryListing(entries: entries, problem: nil)
  }
}

/// The devices of the host's local filesystems, for `recurse_file_system="local"`: every mounted filesystem except
/// network ones, `proc` and `sysfs`, and autofs placeholders, as `df -l` and OpenSCAP count them.
struct LocalFileSystems: Sendable {
  let devices: Set<UInt64>

  /// Network and pseudo filesystem types that are not local (OpenSCAP's list, after systemd's fstype_is_network).
  static let nonLocalTypes: Set<String> = [
    "proc", "sysfs", "autofs", "afs", "ceph", "cifs", "smb3", "smbfs", "sshfs", "ncpfs", "ncp", "nfs", "nfs4", "gfs",
    "gfs2", "glusterfs", "gpfs", "pvfs2", "ocfs2", "lustre", "davfs",
  ]

  /// Reads the mount table of the running system (`/proc/self/mounts`): mounts belong to the kernel, not to the
  /// scanned tree, even when scanning a mounted image.
  static func current() -> LocalFileSystems {
    guard let table = try? String(contentsOfFile: "/proc/self/mounts", encoding: .utf8) else {
      return LocalFileSystems(devices: [])
    }
    var devices: Set<UInt64> = []
    for line in table.split(separator: "\n") {
      let fields = line.split(separator: " ")
      guard fields.count >= 3 else { continue }
      var type = String(fields[2])
      if type.hasPrefix("fuse.") { type.removeFirst(5) }
      guard !nonLocalTypes.contains(type) else { continue }
      var status = stat()
      if stat(unescapeMountField(fields[1]), &status) == 0 { devices.insert(UInt64(status.st_dev)) }
    }
    return LocalFileSystems(devices: devices)
  }

  /// Mount table fields write space, tab, newline and backslash as octal escapes (`\040`).
  static func unescapeMountField(_ field: Substring) -> String {
    guard field.contains("\\") else { return String(field) }
    var bytes: [UInt8] = []
    let source = Array(field.utf8)
    var index = 0
    while index < source.count {
      if source[index] == UInt8(ascii: "\\"), index + 3 < source.count,
        let value = UInt8(String(decoding: source[(index + 1)...(index + 3)], as: UTF8.self), radix: 8)
      {
        bytes.append(value)
        index += 4
      } else {
        bytes.append(source[index])
        index += 1
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  func isLocal(device: UInt64) -> Bool { devices.contains(device) }
}

extension String {
  /// The text of a NUL-terminated C buffer.
  init(nulTerminated buffer: [CChar]) {
    self.init(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}
