import Foundation
import XMLSupport

/// One entry of a tar archive, as its headers describe it (POSIX ustar, with GNU long names and POSIX pax records
/// applied), and where its data lies in the archive file.
struct TarEntry: Sendable, Equatable {
  enum Kind: Sendable, Equatable {
    case regularFile, hardLink, symbolicLink, characterDevice, blockDevice, folder, fifo
    /// A type this reader does not unpack (GNU sparse files, vendor types), by its type flag.
    case unsupported(UInt8)
  }

  /// The entry's path as the archive spells it, in bytes (not normalised: see `TarPath`).
  let path: [UInt8]
  let kind: Kind
  /// The target of a link, in bytes.
  let linkTarget: [UInt8]
  /// The permission bits, set-id and sticky bits included.
  let mode: UInt32
  let userID: UInt32
  let groupID: UInt32
  /// Seconds since the epoch.
  let modificationTime: Int64
  /// The data's size in bytes.
  let size: Int64
  /// Where the data starts in the archive file.
  let dataOffset: Int64
}

/// Why an archive cannot be read; `archive` names it as messages should (`container web01's export`).
struct TarError: Error, Sendable, CustomStringConvertible {
  let archive: String
  /// Where in the archive, in bytes.
  let offset: Int64
  let reason: String

  var description: String { "\(archive): at byte \(offset): \(reason)" }
}

/// Reads the entries of a tar archive held in a file, one header at a time, without reading the entries' data: the
/// caller reads what it needs from `dataOffset` (`TarArchive.read(_:)`).
///
/// The archive may come from a hostile image: every number is bounded by the archive's own length, a header whose
/// checksum does not match ends the reading with an error, and names are kept as bytes.
struct TarArchive {
  /// The archive file, opened for reading (not owned).
  let descriptor: Int32
  /// Where the archive starts in the file (an image's layer inside a saved image) and how long it is.
  let start: Int64
  let length: Int64
  /// How messages name the archive.
  let name: String

  private static let blockSize: Int64 = 512
  /// The most bytes of GNU long-name or pax data accepted for one entry.
  private static let maximumExtendedHeaderSize: Int64 = 1 << 20

  /// Every entry, in archive order.
  /// - Throws: `TarError` for a truncated archive, a bad checksum, a malformed number or pax record.
  func entries() throws(TarError) -> [TarEntry] {
    var entries: [TarEntry] = []
    var offset: Int64 = 0
    var longName: [UInt8]?
    var longLink: [UInt8]?
    var pax: [String: [UInt8]] = [:]
    while offset + Self.blockSize <= length {
      let header = try bytes(at: offset, count: Int(Self.blockSize))
      if header.allSatisfy({ $0 == 0 }) { return entries }
      try checkChecksum(header, at: offset)
      let type = header[156]
      let isExtension = [UInt8(ascii: "L"), UInt8(ascii: "K"), UInt8(ascii: "x"), UInt8(ascii: "g")].contains(type)
      func paxNumber(_ key: String) -> Int64? {
        guard !isExtension else { return nil }
        return pax[key].flatMap { Int64(String(decoding: $0.prefix { $0 != UInt8(ascii: ".") }, as: UTF8.self)) }
      }
      let headerSize = try number(header[124..<136], at: offset, field: "size")
      let size = paxNumber("size") ?? headerSize
      let dataOffset = offset + Self.blockSize
      guard size >= 0, size <= length - dataOffset else {
        throw TarError(archive: name, offset: offset, reason: "an entry's data runs past the end of the archive")
      }
      offset = dataOffset + (size + Self.blockSize - 1) / Self.blockSize * Self.blockSize
      if isExtension {
        guard type != UInt8(ascii: "g") else {
          // Global pax records hold nothing a scan needs (comments, charset).
          continue
        }
        guard size <= Self.maximumExtendedHeaderSize else {
          throw TarError(archive: name, offset: dataOffset, reason: "an extended header is larger than 1 MiB")
        }
        let data = try bytes(at: dataOffset, count: Int(size))
        if type == UInt8(ascii: "x") {
          pax.merge(try Self.paxRecords(data, archive: name, at: dataOffset)) { $1 }
        } else {
          let value = Array(data.prefix { $0 != 0 })
          if type == UInt8(ascii: "L") { longName = value } else { longLink = value }
        }
        continue
      }
      var path = longName ?? Self.ustarName(header)
      if let paxPath = pax["path"] { path = paxPath }
      var linkTarget = longLink ?? Self.field(header[157..<257])
      if let paxLink = pax["linkpath"] { linkTarget = paxLink }
      let mode = try number(header[100..<108], at: offset, field: "mode")
      let userID = try number(header[108..<116], at: offset, field: "uid")
      let groupID = try number(header[116..<124], at: offset, field: "gid")
      let modificationTime = try number(header[136..<148], at: offset, field: "mtime")
      entries.append(
        TarEntry(
          path: path, kind: Self.kind(type), linkTarget: linkTarget, mode: UInt32(truncatingIfNeeded: mode & 0o7777),
          userID: UInt32(truncatingIfNeeded: paxNumber("uid") ?? userID),
          groupID: UInt32(truncatingIfNeeded: paxNumber("gid") ?? groupID),
          modificationTime: paxNumber("mtime") ?? modificationTime,
          size: Self.kind(type) == .regularFile ? size : 0, dataOffset: dataOffset))
      longName = nil
      longLink = nil
      pax = [:]
    }
    if offset < length {
      throw TarError(archive: name, offset: offset, reason: "the archive ends inside a header")
    }
    return entries
  }

  /// `count` bytes of the archive from `offset`.
  /// - Throws: `TarError` when the file is shorter or cannot be read.
  func bytes(at offset: Int64, count: Int) throws(TarError) -> [UInt8] {
    var buffer = [UInt8](repeating: 0, count: count)
    var done = 0
    while done < count {
      let read = buffer.withUnsafeMutableBytes { raw in
        pread(descriptor, raw.baseAddress.map { $0 + done }, count - done, off_t(start + offset + Int64(done)))
      }
      if read < 0 && errno == EINTR { continue }
      guard read > 0 else {
        let reason = read < 0 ? "cannot read the archive: \(errnoReason())" : "the archive ends early"
        throw TarError(archive: name, offset: offset + Int64(done), reason: reason)
      }
      done += read
    }
    return buffer
  }

  /// The data of `entry`, which must be small enough to hold in memory (a manifest).
  func data(of entry: TarEntry) throws(TarError) -> [UInt8] {
    try bytes(at: entry.dataOffset, count: Int(entry.size))
  }

  /// The unsigned checksum of the header, with its own field taken as spaces (POSIX ustar).
  private func checkChecksum(_ header: [UInt8], at offset: Int64) throws(TarError) {
    let stored = try number(header[148..<156], at: offset, field: "checksum")
    var sum: Int64 = 0
    for (index, byte) in header.enumerated() { sum += (148..<156).contains(index) ? 32 : Int64(byte) }
    guard stored == sum else {
      throw TarError(archive: name, offset: offset, reason: "a header's checksum does not match (not a tar archive?)")
    }
  }

  /// A numeric field: octal digits (with spaces or NULs around them), or GNU's base-256 form (high bit set).
  private func number(_ field: ArraySlice<UInt8>, at offset: Int64, field name: String) throws(TarError) -> Int64 {
    if let first = field.first, first & 0x80 != 0 {
      guard first & 0x40 == 0 else {
        throw TarError(archive: self.name, offset: offset, reason: "a negative \(name) field")
      }
      var value: Int64 = Int64(first & 0x3F)
      for byte in field.dropFirst() {
        guard value < Int64.max >> 8 else {
          throw TarError(archive: self.name, offset: offset, reason: "the \(name) field is too large")
        }
        value = value << 8 | Int64(byte)
      }
      return value
    }
    let digits = field.drop { $0 == 0x20 || $0 == 0 }.prefix { $0 != 0x20 && $0 != 0 }
    var value: Int64 = 0
    for digit in digits {
      guard (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(digit), value < Int64.max >> 3 else {
        throw TarError(archive: self.name, offset: offset, reason: "the \(name) field is not an octal number")
      }
      value = value << 3 | Int64(digit - UInt8(ascii: "0"))
    }
    return value
  }

  /// `prefix/name` of a ustar header, or its name alone.
  private static func ustarName(_ header: [UInt8]) -> [UInt8] {
    let name = field(header[0..<100])
    let isUstar = header[257..<262].elementsEqual("ustar".utf8)
    let prefix = isUstar ? field(header[345..<500]) : []
    return prefix.isEmpty ? name : prefix + [UInt8(ascii: "/")] + name
  }

  private static func field(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
    Array(bytes.prefix { $0 != 0 })
  }

  private static func kind(_ type: UInt8) -> TarEntry.Kind {
    switch type {
    case 0, UInt8(ascii: "0"), UInt8(ascii: "7"): .regularFile
    case UInt8(ascii: "1"): .hardLink
    case UInt8(ascii: "2"): .symbolicLink
    case UInt8(ascii: "3"): .characterDevice
    case UInt8(ascii: "4"): .blockDevice
    case UInt8(ascii: "5"): .folder
    case UInt8(ascii: "6"): .fifo
    default: .unsupported(type)
    }
  }

  /// The records of a pax extended header: `LENGTH key=value\n`, LENGTH counting the whole record.
  static func paxRecords(_ data: [UInt8], archive: String, at offset: Int64) throws(TarError) -> [String: [UInt8]] {
    var records: [String: [UInt8]] = [:]
    var index = 0
    while index < data.count, data[index] != 0 {
      guard let space = data[index...].firstIndex(of: UInt8(ascii: " ")),
        let length = Int(String(decoding: data[index..<space], as: UTF8.self)), length > space - index + 2,
        index + length <= data.count, data[index + length - 1] == UInt8(ascii: "\n"),
        let equals = data[(space + 1)..<(index + length)].firstIndex(of: UInt8(ascii: "="))
      else {
        throw TarError(archive: archive, offset: offset + Int64(index), reason: "a malformed pax record")
      }
      let key = String(decoding: data[(space + 1)..<equals], as: UTF8.self)
      records[key] = Array(data[(equals + 1)..<(index + length - 1)])
      index += length
    }
    return records
  }
}
