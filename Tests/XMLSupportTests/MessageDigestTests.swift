import Testing
import XMLSupport

/// libcrypto's digests, through the one helper reports and probes share.
@Suite struct MessageDigestTests {
  @Test(arguments: [
    ("abc", DigestAlgorithm.sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    ("", .sha256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    (
      "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", .sha256,
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    ),
    ("abc", .sha1, "a9993e364706816aba3e25717850c26c9cd0d89d"),
    ("abc", .sha224, "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7"),
  ])
  func digestsLikeFIPS180(_ message: String, _ algorithm: DigestAlgorithm, _ expected: String) throws {
    #expect(MessageDigest.hexadecimal(try MessageDigest.digest(of: Array(message.utf8), algorithm)) == expected)
  }

  /// A message fed in pieces has the digest of the whole.
  @Test func piecesDigestLikeTheWhole() throws {
    let message = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
    let digest = try MessageDigest(.sha256)
    for piece in [message[0..<5], message[5..<40], message[40...]] {
      try Array(piece).withUnsafeBytes { try digest.update($0) }
    }
    #expect(try digest.finish() == MessageDigest.digest(of: message, .sha256))
  }

  @Test func hexadecimalIsLowercaseWithLeadingZeros() {
    #expect(MessageDigest.hexadecimal([0x00, 0x0f, 0xa0, 0xff]) == "000fa0ff")
  }
}
