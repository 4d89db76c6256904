import Foundation
import OVAL
import TestSupport
import Testing

@testable import Probes

@Suite("symlink_object")
struct SymlinkProbeTests {
  static func object(_ path: String) -> String {
    #"<unix:symlink_object id="oval:t:obj:1" version="1"><unix:filepath>\#(path)</unix:filepath></unix:symlink_object>"#
  }

  @Test("a link's canonical path is its target with every link resolved, inside the root")
  func canonicalPath() async throws {
    let host = try FakeHost()
    try host.write("/usr/bin/python3.11", "")
    try host.link("/usr/bin/python3", to: "python3.11")
    try host.link("/usr/bin/python", to: "/usr/bin/python3")
    let collected = try await host.collect(Self.object("/usr/bin/python"))
    #expect(collected.values(of: "canonical_path") == ["/usr/bin/python3.11"])
    #expect(collected.items.first?.entities.map(\.name) == ["filepath", "canonical_path"])
  }

  @Test("a file that is not a link, or is missing, does not exist; a dangling or looping link is an error")
  func notALink() async throws {
    let host = try FakeHost()
    try host.write("/etc/hosts", "")
    try host.link("/etc/dangling", to: "/nowhere")
    try host.link("/etc/loop", to: "loop")
    #expect(try await host.collect(Self.object("/etc/hosts")).flag == .doesNotExist)
    #expect(try await host.collect(Self.object("/etc/missing")).flag == .doesNotExist)
    let dangling = try await host.collect(Self.object("/etc/dangling"))
    #expect(dangling.flag == .error)
    #expect(dangling.messageText.contains("Link target of symlink '/etc/dangling' does not exist."))
    #expect(try await host.collect(Self.object("/etc/loop")).flag == .error)
  }

  @Test("a link that climbs out of the root resolves inside it")
  func escape() async throws {
    let host = try FakeHost()
    try host.write("/etc/passwd", "")
    try host.link("/tmp/escape", to: "../../../../../../etc/passwd")
    let collected = try await host.collect(Self.object("/tmp/escape"))
    #expect(collected.values(of: "canonical_path") == ["/etc/passwd"])
  }
}
