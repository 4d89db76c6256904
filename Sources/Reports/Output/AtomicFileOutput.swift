import Foundation
public import XMLSupport

/// Writes a result file so that readers only ever see the whole of it: the text goes to a temporary file in the
/// same folder (mode 0640, since results describe the host), which is synced and renamed over the final name
/// by `commit()`. A failed write removes the temporary file and leaves any earlier file of that name untouched.
public struct AtomicFileOutput: XMLOutput {
  public let path: String
  private let temporaryPath: String
  private var descriptor: Int32
  private var buffer: [UInt8] = []
  private static let bufferLimit = 256 * 1024

  /// Creates the temporary file beside `path`.
  /// - Throws: `OutputError` naming the folder when it cannot be written.
  public init(path: String) throws(OutputError) {
    self.path = path
    let url = URL(fileURLWithPath: path)
    var template = Array(
      url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).XXXXXX").path.utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { buffer in
      buffer.baseAddress.map { mkstemp($0) } ?? -1
    }
    guard descriptor >= 0 else { throw OutputError(path: path, reason: errnoReason()) }
    temporaryPath = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    self.descriptor = descriptor
    guard fchmod(descriptor, 0o640) == 0 else {
      let reason = errnoReason()
      close(descriptor)
      unlink(temporaryPath)
      throw OutputError(path: path, reason: reason)
    }
  }

  public mutating func write(_ text: String) throws {
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= Self.bufferLimit { try flush() }
  }

  /// Finishes the file: flushes, syncs and renames it into place, then syncs the folder.
  /// - Throws: `OutputError`; the temporary file is removed and the final name is left as it was.
  public mutating func commit() throws(OutputError) {
    do throws(OutputError) {
      try flush()
      guard fsync(descriptor) == 0 else { throw OutputError(path: path, reason: errnoReason()) }
      guard close(descriptor) == 0 else {
        descriptor = -1
        throw OutputError(path: path, reason: errnoReason())
      }
      descriptor = -1
      guard rename(temporaryPath, path) == 0 else { throw OutputError(path: path, reason: errnoReason()) }
      Self.syncFolder(of: path)
    } catch {
      discard()
      throw error
    }
  }

  /// Abandons the file: closes and removes the temporary file.
  public mutating func discard() {
    if descriptor >= 0 {
      close(descriptor)
      descriptor = -1
    }
    unlink(temporaryPath)
  }

  private mutating func flush() throws(OutputError) {
    var offset = 0
    while offset < buffer.count {
      let written = buffer[offset...].withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
      if written < 0 {
        if errno == EINTR { continue }
        throw OutputError(path: path, reason: errnoReason())
      }
      offset += written
    }
    buffer.removeAll(keepingCapacity: true)
  }

  private static func syncFolder(of path: String) {
    let folder = open(URL(fileURLWithPath: path).deletingLastPathComponent().path, O_RDONLY | O_DIRECTORY)
    if folder >= 0 {
      fsync(folder)
      close(folder)
    }
  }
}

/// A result file that could not be written.
public typealias OutputError = PathError<ResultWriting>

/// Writing a result file (or its folder), the operation of an `OutputError`.
public enum ResultWriting: PathOperation {
  public static let failure = "cannot write result"
}

extension AtomicFileOutput {
  /// Writes an XML document to `path` through a writer on an atomic output: committed when `body` finishes,
  /// discarded (leaving any earlier file untouched) when it throws.
  public static func writeDocument(to path: String, _ body: (inout XMLWriter<AtomicFileOutput>) throws -> Void) throws {
    var writer = XMLWriter(output: try AtomicFileOutput(path: path))
    do {
      try body(&writer)
    } catch {
      var abandoned = writer.output
      abandoned.discard()
      throw error
    }
    var finished = writer.output
    try finished.commit()
  }
}
