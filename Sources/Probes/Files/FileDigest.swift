internal import CLibCrypto
import Foundation

/// The message digests of filehash and filehash58 (OVAL 5.11.2 independent schema, HashTypeEnumeration), computed
/// while the file streams past.
///
/// OpenSSL's libcrypto (the EVP interface, through the `CLibCrypto` system library and the libssl-dev package)
/// rather than swift-crypto: libcrypto is on every host that has OpenSCAP, it has SHA-224 (which swift-crypto does
/// not), its digests are the ones FIPS-validated builds certify, and it adds no build-time dependency to the package.
enum FileDigest: String, CaseIterable, Sendable {
  case md5 = "MD5"
  case sha1 = "SHA-1"
  case sha224 = "SHA-224"
  case sha256 = "SHA-256"
  case sha384 = "SHA-384"
  case sha512 = "SHA-512"

  private var algorithm: OpaquePointer? {
    switch self {
    case .md5: EVP_md5()
    case .sha1: EVP_sha1()
    case .sha224: EVP_sha224()
    case .sha256: EVP_sha256()
    case .sha384: EVP_sha384()
    case .sha512: EVP_sha512()
    }
  }

  /// Lowercase hexadecimal digests of the file's contents, one per algorithm, reading the file once.
  /// - Throws: `HostFileError` for a read error, `DigestError` when libcrypto refuses an algorithm (a FIPS build
  ///   refuses MD5).
  static func digests(of file: OpenedFile, _ algorithms: [FileDigest]) throws -> [FileDigest: String] {
    var contexts: [(FileDigest, OpaquePointer)] = []
    defer { for (_, context) in contexts { EVP_MD_CTX_free(context) } }
    for algorithm in algorithms {
      guard let context = EVP_MD_CTX_new() else { throw DigestError(algorithm: algorithm) }
      contexts.append((algorithm, context))
      guard EVP_DigestInit_ex(context, algorithm.algorithm, nil) == 1 else { throw DigestError(algorithm: algorithm) }
    }
    var buffer = [UInt8](repeating: 0, count: 256 * 1024)
    while true {
      let count = try buffer.withUnsafeMutableBytes { try file.read(into: $0) }
      if count == 0 { break }
      for (algorithm, context) in contexts {
        let updated = buffer.withUnsafeBytes { EVP_DigestUpdate(context, $0.baseAddress, count) }
        guard updated == 1 else { throw DigestError(algorithm: algorithm) }
      }
    }
    var digests: [FileDigest: String] = [:]
    for (algorithm, context) in contexts {
      var digest = [UInt8](repeating: 0, count: 64)
      var length: UInt32 = 0
      guard EVP_DigestFinal_ex(context, &digest, &length) == 1 else { throw DigestError(algorithm: algorithm) }
      digests[algorithm] = digest.prefix(Int(length)).map { String(format: "%02x", $0) }.joined()
    }
    return digests
  }
}

/// libcrypto could not compute a digest.
struct DigestError: Error, CustomStringConvertible {
  let algorithm: FileDigest
  var description: String { "unable to compute the \(algorithm.rawValue) hash" }
}
