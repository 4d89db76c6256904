import Foundation
import OVAL
import TestSupport
import Testing

@testable import Probes

@Suite("interface_object")
struct InterfaceProbeTests {
  @Test("the loopback interface, as the running kernel has it")
  func loopback() async throws {
    let host = try FakeHost()
    let collected = try await host.collect(
      #"<unix:interface_object id="oval:t:obj:1" version="1"><unix:name>lo</unix:name></unix:interface_object>"#)
    let ipv4 = try #require(collected.items.first { $0.value(of: "inet_addr") == "127.0.0.1" })
    #expect(ipv4.value(of: "type") == "ARPHRD_LOOPBACK")
    #expect(ipv4.value(of: "hardware_addr") == "00:00:00:00:00:00")
    #expect(ipv4.value(of: "netmask") == "255.0.0.0")
    #expect(ipv4.entities(named: "inet_addr").first?.datatype == .ipv4Address)
    #expect(ipv4.entities(named: "flag").map(\.value).contains("LOOPBACK"))
  }

  @Test("flag names in net/if.h order, spelled as OpenSCAP spells them")
  func flags() {
    #expect(InterfaceProbe.flagNames(UInt32(IFF_UP | IFF_NOARP | IFF_MULTICAST)) == ["UP", "NOAPP", "MULTICAST"])
  }
}
