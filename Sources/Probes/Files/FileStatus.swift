import Foundation

/// What `lstat` (or `stat`) says about a file, kept compact: a walk of a whole host holds one per file.
struct FileStatus: Sendable, Hashable {
  let mode: UInt32
  let userID: UInt32
  let groupID: UInt32
  let size: Int64
  let accessTime: Int64
  let modificationTime: Int64
  let changeTime: Int64
  let device: UInt64
  let inode: UInt64

  init(
    mode: UInt32, userID: UInt32, groupID: UInt32, size: Int64, accessTime: Int64, modificationTime: Int64,
    changeTime: Int64, device: UInt64, inode: UInt64
  ) {
    self.mode = mode
    self.userID = userID
    self.groupID = groupID
    self.size = size
    self.accessTime = accessTime
    self.modificationTime = modificationTime
    self.changeTime = changeTime
    self.device = device
    self.inode = inode
  }

  init(_ status: stat) {
    mode = UInt32(status.st_mode)
    userID = UInt32(status.st_uid)
    groupID = UInt32(status.st_gid)
    size = Int64(status.st_size)
    accessTime = Int64(status.st_atim.tv_sec)
    modificationTime = Int64(status.st_mtim.tv_sec)
    changeTime = Int64(status.st_ctim.tv_sec)
    device = UInt64(status.st_dev)
    inode = UInt64(status.st_ino)
  }

  /// The time of a status read from a folder listing, which keeps no times.
  static let unknownTime = Int64.min

  /// Whether the times are known (a status from a folder listing has none).
  var hasTimes: Bool { accessTime != Self.unknownTime }

  /// This status with its times, read again with `lstat` at `location` when the listing left them out; nil when
  /// the file is gone.
  func withTimes(at location: HostLocation) -> FileStatus? {
    guard !hasTimes else { return self }
    guard case .success(let status) = location.linkStatus() else { return nil }
    return status
  }

  /// This status with the times of `other`, a status of the same file read at another moment.
  func withTimes(of other: FileStatus) -> FileStatus {
    FileStatus(
      mode: mode, userID: userID, groupID: groupID, size: size, accessTime: other.accessTime,
      modificationTime: other.modificationTime, changeTime: other.changeTime, device: device, inode: inode)
  }

  var kind: FileKind { FileKind(mode: mode) }
  var isDirectory: Bool { kind == .directory }
  var isSymbolicLink: Bool { kind == .symbolicLink }
  var isRegular: Bool { kind == .regular }

  /// The directory's identity, which a walk uses to notice loops and to share listings between paths.
  var identity: FileIdentity { FileIdentity(device: device, inode: inode) }

  /// Whether a permission or mode bit (`S_ISUID`, `S_IWOTH`, ...) is set.
  func has(_ bit: mode_t) -> Bool { mode & UInt32(bit) != 0 }

}

/// A file's device and inode numbers.
struct FileIdentity: Sendable, Hashable {
  let device: UInt64
  let inode: UInt64
}

/// The file types of the unix file_item `type` entity, named as OpenSCAP writes them.
enum FileKind: String, Sendable {
  case regular
  case directory
  case symbolicLink = "symbolic link"
  case blockSpecial = "block special"
  case fifo
  case socket
  case characterSpecial = "character special"
  case unknown

  init(mode: UInt32) {
    switch mode_t(mode) & S_IFMT {
    case S_IFREG: self = .regular
    case S_IFDIR: self = .directory
    case S_IFLNK: self = .symbolicLink
    case S_IFBLK: self = .blockSpecial
    case S_IFIFO: self = .fifo
    case S_IFSOCK: self = .socket
    case S_IFCHR: self = .characterSpecial
    default: self = .unknown
    }
  }
}
