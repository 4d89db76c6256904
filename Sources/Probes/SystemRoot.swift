internal import CLinux
public import Foundation
import XMLSupport

/// The root of the host being scanned: `/` for the running system, or a folder that holds a mounted image, a chroot
/// or a test's fake host (`--root DIR`).
///
/// Probes name files by their path on the scanned host (`/etc/docker/daemon.json`) and read them through the root,
/// which resolves every symbolic link one component at a time *inside* the root: an absolute link target starts again
/// at the root, `..` stops at the root, and a chain of links longer than `maximumSymbolicLinkHops` is refused as a
/// loop. Nothing a probe reads can lie outside the root, whatever the links in the scanned image say, and however they
/// change while the scan runs (see `locate(hostPath:)`).
public struct SystemRoot: Sendable, Hashable, CustomStringConvertible {
  /// The root folder on the scanner's own filesystem, absolute, without a trailing slash except for `/` itself.
  public let path: String

  /// How many symbolic links one resolution may follow before it is refused as a loop (Linux's own limit).
  public static let maximumSymbolicLinkHops = 40

  /// The running system.
  public static let host = SystemRoot("/")

  /// A root at `path`; a relative path is taken from the current directory.
  public init(_ path: String) {
    var absolute = path
    if !absolute.hasPrefix("/") {
      absolute = FileManager.default.currentDirectoryPath + "/" + absolute
    }
    let components = absolute.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    var normalized: [String] = []
    for component in components {
      switch component {
      case ".": continue
      case "..": _ = normalized.popLast()
      default: normalized.append(component)
      }
    }
    self.path = "/" + normalized.joined(separator: "/")
  }

  /// Whether this is the running system's own root.
  public var isHostRoot: Bool { path == "/" }

  /// The root folder, as `path`.
  public var description: String { path }

  /// The file at `hostPath`, found one component at a time from the root folder's descriptor: each folder on the way is
  /// opened below the one before with `O_NOFOLLOW`, and each symbolic link is read and resolved here, inside the root.
  /// The result names the file as an entry of an open folder, so nothing a probe does with it goes through a path
  /// that could have been changed (a folder swapped for a link while the scan runs leads nowhere outside the root).
  /// - Parameters:
  ///   - hostPath: an absolute path on the scanned host, such as `/etc/docker/daemon.json`.
  ///   - followingLastLink: whether a link in the last component is followed (`stat`) or is the result (`lstat`).
  /// - Throws: `HostFileError` with kind `doesNotExist` when a component is missing or a non-final component is not
  ///   a folder, `unreadable` when a folder cannot be searched, a link cannot be read or links loop.
  func locate(hostPath: String, followingLastLink: Bool = true) throws(HostFileError) -> HostLocation {
    try walk(to: hostPath, followingLastLink: followingLastLink).location
  }

  /// The path on the scanned host that `hostPath` leads to, every link in it resolved inside the root.
  /// - Throws: `HostFileError` as `locate(hostPath:)` does.
  public func canonicalHostPath(of hostPath: String) throws(HostFileError) -> String {
    let names = try walk(to: hostPath, followingLastLink: true).names
    guard !names.isEmpty else { return "/" }
    return HostFileName.string(names.flatMap { [UInt8(ascii: "/")] + $0 })
  }

  /// The bytes of the regular file at `hostPath` on the scanned host.
  /// - Throws: `HostFileError`: `doesNotExist` for a missing file, `unreadable` with errno's reason for a file that
  ///   cannot be read, or for a folder, FIFO, socket or device (refused without blocking).
  public func contents(ofFileAtHostPath hostPath: String) throws(HostFileError) -> Data {
    switch try locate(hostPath: hostPath).openRegularFile(hostPath: hostPath) {
    case .opened(let file):
      return Data(try file.readAll(limit: Int.max))
    case .notRegular(let kind):
      throw HostFileError(hostPath: hostPath, kind: .unreadable, reason: "is \(kind), not a regular file")
    }
  }

  /// The entry `name` of `folder`, an open folder of this root, with links followed inside the root, and its `stat`;
  /// `hostPath` is the entry's path on the host. Resolves from `folder` itself while links stay below it (a walk over
  /// many links to neighbours, like a library folder's, opens nothing above them), from the root otherwise.
  /// - Throws: `HostFileError` as `locate(hostPath:)` does.
  func status(ofEntry name: String, in folder: HostFolder, hostPath: String) throws(HostFileError) -> (
    location: HostLocation, status: FileStatus
  ) {
    let location = try walk(to: hostPath, followingLastLink: true, from: (folder, HostFileName.bytes(name))).location
    return (location, try location.linkStatus(hostPath: hostPath))
  }

  /// Walks to `hostPath` with a stack of open folders (the last is the current one, the first the root), so that
  /// `..` returns to the folder the walk came from and stops at the root. A walk `from` a folder and a name in it
  /// starts with that folder alone, and starts again from the root when it must climb above it (its `names` are then
  /// relative to it, unless a link led back to the root).
  private func walk(
    to hostPath: String, followingLastLink: Bool, from start: (folder: HostFolder, name: [UInt8])? = nil
  ) throws(HostFileError) -> (location: HostLocation, names: [[UInt8]]) {
    guard hostPath.hasPrefix("/") else {
      throw HostFileError(hostPath: hostPath, kind: .unreadable, reason: "not an absolute path")
    }
    func openRoot() throws(HostFileError) -> HostFolder {
      let descriptor = open(path, palisade_open_path | O_DIRECTORY | O_CLOEXEC)
      guard descriptor >= 0 else { throw HostFileError(hostPath: hostPath, failedCall: HostCallError(code: errno)) }
      return HostFolder(descriptor: descriptor)
    }
    var folders: [HostFolder]
    // Components still to walk, the next one last, so that a link's target can be pushed in front of the rest.
    var pending: [[UInt8]]
    // Whether the first folder is the root (and not the folder a walk `from` started in).
    var isRooted = start == nil
    if let start {
      folders = [start.folder]
      pending = [start.name]
    } else {
      folders = [try openRoot()]
      pending = Self.components(HostFileName.bytes(hostPath)).reversed()
    }
    // The names of the folders opened below the first, for the canonical path.
    var names: [[UInt8]] = []
    var hops = 0
    func hop() throws(HostFileError) {
      hops += 1
      guard hops <= Self.maximumSymbolicLinkHops else {
        throw HostFileError(
          hostPath: hostPath, kind: .unreadable,
          reason: "too many levels of symbolic links (more than \(Self.maximumSymbolicLinkHops))")
      }
    }
    while let component = pending.popLast() {
      if component == Self.currentFolder { continue }
      if component == Self.parentFolder {
        // The parent of the root is the root, as in a chroot.
        if folders.count > 1 {
          folders.removeLast()
          names.removeLast()
        } else if !isRooted {
          return try walk(to: hostPath, followingLastLink: followingLastLink)
        }
        continue
      }
      let parent = folders[folders.count - 1]
      let isLast = pending.isEmpty
      if !isLast, let child = parent.folder(named: component) {
        folders.append(child)
        names.append(component)
        continue
      }
      // The last component, or one that is not (now) a folder: a link, another file, or nothing.
      let entry = HostLocation(folder: parent, name: component)
      let status = try entry.linkStatus(hostPath: hostPath)
      if status.isSymbolicLink && (!isLast || followingLastLink) {
        try hop()
        let target: [UInt8]
        switch entry.linkTarget() {
        case .success(let read): target = read
        case .failure(let error): throw HostFileError(hostPath: hostPath, failedCall: error)
        }
        guard !target.isEmpty else {
          throw HostFileError(hostPath: hostPath, kind: .doesNotExist, reason: "no such file or directory")
        }
        if target.first == UInt8(ascii: "/") {
          // An absolute target names a path on the scanned host: start again at the root.
          folders = [isRooted ? folders[0] : try openRoot()]
          isRooted = true
          names.removeAll()
        }
        pending.append(contentsOf: Self.components(target).reversed())
        continue
      }
      if isLast { return (entry, names + [component]) }
      if status.isDirectory {
        // A folder again since `openat` refused it (something is swapping it): try again, within the hop limit.
        try hop()
        pending.append(component)
        continue
      }
      // `file/x`, `file/.` and `file/..` all fail with ENOTDIR in the kernel: the host has no such path.
      throw HostFileError(hostPath: hostPath, kind: .doesNotExist, reason: "not a directory")
    }
    return (HostLocation(folder: folders[folders.count - 1], name: nil), names)
  }

  private static let currentFolder: [UInt8] = [UInt8(ascii: ".")]
  private static let parentFolder: [UInt8] = [UInt8(ascii: "."), UInt8(ascii: ".")]

  private static func components(_ path: [UInt8]) -> [[UInt8]] {
    path.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true).map(Array.init)
  }
}

/// Why a file on the scanned host could not be read; `hostPath` is the path on the host, as OVAL content names it.
public struct HostFileError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Whether the file is simply absent (an OVAL `does not exist`) or there but unreadable (an OVAL `error`).
  public enum Kind: Sendable, Equatable {
    /// A component of the path is missing, or is not a folder where one is needed.
    case doesNotExist
    /// The file or a folder on the way cannot be read, links loop, or the file is not a regular file.
    case unreadable
  }

  /// The path on the scanned host, such as `/etc/docker/daemon.json` (not the scanner's path below the root).
  public let hostPath: String
  /// Absent, or present but unreadable.
  public let kind: Kind
  /// errno's reason in lowercase, or what kind of file it is ("is a directory, not a regular file").
  public let reason: String

  /// An error about the file at `hostPath`.
  public init(hostPath: String, kind: Kind, reason: String) {
    self.hostPath = hostPath
    self.kind = kind
    self.reason = reason
  }

  /// The error of a failed call on the file at `hostPath`: `doesNotExist` for ENOENT and ENOTDIR.
  init(hostPath: String, failedCall error: HostCallError) {
    self.init(hostPath: hostPath, kind: error.meansAbsent ? .doesNotExist : .unreadable, reason: error.reason)
  }

  /// `/etc/docker/daemon.json: cannot read file: permission denied`.
  public var description: String { "\(HostFileName.visible(hostPath)): cannot read file: \(reason)" }
}

extension SystemRoot {
  /// The file at `hostPath` and its `lstat`: every folder on the way is resolved inside the root, the last component
  /// is not followed (a link is reported as a link).
  /// - Throws: `HostFileError` as `locate(hostPath:)` does.
  func linkStatus(ofHostPath hostPath: String) throws(HostFileError) -> (location: HostLocation, status: FileStatus) {
    try status(ofHostPath: hostPath, followingLastLink: false)
  }

  /// The file at `hostPath` and its `stat`, links resolved inside the root.
  /// - Throws: `HostFileError` as `locate(hostPath:)` does.
  func status(ofHostPath hostPath: String, followingLastLink: Bool = true) throws(HostFileError) -> (
    location: HostLocation, status: FileStatus
  ) {
    let location = try locate(hostPath: hostPath, followingLastLink: followingLastLink)
    return (location, try location.linkStatus(hostPath: hostPath))
  }

  /// The folder at `hostPath`, opened, links resolved inside the root.
  /// - Throws: `HostFileError` as `locate(hostPath:)` does, `doesNotExist` when it is not a folder.
  func folder(atHostPath hostPath: String) throws(HostFileError) -> HostFolder {
    switch try locate(hostPath: hostPath).openFolder() {
    case .success(let folder): return folder
    case .failure(let error):
      let absent = error.meansAbsent || error.code == ELOOP
      throw HostFileError(hostPath: hostPath, kind: absent ? .doesNotExist : .unreadable, reason: error.reason)
    }
  }

  /// The names in the folder at `hostPath` (without `.` and `..`), in the order the folder lists them.
  /// - Throws: `HostFileError` as `folder(atHostPath:)` does, `unreadable` when it cannot be listed.
  func entryNames(inFolderAtHostPath hostPath: String) throws(HostFileError) -> [String] {
    var names: [String] = []
    let problem = try folder(atHostPath: hostPath).forEachEntry { name, _ in
      names.append(HostFileName.string(cString: name))
    }
    if let problem { throw HostFileError(hostPath: hostPath, kind: .unreadable, reason: problem.reason) }
    return names
  }

  /// Opens the regular file at `hostPath` for reading, links resolved inside the root; nil when it is not a regular
  /// file (a folder, FIFO, socket or device is never opened for its content, so nothing blocks).
  /// - Throws: `HostFileError`: `doesNotExist` for a missing file, `unreadable` with errno's reason otherwise.
  func openRegularFile(atHostPath hostPath: String) throws(HostFileError) -> OpenedFile? {
    switch try locate(hostPath: hostPath).openRegularFile(hostPath: hostPath) {
    case .opened(let file): return file
    case .notRegular: return nil
    }
  }
}

/// A file opened for its content, or what kind of file it is instead.
enum OpenedContent {
  case opened(OpenedFile)
  /// "a directory", "a FIFO", ... (see `RegularFile.nonRegularKind`).
  case notRegular(String)
}

extension HostLocation {
  /// `lstat` of the entry; `hostPath` names it in errors.
  /// - Throws: `HostFileError` with errno's reason.
  func linkStatus(hostPath: String) throws(HostFileError) -> FileStatus {
    switch linkStatus() {
    case .success(let status): return status
    case .failure(let error): throw HostFileError(hostPath: hostPath, failedCall: error)
    }
  }

  /// The entry opened for reading when it is a regular file; `hostPath` names it in errors.
  /// - Throws: `HostFileError` when it cannot be opened.
  func openRegularFile(hostPath: String) throws(HostFileError) -> OpenedContent {
    let status = try linkStatus(hostPath: hostPath)
    if let kind = RegularFile.nonRegularKind(mode_t(status.mode)) { return .notRegular(kind) }
    // O_NOFOLLOW and O_NONBLOCK: a file swapped for a link or a FIFO since the check is refused, not followed or
    // waited on.
    let descriptor: Int32
    switch open(O_RDONLY | O_NONBLOCK | O_NOCTTY) {
    case .success(let opened): descriptor = opened
    case .failure(let error): throw HostFileError(hostPath: hostPath, failedCall: error)
    }
    var opened = stat()
    guard fstat(descriptor, &opened) == 0, RegularFile.nonRegularKind(opened.st_mode) == nil else {
      close(descriptor)
      return .notRegular(RegularFile.nonRegularKind(opened.st_mode) ?? "not a regular file")
    }
    return .opened(OpenedFile(descriptor: descriptor, hostPath: hostPath, size: Int64(opened.st_size)))
  }
}

/// A regular file opened for reading; closed when the value goes away.
final class OpenedFile {
  let descriptor: Int32
  let hostPath: String
  let size: Int64
  private var offset: Int64 = 0
  private var findsHoles = true
  /// Linux's SEEK_DATA, a GNU name that Glibc's Swift module leaves out.
  private static let seekData: Int32 = 3

  init(descriptor: Int32, hostPath: String, size: Int64) {
    self.descriptor = descriptor
    self.hostPath = hostPath
    self.size = size
  }

  deinit {
    close(descriptor)
  }

  /// Reads into `buffer` from the current offset, retrying on EINTR; 0 at the end of the file.
  ///
  /// The holes of a sparse file read as zeros, which are written here instead of read: the kernel would otherwise
  /// fill its page cache with zero pages, seconds for a sparse multi-gigabyte log.
  /// - Throws: `HostFileError` with errno's reason.
  func read(into buffer: UnsafeMutableRawBufferPointer) throws(HostFileError) -> Int {
    guard buffer.count > 0 else { return 0 }
    if findsHoles, let hole = holeLength() {
      let count = Int(min(Int64(buffer.count), hole))
      buffer.baseAddress.map { _ = memset($0, 0, count) }
      offset += Int64(count)
      _ = lseek(descriptor, off_t(offset), SEEK_SET)
      return count
    }
    while true {
      let count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
      if count >= 0 {
        offset += Int64(count)
        return count
      }
      if errno == EINTR { continue }
      throw HostFileError(hostPath: hostPath, kind: .unreadable, reason: errnoReason())
    }
  }

  /// Rewinds to the start of the file.
  func rewind() -> Bool {
    guard lseek(descriptor, 0, SEEK_SET) == 0 else { return false }
    offset = 0
    return true
  }

  /// How many bytes of hole start at the current offset; nil in data, or where the filesystem cannot say.
  private func holeLength() -> Int64? {
    let data = lseek(descriptor, off_t(offset), Self.seekData)
    if data < 0 {
      // ENXIO: no data after the offset, so a hole up to the end; anything else: holes cannot be found here.
      guard errno == ENXIO else {
        findsHoles = false
        return nil
      }
      _ = lseek(descriptor, off_t(offset), SEEK_SET)
      return offset < size ? size - offset : nil
    }
    if Int64(data) > offset { return Int64(data) - offset }
    _ = lseek(descriptor, off_t(offset), SEEK_SET)
    return nil
  }

  /// The whole rest of the file (for small files and formats that need all of it, such as XML).
  /// - Throws: `HostFileError` with errno's reason.
  func readAll(limit: Int) throws(HostFileError) -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(Int(min(size, Int64(limit))))
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    while bytes.count < limit {
      let count = try chunk.withUnsafeMutableBytes { buffer in
        Result { () throws(HostFileError) -> Int in try read(into: buffer) }
      }.get()
      if count == 0 { break }
      bytes.append(contentsOf: chunk[0..<count])
    }
    return bytes
  }
}
