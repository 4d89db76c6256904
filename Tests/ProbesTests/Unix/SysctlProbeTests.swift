import Foundation
import OVAL
import TestSupport
import Testing

@testable import Probes

@Suite("sysctl_object")
struct SysctlProbeTests {
  private func host() throws -> FakeHost {
    let host = try FakeHost()
    try host.write("/proc/sys/net/ipv4/ip_forward", "0\n")
    try host.write("/proc/sys/net/ipv4/tcp_rmem", "4096\t131072\t6291456\n")
    try host.write("/proc/sys/kernel/empty", "")
    try host.write("/proc/sys/kernel/lines", "a\nb\n")
    try host.write("/proc/sys/net/ipv4/route/flush", "")
    try host.setPermissions("/proc/sys/net/ipv4/route/flush", 0o200)
    return host
  }

  static func object(_ name: String, operation: String = "equals") -> String {
    #"<unix:sysctl_object id="oval:t:obj:1" version="1"><unix:name operation="\#(operation)">\#(name)</unix:name></unix:sysctl_object>"#
  }

  @Test("a parameter is named by its path below /proc/sys, with dots")
  func byName() async throws {
    let collected = try await host().collect(Self.object("net.ipv4.ip_forward"))
    #expect(collected.flag == .complete)
    #expect(collected.values(of: "value") == ["0"])
    #expect(collected.items.first?.entities.map(\.name) == ["name", "value"])
  }

  @Test("tabs stay inside a value; line breaks split it into several values; empty and write-only ones are left out")
  func values() async throws {
    let host = try host()
    #expect(try await host.collect(Self.object("net.ipv4.tcp_rmem")).values(of: "value") == ["4096\t131072\t6291456"])
    #expect(
      try await host.collect(Self.object("kernel.lines")).items.first?.entities(named: "value").map(\.value) == [
        "a", "b",
      ])
    #expect(try await host.collect(Self.object("kernel.empty")).flag == .doesNotExist)
    #expect(try await host.collect(Self.object("net.ipv4.route.flush")).flag == .doesNotExist)
  }

  @Test("a pattern selects every matching parameter")
  func pattern() async throws {
    let collected = try await host().collect(Self.object(#"^net\.ipv4\."#, operation: "pattern match"))
    #expect(collected.values(of: "name") == ["net.ipv4.ip_forward", "net.ipv4.tcp_rmem"])
  }

  @Test("the value splitting of OpenSCAP's sysctl probe")
  func splitting() {
    #expect(SysctlProbe.values(of: Array("1\n".utf8)) == ["1"])
    #expect(SysctlProbe.values(of: Array("a\u{1}b".utf8)) == ["a", "b"])
    #expect(SysctlProbe.values(of: Array("a\n\nb\n".utf8)) == ["a", "", "b"])
  }
}
