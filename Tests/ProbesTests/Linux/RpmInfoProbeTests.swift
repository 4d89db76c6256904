import Foundation
import OVAL
import TestSupport
import Testing

@testable import Probes

@Suite("rpminfo_object and the rpmverify objects")
struct RpmInfoProbeTests {
  static let object =
    #"<linux:rpminfo_object id="oval:t:obj:1" version="1"><linux:name>bash</linux:name></linux:rpminfo_object>"#

  @Test("a Debian host has no RPM database: the objects are not applicable, as OpenSCAP reports on Debian")
  func debianHost() async throws {
    let collected = try await FakeHost().collect(Self.object)
    #expect(collected.flag == .notApplicable)
    #expect(collected.messageText.contains("no RPM database"))
    let verify = try await FakeHost().collect(
      #"<linux:rpmverifyfile_object id="oval:t:obj:1" version="1"><linux:behaviors/><linux:name>bash</linux:name></linux:rpmverifyfile_object>"#
    )
    #expect(verify.flag == .notApplicable)
  }

  @Test("a host with an RPM database is not collected, with a message")
  func rpmHost() async throws {
    let host = try FakeHost().write("/var/lib/rpm/rpmdb.sqlite", "")
    let collected = try await host.collect(Self.object)
    #expect(collected.flag == .notCollected)
    #expect(collected.messageText.contains("RPM database"))
  }
}
