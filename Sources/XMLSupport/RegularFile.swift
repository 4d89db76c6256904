public import Foundation

/// Why a file could not be read, in the words a user needs ("no such file or directory", "is a FIFO").
public typealias FileReadError = PathError<FileReading>

/// Reading a file, the operation of a `FileReadError`.
public enum FileReading: PathOperation {
  public static let failure = "cannot read file"
}

/// Reads whole regular files with POSIX calls, so that errors carry errno's reason and nothing blocks on a FIFO,
/// socket or device: those are refused after an `fstat` of a descriptor opened without blocking.
public enum RegularFile {
  /// The bytes of the regular file at `path`.
  /// - Throws: `FileReadError` for a missing or unreadable file, a directory, or anything but a regular file.
  public static func contents(atPath path: String) throws(FileReadError) -> Data {
    let (descriptor, status) = try openRegular(atPath: path)
    defer { close(descriptor) }
    var data = Data()
    data.reserveCapacity(Int(status.st_size))
    var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw FileReadError(path: path, reason: errnoReason())
      }
      if count == 0 { break }
      data.append(contentsOf: buffer[0..<count])
    }
    return data
  }

  /// The bytes of the regular file at `path`, mapped into memory rather than read: only the pages looked at are
  /// read (a file of many megabytes read for a few values). Files Palisade writes are replaced by renaming, never
  /// changed in place, so the mapping stays valid while it is used.
  /// - Throws: `FileReadError` as `contents(atPath:)` does.
  public static func mappedContents(atPath path: String) throws(FileReadError) -> Data {
    let (descriptor, status) = try openRegular(atPath: path)
    defer { close(descriptor) }
    let size = Int(status.st_size)
    guard size > 0 else { return Data() }
    guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else {
      throw FileReadError(path: path, reason: errnoReason())
    }
    return Data(bytesNoCopy: address, count: size, deallocator: .custom { address, size in munmap(address, size) })
  }

  /// Opens the regular file at `path` for reading, with its status.
  private static func openRegular(atPath path: String) throws(FileReadError) -> (Int32, stat) {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
    guard descriptor >= 0 else {
      let code = errno
      // open(2) refuses a socket with ENXIO ("no such device or address"); say what the file is instead.
      var status = stat()
      if code == ENXIO, stat(path, &status) == 0, let kind = nonRegularKind(status.st_mode) {
        throw FileReadError(path: path, reason: "is \(kind), not a regular file")
      }
      throw FileReadError(path: path, reason: errnoReason(code))
    }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else {
      let reason = errnoReason()
      close(descriptor)
      throw FileReadError(path: path, reason: reason)
    }
    if let kind = nonRegularKind(status.st_mode) {
      close(descriptor)
      throw FileReadError(path: path, reason: "is \(kind), not a regular file")
    }
    return (descriptor, status)
  }

  /// "a directory", "a FIFO", ... for anything that is not a regular file; nil for a regular file.
  public static func nonRegularKind(_ mode: mode_t) -> String? {
    switch mode & S_IFMT {
    case S_IFREG: nil
    case S_IFDIR: "a directory"
    case S_IFIFO: "a FIFO"
    case S_IFSOCK: "a socket"
    case S_IFCHR: "a character device"
    case S_IFBLK: "a block device"
    case S_IFLNK: "a symbolic link"
    default: "not a regular file"
    }
  }
}
