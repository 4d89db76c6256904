import Foundation
import OVAL
import TestSupport
import Testing

@testable import Probes

@Suite("uname_object")
struct UnameProbeTests {
  @Test("one item with the running kernel's names; the processor type is the machine, as OpenSCAP reports it")
  func item() async throws {
    let host = try FakeHost()
    let collected = try await host.collect(#"<unix:uname_object id="oval:t:obj:1" version="1"/>"#)
    let item = try #require(collected.items.first)
    #expect(
      item.entities.map(\.name) == [
        "machine_class", "node_name", "os_name", "os_release", "os_version", "processor_type",
      ])
    #expect(item.value(of: "os_name") == "Linux")
    #expect(item.value(of: "processor_type") == item.value(of: "machine_class"))
  }
}
