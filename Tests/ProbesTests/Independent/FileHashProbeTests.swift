import Foundation
import OVAL
import TestSupport
import Testing

@testable import Probes

@Suite("filehash58_object and filehash_object")
struct FileHashProbeTests {
  /// Digests of "abc", from FIPS 180-4's and RFC 1321's test vectors.
  static let abc: [String: String] = [
    "MD5": "900150983cd24fb0d6963f7d28e17f72",
    "SHA-1": "a9993e364706816aba3e25717850c26c9cd0d89d",
    "SHA-224": "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7",
    "SHA-256": "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    "SHA-384":
      "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7",
    "SHA-512":
      "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd"
      + "454d4423643ce80e2a9ac94fa54ca49f",
  ]

  @Test("each hash type the object selects gives an item with the file's digest", arguments: Array(abc.keys))
  func digests(type: String) async throws {
    let host = try FakeHost()
    try host.write("/usr/bin/tool", "abc")
    let collected = try await host.collect(
      """
      <ind:filehash58_object id="oval:t:obj:1" version="1">
        <ind:filepath>/usr/bin/tool</ind:filepath><ind:hash_type>\(type)</ind:hash_type>
      </ind:filehash58_object>
      """)
    #expect(collected.flag == .complete)
    #expect(collected.items.first?.entities.map(\.name) == ["filepath", "path", "filename", "hash_type", "hash"])
    #expect(collected.values(of: "hash") == [Self.abc[type]])
  }

  @Test("a pattern on hash_type selects several digests, each file read once")
  func severalTypes() async throws {
    let host = try FakeHost()
    try host.write("/usr/bin/tool", "abc")
    let collected = try await host.collect(
      """
      <ind:filehash58_object id="oval:t:obj:1" version="1">
        <ind:filepath>/usr/bin/tool</ind:filepath><ind:hash_type operation="pattern match">^SHA-(1|256)$</ind:hash_type>
      </ind:filehash58_object>
      """)
    #expect(collected.values(of: "hash_type") == ["SHA-1", "SHA-256"])
  }

  @Test("the deprecated filehash_object reports MD5 and SHA-1; a FIFO is not read")
  func deprecatedObject() async throws {
    let host = try FakeHost()
    try host.write("/bin/ls", "abc")
    try host.makeFIFO("/bin/pipe")
    let collected = try await host.collect(
      """
      <ind:filehash_object id="oval:t:obj:1" version="1">
        <ind:path>/bin</ind:path><ind:filename operation="pattern match">.</ind:filename>
      </ind:filehash_object>
      """)
    #expect(collected.values(of: "filename") == ["ls"])
    #expect(collected.values(of: "md5") == [Self.abc["MD5"]])
    #expect(collected.values(of: "sha1") == [Self.abc["SHA-1"]])
  }
}
