import Foundation
import OVAL
import TestSupport
import Testing

@testable import Probes

@Suite("dpkginfo_object")
struct DpkgInfoProbeTests {
  static let status = """
    Package: login
    Status: install ok installed
    Priority: required
    Architecture: amd64
    Version: 1:4.13+dfsg1-1+deb12u1
    Description: system login tools
     with a continuation line
     Package: not-a-package

    Package: dpkg
    Status: install ok installed
    Architecture: amd64
    Version: 1.21.22

    Package: libc6
    Status: install ok installed
    Architecture: i386
    Version: 2.36-9+deb12u4

    Package: libc6
    Status: install ok installed
    Architecture: amd64
    Version: 2.36-9+deb12u4

    Package: removed
    Status: deinstall ok config-files
    Architecture: amd64
    Version: 1.0-1

    Package: foreign-only
    Status: install ok installed
    Architecture: arm64
    Version: 1.0

    """

  static func object(_ name: String, operation: String = "equals") -> String {
    #"<linux:dpkginfo_object id="oval:t:obj:1" version="1"><linux:name operation="\#(operation)">\#(name)</linux:name></linux:dpkginfo_object>"#
  }

  private func host() throws -> FakeHost {
    try FakeHost().write("/var/lib/dpkg/status", Self.status)
  }

  @Test("an installed package with its version split as OpenSCAP splits it")
  func installed() async throws {
    let collected = try await host().collect(Self.object("login"))
    let item = try #require(collected.items.first)
    #expect(item.entities.map(\.name) == ["name", "arch", "epoch", "release", "version", "evr"])
    #expect(item.value(of: "epoch") == "1" && item.value(of: "version") == "4.13+dfsg1")
    #expect(item.value(of: "release") == "1+deb12u1")
    #expect(item.value(of: "evr") == "1:4.13+dfsg1-1+deb12u1")
    #expect(item.entities(named: "evr").first?.datatype == .evrString)
  }

  @Test("the host's own architecture wins; removed and foreign-only packages are not installed")
  func selection() async throws {
    let host = try host()
    #expect(try await host.collect(Self.object("libc6")).values(of: "arch") == ["amd64"])
    #expect(try await host.collect(Self.object("removed")).flag == .doesNotExist)
    #expect(try await host.collect(Self.object("foreign-only")).flag == .doesNotExist)
    #expect(try await host.collect(Self.object("not-a-package")).flag == .doesNotExist)
    #expect(try await host.collect(Self.object("dpkg")).values(of: "evr") == ["0:1.21.22"])
  }

  @Test("a pattern selects every installed package whose name matches")
  func pattern() async throws {
    let collected = try await host().collect(Self.object("^l", operation: "pattern match"))
    #expect(collected.values(of: "name") == ["libc6", "login"])
  }

  @Test("a host without a dpkg database has no packages")
  func noDatabase() async throws {
    #expect(try await FakeHost().collect(Self.object("login")).flag == .doesNotExist)
  }

  @Test(
    "versions split at the first colon and the first dash",
    arguments: [
      ("2.36-9+deb12u4", "0", "2.36", "9+deb12u4"), ("1:2.3", "1", "2.3", ""), ("1.2-3-4", "0", "1.2", "3-4"),
    ])
  func versions(text: String, epoch: String, upstream: String, release: String) {
    let version = DebianPackageVersion(text)
    #expect(version.epoch == epoch && version.upstream == upstream && version.release == release)
  }
}
