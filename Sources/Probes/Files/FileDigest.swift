import XMLSupport

/// The message digests of filehash and filehash58 (OVAL 5.11.2 independent schema, HashTypeEnumeration), computed
/// while the file streams past, through libcrypto (`MessageDigest`).
enum FileDigest {
  /// Lowercase hexadecimal digests of the file's contents, one per algorithm, reading the file once.
  /// - Throws: `HostFileError` for a read error, `DigestError` when libcrypto refuses an algorithm (a FIPS build
  ///   refuses MD5).
  static func digests(of file: OpenedFile, _ algorithms: [DigestAlgorithm]) throws -> [DigestAlgorithm: String] {
    let digests = try algorithms.map { try MessageDigest($0) }
    var buffer = [UInt8](repeating: 0, count: 256 * 1024)
    while true {
      let count = try buffer.withUnsafeMutableBytes { try file.read(into: $0) }
      if count == 0 { break }
      for digest in digests {
        try buffer.withUnsafeBytes { try digest.update(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
      }
    }
    var results: [DigestAlgorithm: String] = [:]
    for digest in digests { results[digest.algorithm] = MessageDigest.hexadecimal(try digest.finish()) }
    return results
  }
}
