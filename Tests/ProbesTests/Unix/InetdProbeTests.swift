import Foundation
import OVAL
import TestSupport
import Testing

@testable import Probes

@Suite("inetd_object and xinetd_object")
struct InetdProbeTests {
  static let inetd =
    #"<unix:inetd_object id="oval:t:obj:1" version="1"><unix:protocol>tcp</unix:protocol><unix:service_name>telnet</unix:service_name></unix:inetd_object>"#
  static let xinetd =
    #"<unix:xinetd_object id="oval:t:obj:1" version="1"><unix:protocol>tcp</unix:protocol><unix:service_name>telnet</unix:service_name></unix:xinetd_object>"#

  @Test("without inetd or xinetd configuration, the services do not exist")
  func absent() async throws {
    let host = try FakeHost()
    #expect(try await host.collect(Self.inetd).flag == .doesNotExist)
    #expect(try await host.collect(Self.xinetd).flag == .doesNotExist)
  }

  @Test("inetd.conf lines become items")
  func inetdConf() async throws {
    let host = try FakeHost()
    try host.write(
      "/etc/inetd.conf", "# comment\ntelnet stream tcp nowait root /usr/sbin/tcpd /usr/sbin/in.telnetd -h\n")
    let collected = try await host.collect(Self.inetd)
    let item = try #require(collected.items.first)
    #expect(item.value(of: "server_program") == "/usr/sbin/tcpd")
    #expect(item.value(of: "server_arguments") == "/usr/sbin/in.telnetd -h")
    #expect(item.value(of: "endpoint_type") == "stream" && item.value(of: "wait_status") == "nowait")
  }

  @Test("xinetd services, with the defaults section and included folders")
  func xinetdConf() async throws {
    let host = try FakeHost()
    try host.write("/etc/xinetd.conf", "defaults\n{\n  only_from = 10.0.0.0\n}\nincludedir /etc/xinetd.d\n")
    try host.write(
      "/etc/xinetd.d/telnet",
      "service telnet\n{\n  socket_type = stream\n  wait = no\n  user = root\n  server = /usr/sbin/in.telnetd\n  disable = yes\n}\n"
    )
    try host.write("/etc/xinetd.d/ignored.rpmsave", "service telnet\n{\n}\n")
    let collected = try await host.collect(Self.xinetd)
    #expect(collected.items.count == 1)
    let item = try #require(collected.items.first)
    #expect(item.value(of: "server") == "/usr/sbin/in.telnetd")
    #expect(item.value(of: "disabled") == "true" && item.value(of: "wait") == "false")
    #expect(item.value(of: "only_from") == "10.0.0.0")
  }
}
