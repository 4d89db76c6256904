import Foundation
import OVAL
import TestSupport
import Testing

@testable import Probes

@Suite("password_object")
struct PasswordProbeTests {
  static let passwd = """
    root:x:0:0:root:/root:/bin/bash
    daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
    broken line
    bad:x:notanumber:0::/:/bin/sh
    alice:x:1000:1000:Alice,,,:/home/alice:/bin/zsh

    """

  @Test("each account the username selects, with last_login from lastlog (-1 when there is none)")
  func accounts() async throws {
    let host = try FakeHost()
    try host.write("/etc/passwd", Self.passwd)
    // struct lastlog records of 292 bytes: uid 1000's login time at its offset.
    var lastlog = [UInt8](repeating: 0, count: 292 * 1001)
    withUnsafeBytes(of: Int32(1_700_000_000).littleEndian) { lastlog.replaceSubrange(292_000..<292_004, with: $0) }
    try host.write("/var/log/lastlog", bytes: lastlog)
    let collected = try await host.collect(
      #"<unix:password_object id="oval:t:obj:1" version="1"><unix:username operation="pattern match">^(root|alice)$</unix:username></unix:password_object>"#
    )
    #expect(collected.values(of: "username") == ["root", "alice"])
    let alice = try #require(collected.items.last)
    #expect(
      alice.entities.map(\.name) == [
        "username", "password", "user_id", "group_id", "gcos", "home_dir", "login_shell", "last_login",
      ])
    #expect(alice.value(of: "gcos") == "Alice,,,")
    #expect(alice.value(of: "last_login") == "1700000000")
    #expect(collected.items.first?.value(of: "last_login") == "0")
  }

  @Test("a host without a lastlog reports -1; lines that are not accounts are skipped")
  func noLastlog() async throws {
    let host = try FakeHost()
    try host.write("/etc/passwd", Self.passwd)
    let collected = try await host.collect(
      #"<unix:password_object id="oval:t:obj:1" version="1"><unix:username operation="not equal">root</unix:username></unix:password_object>"#
    )
    #expect(collected.values(of: "username") == ["daemon", "alice"])
    #expect(collected.values(of: "last_login") == ["-1", "-1"])
  }
}
