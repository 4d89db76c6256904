import Foundation
import XMLSupport

/// UUIDs derived from names, so that converting the same result twice gives the same checklist, STIG and rule
/// uuids (STIG Viewer 3 and STIG Manager use them to recognise a checklist they have seen).
///
/// RFC 9562 section 5.8 and appendix B.2: a version 8 UUID from the SHA-256 of a namespace UUID followed by the
/// name, with the version and variant bits set. SHA-256 is used rather than version 5's SHA-1 because it is the
/// digest the package already has.
enum NameBasedUUID {
  /// Palisade's namespace for report uuids (itself a random version 4 UUID, fixed once).
  static let namespace: [UInt8] = [
    0x4e, 0x8d, 0x2a, 0x61, 0x93, 0x0c, 0x4f, 0x5b, 0xa7, 0x31, 0x6c, 0xe2, 0x15, 0xd8, 0x90, 0x47,
  ]

  /// The lowercase UUID text for `name`.
  /// - Throws: `DigestError` when libcrypto cannot compute SHA-256.
  static func uuid(for name: String) throws(DigestError) -> String {
    var bytes = Array(try MessageDigest.digest(of: namespace + Array(name.utf8), .sha256).prefix(16))
    bytes[6] = (bytes[6] & 0x0f) | 0x80
    bytes[8] = (bytes[8] & 0x3f) | 0x80
    let uuid = UUID(
      uuid: (
        bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9], bytes[10],
        bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
      ))
    return uuid.uuidString.lowercased()
  }
}
