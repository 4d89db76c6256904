import Foundation
import TestSupport
import Testing

@testable import Probes

@Suite("File names that are not UTF-8")
struct HostFileNameTests {
  /// Names as bytes: plain text, bytes that are not UTF-8, truncated and overlong sequences, surrogates, and the
  /// UTF-8 of characters in the range that holds such bytes (which must not be mistaken for them).
  static let names: [[UInt8]] = [
    Array("daemon.json".utf8), [0xFF] + Array("evil.conf".utf8), Array("k".utf8) + [0xE9] + Array("y.pem".utf8),
    [0xC3], [0xE2, 0x82], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x8F, 0xBE, 0x80], [0xF4, 0x8F, 0xBF, 0xBF],
    [0xF4, 0x90, 0x80, 0x80], Array("caf\u{E9} \u{1F600}\\x41".utf8), [0x5C, 0xFF, 0x5C], Array(0x80...0xFF),
  ]

  @Test("every name turns back into its bytes", arguments: names)
  func roundTrip(_ bytes: [UInt8]) {
    #expect(HostFileName.bytes(HostFileName.string(bytes)) == bytes)
  }

  @Test("different names never share a String")
  func distinct() {
    let strings = Self.names.map(HostFileName.string)
    #expect(Set(strings).count == Self.names.count)
    // The byte 0xFF and the character that holds it are different names.
    #expect(HostFileName.string([0xFF]) != HostFileName.string([0xF4, 0x8F, 0xBF, 0xBF]))
  }

  @Test("UTF-8 names are their text; others are shown with \\xHH and doubled backslashes")
  func visible() {
    #expect(HostFileName.string(Array("caf\u{E9}".utf8)) == "caf\u{E9}")
    #expect(HostFileName.visible(HostFileName.string(Array("a\\x2db".utf8))) == "a\\x2db")
    #expect(HostFileName.visible(HostFileName.string([0xFF] + Array("evil.conf".utf8))) == "\\xffevil.conf")
    #expect(HostFileName.visible(HostFileName.string([0x5C, 0x01, 0xE9])) == "\\\\\u{01}\\xe9")
    #expect(HostFileName.visible(HostFileName.string([0xF4, 0x8F, 0xBE, 0x80])) == "\\xf4\\x8f\\xbe\\x80")
  }

  /// A host with a docker.service drop-in and a registry key whose names are not UTF-8.
  private func host() throws -> FakeHost {
    let host = try FakeHost()
    try host.makeFolder("/etc/systemd/system/docker.service.d")
    try host.makeFolder("/etc/docker/certs.d/registry")
    try write(host, "/etc/systemd/system/docker.service.d/", [0xFF] + Array("evil.conf".utf8), "ExecStart=x\n")
    try write(host, "/etc/docker/certs.d/registry/", Array("k".utf8) + [0xE9] + Array("y.pem".utf8), "key\n")
    return host
  }

  private func write(_ host: FakeHost, _ folder: String, _ name: [UInt8], _ text: String) throws {
    let path = Array(host.scannerPath(folder).utf8) + name + [0]
    let descriptor = open(path.map { CChar(bitPattern: $0) }, O_WRONLY | O_CREAT | O_TRUNC, 0o666)
    guard descriptor >= 0 else { throw FakeHostError("open failed: \(errno)") }
    defer { close(descriptor) }
    _ = Array(text.utf8).withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
    _ = fchmod(descriptor, 0o666)
  }

  @Test("a textfilecontent54 walk reads a drop-in whose name is not UTF-8, and names it escaped")
  func contentOfDropIn() async throws {
    let host = try host()
    let collected = try await host.collect(
      TextFileContent54ProbeTests.object(
        file: """
          <ind:path>/etc/systemd/system/docker.service.d</ind:path>
          <ind:filename operation="pattern match">^.*\\.conf$</ind:filename>
          """, pattern: "^ExecStart=(.*)$"))
    #expect(collected.flag == .complete, "\(collected.messageText)")
    #expect(collected.values(of: "filename") == ["\\xffevil.conf"])
    #expect(collected.values(of: "filepath") == ["/etc/systemd/system/docker.service.d/\\xffevil.conf"])
    #expect(collected.values(of: "subexpression") == ["x"])
  }

  @Test("a file_object walk reports a key whose name is not UTF-8, with its mode and times")
  func keyMode() async throws {
    let host = try host()
    let collected = try await host.collect(
      """
      <unix:file_object id="oval:t:obj:1" version="1">
        <unix:behaviors recurse_direction="down" max_depth="-1"/>
        <unix:path>/etc/docker/certs.d</unix:path>
        <unix:filename operation="pattern match">.</unix:filename>
      </unix:file_object>
      """)
    #expect(collected.flag == .complete, "\(collected.messageText)")
    let item = try #require(collected.items.first)
    #expect(collected.items.count == 1)
    #expect(item.value(of: "filename") == "k\\xe9y.pem")
    #expect(item.value(of: "owrite") == "true")
    #expect(item.value(of: "m_time") != nil)
  }
}
