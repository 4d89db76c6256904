import Foundation
import XMLSupport

/// The root of the host being scanned: `/` for the running system, or a folder that holds a mounted image, a chroot
/// or a test's fake host (`--root DIR`).
///
/// Probes name files by their path on the scanned host (`/etc/docker/daemon.json`) and read them through the root,
/// which resolves every symbolic link one component at a time *inside* the root: an absolute link target starts again
/// at the root, `..` stops at the root, and a chain of links longer than `maximumSymbolicLinkHops` is refused as a
/// loop. Nothing a probe reads can lie outside the root, whatever the links in the scanned image say.
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

  /// The path on the scanner's filesystem of the host file at `hostPath`, with every symbolic link resolved inside
  /// the root; the result never contains a symbolic link when this returns (the file may still change afterwards).
  /// - Parameter hostPath: an absolute path on the scanned host, such as `/etc/docker/daemon.json`.
  /// - Throws: `HostFileError` with kind `doesNotExist` when a component is missing or a non-final component is not
  ///   a folder, `unreadable` when a folder cannot be searched, a link cannot be read or links loop.
  public func resolve(hostPath: String) throws(HostFileError) -> String {
    guard hostPath.hasPrefix("/") else {
      throw HostFileError(hostPath: hostPath, kind: .unreadable, reason: "not an absolute path")
    }
    // Components still to walk, the next one last, so that a link's target can be pushed in front of the rest.
    var pending = Array(hostPath.split(separator: "/", omittingEmptySubsequences: true).map(String.init).reversed())
    var resolved: [String] = []
    var hops = 0
    while let component = pending.popLast() {
      switch component {
      case ".":
        continue
      case "..":
        // The parent of the root is the root, as in a chroot.
        _ = resolved.popLast()
        continue
      default:
        break
      }
      let candidate = scannerPath(of: resolved + [component])
      var status = stat()
      guard lstat(candidate, &status) == 0 else {
        let code = errno
        if code == ENOENT || code == ENOTDIR {
          throw HostFileError(hostPath: hostPath, kind: .doesNotExist, reason: "no such file or directory")
        }
        throw HostFileError(hostPath: hostPath, kind: .unreadable, reason: Self.reason(for: code))
      }
      let kind = status.st_mode & S_IFMT
      if kind == S_IFLNK {
        hops += 1
        guard hops <= Self.maximumSymbolicLinkHops else {
          throw HostFileError(
            hostPath: hostPath, kind: .unreadable,
            reason: "too many levels of symbolic links (more than \(Self.maximumSymbolicLinkHops))")
        }
        let target = try Self.linkTarget(candidate, hostPath: hostPath)
        if target.hasPrefix("/") {
          // An absolute target names a path on the scanned host: start again at the root.
          resolved.removeAll()
        }
        pending.append(
          contentsOf: target.split(separator: "/", omittingEmptySubsequences: true).map(String.init).reversed())
        continue
      }
      if kind != S_IFDIR && !pending.isEmpty {
        // `file/x`, `file/.` and `file/..` all fail with ENOTDIR in the kernel: the host has no such path.
        throw HostFileError(hostPath: hostPath, kind: .doesNotExist, reason: "not a directory")
      }
      resolved.append(component)
    }
    return scannerPath(of: resolved)
  }

  /// The bytes of the regular file at `hostPath` on the scanned host.
  /// - Throws: `HostFileError`: `doesNotExist` for a missing file, `unreadable` with errno's reason for a file that
  ///   cannot be read, or for a folder, FIFO, socket or device (refused without blocking).
  public func contents(ofFileAtHostPath hostPath: String) throws(HostFileError) -> Data {
    let scannerPath = try resolve(hostPath: hostPath)
    do {
      return try RegularFile.contents(atPath: scannerPath)
    } catch {
      throw HostFileError(hostPath: hostPath, kind: .unreadable, reason: error.reason)
    }
  }

  private func scannerPath(of components: [String]) -> String {
    let relative = components.joined(separator: "/")
    if relative.isEmpty { return path }
    return isHostRoot ? "/" + relative : path + "/" + relative
  }

  private static func linkTarget(_ path: String, hostPath: String) throws(HostFileError) -> String {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let count = readlink(path, &buffer, buffer.count - 1)
    guard count >= 0 else {
      throw HostFileError(hostPath: hostPath, kind: .unreadable, reason: reason(for: errno))
    }
    return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  private static func reason(for code: Int32) -> String {
    String(cString: strerror(code)).lowercased()
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

  /// `/etc/docker/daemon.json: cannot read file: permission denied`.
  public var description: String { "\(hostPath): cannot read file: \(reason)" }
}

extension SystemRoot {
  /// The scanner's path and `lstat` of the host file at `hostPath`: every folder on the way is resolved inside the
  /// root, the last component is not followed (a link is reported as a link).
  /// - Throws: `HostFileError` as `resolve(hostPath:)` does, or `doesNotExist` when the last component is missing.
  func linkStatus(ofHostPath hostPath: String) throws(HostFileError) -> (scannerPath: String, status: FileStatus) {
    var trimmed = hostPath
    while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
    let target = FileTarget(filepath: trimmed)
    guard !target.filename.isEmpty, target.filename != ".", target.filename != ".." else {
      let scannerPath = try resolve(hostPath: trimmed)
      guard let status = FileStatus.linkStatus(atScannerPath: scannerPath) else {
        throw HostFileError(hostPath: hostPath, kind: .doesNotExist, reason: "no such file or directory")
      }
      return (scannerPath, status)
    }
    let folder = try resolve(hostPath: target.path.isEmpty ? "/" : target.path)
    let scannerPath = folder == "/" ? "/" + target.filename : folder + "/" + target.filename
    var status = stat()
    guard lstat(scannerPath, &status) == 0 else {
      let code = errno
      let kind: HostFileError.Kind = code == ENOENT || code == ENOTDIR ? .doesNotExist : .unreadable
      throw HostFileError(hostPath: hostPath, kind: kind, reason: errnoReason(code))
    }
    return (scannerPath, FileStatus(status))
  }

  /// Opens the regular file at `hostPath` for reading, links resolved inside the root; nil when it is not a regular
  /// file (a folder, FIFO, socket or device is never opened for its content, so nothing blocks).
  /// - Throws: `HostFileError`: `doesNotExist` for a missing file, `unreadable` with errno's reason otherwise.
  func openRegularFile(atHostPath hostPath: String) throws(HostFileError) -> OpenedFile? {
    let scannerPath = try resolve(hostPath: hostPath)
    var status = stat()
    guard stat(scannerPath, &status) == 0 else {
      throw HostFileError(hostPath: hostPath, kind: .doesNotExist, reason: errnoReason())
    }
    guard status.st_mode & S_IFMT == S_IFREG else { return nil }
    // O_NOFOLLOW and O_NONBLOCK: a file swapped for a link or a FIFO since the check is refused, not followed or
    // waited on.
    let descriptor = open(scannerPath, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY)
    guard descriptor >= 0 else {
      throw HostFileError(hostPath: hostPath, kind: .unreadable, reason: errnoReason())
    }
    var opened = stat()
    guard fstat(descriptor, &opened) == 0, opened.st_mode & S_IFMT == S_IFREG else {
      close(descriptor)
      return nil
    }
    return OpenedFile(descriptor: descriptor, hostPath: hostPath, size: Int64(opened.st_size))
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

extension SystemRoot {
  /// The host path of a path on the scanner's filesystem below this root: `/mnt/image/etc/x` is `/etc/x`.
  func hostPath(of scannerPath: String) -> String {
    if isHostRoot { return scannerPath }
    guard scannerPath.hasPrefix(path) else { return scannerPath }
    let rest = String(scannerPath.dropFirst(path.count))
    return rest.isEmpty ? "/" : rest
  }
}
