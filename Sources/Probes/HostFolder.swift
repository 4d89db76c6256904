internal import CLinux
import Foundation
import XMLSupport

/// A folder of the scanned host, held open as an `O_PATH` descriptor. What lies below it is reached through this
/// descriptor (`openat`, `fstatat`, `readlinkat` with `O_NOFOLLOW`), never through a path string that the kernel would
/// resolve again: a folder swapped for a symbolic link after it was opened cannot redirect a read outside the root.
final class HostFolder: Sendable {
  let descriptor: Int32

  /// Takes ownership of `descriptor`.
  init(descriptor: Int32) {
    self.descriptor = descriptor
  }

  deinit {
    close(descriptor)
  }

  /// The folder named `name` in this one, not following a link; nil with errno set when it is not a folder (now).
  func folder(named name: [UInt8]) -> HostFolder? {
    let descriptor = withName(name) {
      openat(self.descriptor, $0, palisade_open_path | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
    }
    return descriptor >= 0 ? HostFolder(descriptor: descriptor) : nil
  }

  /// `fstat` of the folder itself.
  func status() -> FileStatus? {
    var status = stat()
    return fstat(descriptor, &status) == 0 ? FileStatus(status) : nil
  }

  /// Calls `body` with the NUL-terminated `name`.
  func withName<Result>(_ name: [UInt8], _ body: (UnsafePointer<CChar>) -> Result) -> Result {
    // swift-format-ignore: NeverForceUnwrap
    // The buffer of a non-empty array has a base address.
    (name + [0]).withUnsafeBufferPointer { bytes in
      bytes.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) }
    }
  }
}

/// A file of the scanned host as a name in an open folder (or an open folder itself, `name` nil), found by
/// `SystemRoot.locate`. Every operation acts on that entry without following a link in its place.
struct HostLocation: Sendable {
  let folder: HostFolder
  /// The entry's name in `folder`, as bytes; nil for `folder` itself.
  let name: [UInt8]?

  /// The entry `name` of `folder`.
  init(folder: HostFolder, name: [UInt8]?) {
    self.folder = folder
    self.name = name
  }

  /// The entry named by a String from a listing or a host path (see `HostFileName`).
  init(folder: HostFolder, name: String) {
    self.init(folder: folder, name: HostFileName.bytes(name))
  }

  /// `lstat` of the entry (a link is reported as a link); errno's code when it fails.
  func linkStatus() -> Result<FileStatus, HostCallError> {
    var status = stat()
    let outcome: Int32
    if let name {
      outcome = folder.withName(name) { fstatat(folder.descriptor, $0, &status, AT_SYMLINK_NOFOLLOW) }
    } else {
      outcome = fstat(folder.descriptor, &status)
    }
    return outcome == 0 ? .success(FileStatus(status)) : .failure(HostCallError(code: errno))
  }

  /// Opens the entry with `flags` (plus `O_NOFOLLOW` and `O_CLOEXEC`): a link in its place is refused (ELOOP).
  func open(_ flags: Int32) -> Result<Int32, HostCallError> {
    let descriptor = folder.withName(name ?? Array(".".utf8)) {
      openat(folder.descriptor, $0, flags | O_NOFOLLOW | O_CLOEXEC)
    }
    return descriptor >= 0 ? .success(descriptor) : .failure(HostCallError(code: errno))
  }

  /// The entry opened as a folder (not following a link), for listing or for walking below it.
  func openFolder() -> Result<HostFolder, HostCallError> {
    guard let name else { return .success(folder) }
    if let opened = folder.folder(named: name) { return .success(opened) }
    return .failure(HostCallError(code: errno))
  }

  /// The target of the entry, which must be a symbolic link, as bytes.
  func linkTarget() -> Result<[UInt8], HostCallError> {
    var buffer = [UInt8](repeating: 0, count: Int(PATH_MAX) + 1)
    // swift-format-ignore: NeverForceUnwrap
    // The buffer holds PATH_MAX + 1 bytes, so it has a base address.
    let count = folder.withName(name ?? []) { name in
      buffer.withUnsafeMutableBufferPointer { target in
        target.withMemoryRebound(to: CChar.self) { readlinkat(folder.descriptor, name, $0.baseAddress!, $0.count - 1) }
      }
    }
    return count >= 0 ? .success(Array(buffer.prefix(count))) : .failure(HostCallError(code: errno))
  }

  /// The value of the extended attribute `attribute` of the entry (of a link itself, not its target); nil when it has
  /// none or it cannot be read.
  func extendedAttribute(_ attribute: String) -> [UInt8]? {
    guard case .success(let size) = extendedAttributeSize(attribute) else { return nil }
    var buffer = [UInt8](repeating: 0, count: max(size, 1))
    let count = withPath { path in lgetxattr(path, attribute, &buffer, buffer.count) }
    return count >= 0 ? Array(buffer.prefix(count)) : nil
  }

  /// The size of the extended attribute `attribute` of the entry (of a link itself, not its target).
  func extendedAttributeSize(_ attribute: String) -> Result<Int, HostCallError> {
    let size = withPath { path in lgetxattr(path, attribute, nil, 0) }
    return size >= 0 ? .success(size) : .failure(HostCallError(code: errno))
  }

  /// `statvfs` of the filesystem that holds the entry; nil when it cannot be read.
  func fileSystemStatus() -> statvfs? {
    var status = statvfs()
    return withPath { statvfs($0, &status) } == 0 ? status : nil
  }

  /// Calls `body` with a path to the entry for the calls that Linux has no *at form of (getxattr, statvfs): the entry
  /// is named below the open folder's /proc/self/fd link, which the kernel resolves to that folder itself (not to a
  /// path that could have changed).
  private func withPath<Result>(_ body: (UnsafePointer<CChar>) -> Result) -> Result {
    var path = Array("/proc/self/fd/\(folder.descriptor)".utf8)
    if let name { path += [UInt8(ascii: "/")] + name }
    return folder.withName(path, body)
  }
}

/// A failed system call on the scanned host: errno's code.
struct HostCallError: Error, Sendable {
  let code: Int32

  /// ENOENT and ENOTDIR: a component is missing, or is not a folder where one is needed.
  var meansAbsent: Bool { code == ENOENT || code == ENOTDIR }

  /// errno's reason in lowercase.
  var reason: String { errnoReason(code) }
}

extension HostFolder {
  /// Calls `body` with the name of each entry (without `.` and `..`, NUL-terminated) and a descriptor of the folder
  /// opened for reading, for `fstatat` relative to it; nil, or why the folder could not be read.
  func forEachEntry(_ body: (UnsafePointer<CChar>, Int32) -> Void) -> HostCallError? {
    let listed = openat(descriptor, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NONBLOCK)
    guard listed >= 0 else { return HostCallError(code: errno) }
    guard let stream = fdopendir(listed) else {
      let error = HostCallError(code: errno)
      close(listed)
      return error
    }
    defer { closedir(stream) }
    while let entry = readdir(stream) {
      withUnsafeMutablePointer(to: &entry.pointee.d_name) { tuple in
        tuple.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { raw in
          if raw[0] == 0x2E && (raw[1] == 0 || (raw[1] == 0x2E && raw[2] == 0)) { return }
          body(raw, listed)
        }
      }
    }
    return nil
  }
}
