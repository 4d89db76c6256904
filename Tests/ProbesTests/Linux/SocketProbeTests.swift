import Foundation
import OVAL
import TestSupport
import Testing

@testable import Probes

@Suite("inetlisteningservers_object and iflisteners_object")
struct SocketProbeTests {
  private func host() throws -> FakeHost {
    let host = try FakeHost()
    let header = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
    try host.write(
      "/proc/net/tcp",
      header + "   0: 0100007F:0019 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1\n")
    try host.write(
      "/proc/net/tcp6",
      header
        + "   0: 00000000000000000000000000000000:0016 00000000000000000000000000000000:0000 0A 0:0 00:0 0 0 0 4343 1\n"
    )
    try host.write("/proc/net/udp", header)
    try host.write("/proc/77/stat", "77 (master) S 1 77 77 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 5\n")
    try host.write("/proc/77/status", "Uid:\t0\t0\t0\t0\n")
    try host.makeFolder("/proc/77/fd")
    try host.link("/proc/77/fd/3", to: "socket:[4242]")
    return host
  }

  @Test("sockets with their addresses and owning process")
  func sockets() async throws {
    let collected = try await host().collect(
      """
      <linux:inetlisteningservers_object id="oval:t:obj:1" version="1">
        <linux:protocol>tcp</linux:protocol><linux:local_address operation="pattern match">.</linux:local_address>
        <linux:local_port datatype="int" operation="greater than">0</linux:local_port>
      </linux:inetlisteningservers_object>
      """)
    #expect(collected.values(of: "local_full_address") == ["127.0.0.1:25", ":::22"])
    let smtp = try #require(collected.items.first)
    #expect(smtp.value(of: "program_name") == "master" && smtp.value(of: "pid") == "77")
    #expect(collected.items.last?.entities(named: "pid").isEmpty == true)
    #expect(smtp.type == "inetlisteningserver_item")
  }

  @Test("kernel socket addresses: each 32-bit word in host order")
  func addresses() {
    #expect(SocketTable.address(hex: "0100007F") == "127.0.0.1")
    #expect(SocketTable.address(hex: "00000000000000000000000001000000") == "::1")
  }

  @Test("a host without packet sockets has no interface listeners")
  func noListeners() async throws {
    let collected = try await host().collect(
      #"<linux:iflisteners_object id="oval:t:obj:1" version="1"><linux:interface_name operation="pattern match">.</linux:interface_name></linux:iflisteners_object>"#
    )
    #expect(collected.flag == .doesNotExist)
  }
}
