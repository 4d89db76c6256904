import OVAL
import TestSupport
import Testing

@testable import Probes

@Suite("family_object")
struct FamilyProbeTests {
  @Test("reports the platform family in one family_item")
  func reportsFamily() async throws {
    let host = try FakeHost()
    let collected = try await host.collect(#"<ind:family_object id="oval:t:obj:1" version="1"/>"#)
    #expect(collected.flag == .complete)
    let item = try #require(collected.items.first)
    #expect(collected.items.count == 1)
    #expect(item.type == "family_item")
    #expect(item.family == "independent")
    #if os(Linux)
      #expect(item.value(of: "family") == "unix")
    #endif
  }
}
