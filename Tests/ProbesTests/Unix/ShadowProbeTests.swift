import Foundation
import OVAL
import TestSupport
import Testing

@testable import Probes

@Suite("shadow_object")
struct ShadowProbeTests {
  @Test("fields as glibc reads them: empty numbers -1, an empty flag ULONG_MAX; the hash method named")
  func entries() async throws {
    let host = try FakeHost()
    try host.write(
      "/etc/shadow",
      "root:$6$salt$hash:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\nold:$1$x$y:1:2:3:4:5:6:7\nbad::x:::::::\n")
    let collected = try await host.collect(
      #"<unix:shadow_object id="oval:t:obj:1" version="1"><unix:username operation="pattern match">.</unix:username></unix:shadow_object>"#
    )
    #expect(collected.values(of: "username") == ["root", "daemon", "old"])
    let root = try #require(collected.items.first)
    #expect(
      root.entities.map(\.name) == [
        "username", "password", "chg_lst", "chg_allow", "chg_req", "exp_warn", "exp_inact", "exp_date", "flag",
        "encrypt_method",
      ])
    #expect(root.value(of: "exp_inact") == "-1")
    #expect(root.value(of: "flag") == "18446744073709551615")
    #expect(collected.values(of: "encrypt_method") == ["SHA-512", "DES", "MD5"])
  }

  @Test(
    "hash prefixes as OpenSCAP names them",
    arguments: [
      ("$6$s$h", "SHA-512"), ("$5$s$h", "SHA-256"), ("$2a$s", "Blowfish"), ("$md5$x", "Sun MD5"), ("_x", "BSDi"),
      ("!$6$s$h", "DES"), ("*", "DES"),
    ])
  func methods(password: String, method: String) {
    #expect(ShadowProbe.encryptMethod(password) == method)
  }

  @Test("an unknown $ prefix names no method")
  func unknownMethod() {
    #expect(ShadowProbe.encryptMethod("$y$j9T$x") == nil)
  }
}
