import Foundation
import OVAL
import TestSupport
import Testing

@testable import Probes

@Suite("partition_object")
struct PartitionProbeTests {
  private func host() throws -> FakeHost {
    let host = try FakeHost()
    try host.makeFolder("/boot")
    try host.makeFolder("/dev/shm")
    try host.write(
      "/proc/mounts",
      "rootfs / rootfs rw 0 0\n/dev/vda / ext4 rw,relatime 0 0\ntmpfs /dev/shm tmpfs rw,nosuid,nodev 0 0\n"
        + "/dev/vdb /boot ext4 ro 0 0\n/dev/vdc /boot ext4 rw 0 0\n")
    return host
  }

  static func object(_ mountPoint: String, operation: String = "equals") -> String {
    #"<linux:partition_object id="oval:t:obj:1" version="1"><linux:mount_point operation="\#(operation)">\#(mountPoint)</linux:mount_point></linux:partition_object>"#
  }

  @Test("a mount with its options and statvfs's sizes; rootfs is left out")
  func mount() async throws {
    let collected = try await host().collect(Self.object("/dev/shm"))
    let item = try #require(collected.items.first)
    #expect(item.value(of: "device") == "tmpfs" && item.value(of: "fs_type") == "tmpfs")
    #expect(item.entities(named: "mount_options").map(\.value).prefix(3) == ["rw", "nosuid", "nodev"])
    #expect(item.entities(named: "uuid").first?.status == .doesNotExist)
    #expect(item.entities(named: "total_space").first?.datatype == .int)
    #expect(try await host().collect(Self.object("/")).values(of: "device") == ["/dev/vda"])
  }

  @Test("equals takes the first mount at a point; a pattern takes every match")
  func overmounts() async throws {
    let host = try host()
    #expect(try await host.collect(Self.object("/boot")).values(of: "device") == ["/dev/vdb"])
    #expect(
      try await host.collect(Self.object("^/(boot|dev)", operation: "pattern match")).values(of: "device") == [
        "tmpfs", "/dev/vdb", "/dev/vdc",
      ])
  }
}
