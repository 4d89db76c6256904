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
