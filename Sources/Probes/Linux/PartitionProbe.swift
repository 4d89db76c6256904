import Foundation
import OVAL
import XMLSupport

/// `partition_object`: mounted filesystems (OVAL 5.11.2 linux schema), one `partition_item` per mount of
/// `/proc/mounts` (under the root) whose mount point the object selects, with `statvfs`'s sizes in blocks.
///
/// As OpenSCAP 1.3.7 reports them: `rootfs` is left out; with `equals` only the first mount at that point counts;
/// the options are the table's, followed by `remount`, `bind` or `move` when `statvfs`'s flags have the bits that
/// OpenSCAP reads as MS_REMOUNT, MS_BIND and MS_MOVE (in fact ST_RELATIME sets the `bind` one); `uuid` comes from
/// `/dev/disk/by-uuid` and has status `does not exist` when the device has none. A mount that `statvfs` cannot
/// read is left out.
struct PartitionProbe: Probe {
  let objectName = XMLName(OVALNamespace.definitions("linux"), "partition_object")

  struct Mount: Sendable {
    let device: String
    let mountPoint: String
    let type: String
    let options: [String]
  }

  func collect(_ request: ObjectRequest, in context: ProbeContext) -> CollectedObject {
    do {
      let mountPoint = try request.requiredSelection(of: "mount_point")
      let root = context.root
      let mounts = context.session.table("mounts") { Self.mounts(under: root) }
      let uuids = context.session.table("uuids") { Self.uuidsByDevice() }
      var outcome = context.outcome(for: request)
      let onlyFirst = mountPoint.exactValues != nil && mountPoint.values.count == 1
      for mount in mounts where try mountPoint.selects(mount.mountPoint) {
        guard let space = (try? root.locate(hostPath: mount.mountPoint))?.fileSystemStatus() else { continue }
        var options = mount.options
        if space.f_flag & 32 != 0 { options.append("remount") }
        if space.f_flag & 4096 != 0 { options.append("bind") }
        if space.f_flag & 8192 != 0 { options.append("move") }
        let uuid = Self.uuid(of: mount.device, in: uuids)
        var entities = [
          ItemEntity("mount_point", mount.mountPoint), ItemEntity("device", mount.device),
          uuid.map { ItemEntity("uuid", $0) } ?? ItemEntity("uuid", "", status: .doesNotExist),
          ItemEntity("fs_type", mount.type),
        ]
        entities += options.map { ItemEntity("mount_options", $0) }
        entities += [
          ItemEntity("total_space", String(space.f_blocks), datatype: .int),
          ItemEntity("space_used", String(space.f_blocks - space.f_bfree), datatype: .int),
          ItemEntity("space_left", String(space.f_bfree), datatype: .int),
        ]
        outcome.add(Item(type: "partition_item", family: "linux", entities: entities))
        if onlyFirst { break }
      }
      return outcome.collectedObject
    } catch {
      return error.outcome
    }
  }

  static func mounts(under root: SystemRoot) -> [Mount] {
    guard let file = try? root.openRegularFile(atHostPath: "/proc/mounts"),
      let bytes = try? file.readAll(limit: 16 << 20)
    else { return [] }
    return String(decoding: bytes, as: UTF8.self).split(separator: "\n").compactMap { line in
      let fields = line.split(separator: " ")
      guard fields.count >= 4, fields[2] != "rootfs" else { return nil }
      return Mount(
        device: LocalFileSystems.unescapeMountField(fields[0]),
        mountPoint: LocalFileSystems.unescapeMountField(fields[1]), type: String(fields[2]),
        options: fields[3].split(separator: ",").map(String.init))
    }
  }

  /// Filesystem UUIDs by the device path their `/dev/disk/by-uuid` link leads to.
  static func uuidsByDevice() -> [String: String] {
    let folder = "/dev/disk/by-uuid"
    var found: [String: String] = [:]
    for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
      guard let target = realpath(folder + "/" + name, nil) else { continue }
      found[String(cString: target)] = name
      free(target)
    }
    return found
  }

  private static func uuid(of device: String, in uuids: [String: String]) -> String? {
    guard device.hasPrefix("/") else { return nil }
    guard let resolved = realpath(device, nil) else { return uuids[device] }
    defer { free(resolved) }
    return uuids[String(cString: resolved)]
  }
}
