internal import CLibCrypto

/// The message digests Palisade computes: filehash and filehash58's (OVAL 5.11.2 independent schema,
/// HashTypeEnumeration), and SHA-256 for report checksums and name-based uuids.
public enum DigestAlgorithm: String, CaseIterable, Sendable {
  case md5 = "MD5"
  case sha1 = "SHA-1"
  case sha224 = "SHA-224"
  case sha256 = "SHA-256"
  case sha384 = "SHA-384"
  case sha512 = "SHA-512"

  fileprivate var evp: OpaquePointer? {
    switch self {
    case .md5: EVP_md5()
    case .sha1: EVP_sha1()
    case .sha224: EVP_sha224()
    case .sha256: EVP_sha256()
    case .sha384: EVP_sha384()
    case .sha512: EVP_sha512()
    }
  }
}

/// One digest being computed, fed in pieces, through OpenSSL's libcrypto (the EVP interface, through the
/// `CLibCrypto` system library and the libssl-dev package).
///
/// libcrypto rather than swift-crypto or code of our own: it is on every host that has OpenSCAP, it has SHA-224
/// (which swift-crypto does not), its digests are the ones FIPS-validated builds certify, and it adds no build-time
/// dependency to the package.
public final class MessageDigest {
  public let algorithm: DigestAlgorithm
  private let context: OpaquePointer

  /// - Throws: `DigestError` when libcrypto refuses the algorithm (a FIPS build refuses MD5).
  public init(_ algorithm: DigestAlgorithm) throws(DigestError) {
    guard let context = EVP_MD_CTX_new() else { throw DigestError(algorithm: algorithm) }
    guard EVP_DigestInit_ex(context, algorithm.evp, nil) == 1 else {
      EVP_MD_CTX_free(context)
      throw DigestError(algorithm: algorithm)
    }
    self.algorithm = algorithm
    self.context = context
  }

  deinit {
    EVP_MD_CTX_free(context)
  }

  /// Adds `bytes` to the message.
  public func update(_ bytes: UnsafeRawBufferPointer) throws(DigestError) {
    guard EVP_DigestUpdate(context, bytes.baseAddress, bytes.count) == 1 else {
      throw DigestError(algorithm: algorithm)
    }
  }

  /// The digest of everything added.
  public func finish() throws(DigestError) -> [UInt8] {
    var digest = [UInt8](repeating: 0, count: 64)
    var length: UInt32 = 0
    guard EVP_DigestFinal_ex(context, &digest, &length) == 1 else { throw DigestError(algorithm: algorithm) }
    return Array(digest.prefix(Int(length)))
  }

  /// The digest of `message` in one step.
  public static func digest(of message: [UInt8], _ algorithm: DigestAlgorithm) throws(DigestError) -> [UInt8] {
    let digest = try MessageDigest(algorithm)
    do {
      try message.withUnsafeBytes { bytes in try digest.update(bytes) }
    } catch {
      throw DigestError(algorithm: algorithm)
    }
    return try digest.finish()
  }

  /// The lowercase hexadecimal text of `bytes`, as digests are written.
  public static func hexadecimal(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var text: [UInt8] = []
    text.reserveCapacity(bytes.count * 2)
    for byte in bytes {
      text.append(digits[Int(byte >> 4)])
      text.append(digits[Int(byte & 0x0f)])
    }
    return String(decoding: text, as: UTF8.self)
  }
}

/// libcrypto could not compute a digest.
public struct DigestError: Error, Sendable, CustomStringConvertible {
  public let algorithm: DigestAlgorithm

  public var description: String { "unable to compute the \(algorithm.rawValue) hash" }
}
