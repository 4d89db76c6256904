import Foundation

/// Tar archives built byte by byte, so that tests can hold what `tar` itself would never write: `..` paths, device
/// nodes, links out of the tree, whiteouts, bad checksums.
struct TarBuilder {
  private(set) var bytes: [UInt8] = []

  /// Appends one entry with a POSIX ustar header.
  /// - Parameters:
  ///   - type: the type flag (`0` file, `1` hard link, `2` symbolic link, `3`/`4` devices, `5` folder, `x` pax, `L`
  ///     GNU long name).
  mutating func add(
    _ path: String, type: Character = "0", data: [UInt8] = [], link: String = "", mode: Int = 0o644, user: Int = 0,
    group: Int = 0, modified: Int = 1_600_000_000
  ) {
    var header = [UInt8](repeating: 0, count: 512)
    func put(_ text: String, at offset: Int, width: Int) {
      for (index, byte) in text.utf8.prefix(width).enumerated() { header[offset + index] = byte }
    }
    func octal(_ value: Int, at offset: Int, width: Int) {
      put(String(format: "%0\(width - 1)o", value), at: offset, width: width - 1)
    }
    put(path, at: 0, width: 100)
    octal(mode, at: 100, width: 8)
    octal(user, at: 108, width: 8)
    octal(group, at: 116, width: 8)
    octal(data.count, at: 124, width: 12)
    octal(modified, at: 136, width: 12)
    put(String(type), at: 156, width: 1)
    put(link, at: 157, width: 100)
    put("ustar", at: 257, width: 6)
    put("00", at: 263, width: 2)
    put("        ", at: 148, width: 8)
    let sum = header.reduce(0) { $0 + Int($1) }
    put(String(format: "%06o", sum), at: 148, width: 6)
    header[154] = 0
    header[155] = 0x20
    bytes += header + data + [UInt8](repeating: 0, count: (512 - data.count % 512) % 512)
  }

  /// Appends a pax extended header whose records apply to the next entry.
  mutating func addPAX(_ records: [(String, String)]) {
    var data: [UInt8] = []
    for (key, value) in records {
      let body = " \(key)=\(value)\n"
      var length = body.utf8.count + 1
      while String(length).count + body.utf8.count != length { length = String(length).count + body.utf8.count }
      data += Array("\(length)\(body)".utf8)
    }
    add("PaxHeader", type: "x", data: data)
  }

  /// The archive with its two closing zero blocks.
  var archive: [UInt8] { bytes + [UInt8](repeating: 0, count: 1024) }

  /// Writes the archive to a file in `folder` and opens it.
  func written(in folder: URL, name: String = "archive.tar") throws -> (descriptor: Int32, length: Int64) {
    let url = folder.appendingPathComponent(name)
    try Data(archive).write(to: url)
    return (open(url.path, O_RDONLY | O_CLOEXEC), Int64(archive.count))
  }
}
