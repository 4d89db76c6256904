internal import CLinux
import Foundation
import OVAL
import XMLSupport

/// `file_object`: metadata of files and folders (OVAL 5.11.2 unix schema, file_object), one `file_item` per file the
/// object names: with `filepath`, or `path` and `filename` (a nil `filename` names folders), with any operation and
/// every recursion behavior (see `FileSearch`).
///
/// Items report `lstat` (a symbolic link is a `symbolic link`), as OpenSCAP does; a folder has no `filepath` and an
/// empty `filename`. `has_extended_acl` reads the POSIX ACL extended attributes of the file (of a link's target,
/// resolved inside the root) the way libacl's `acl_extended_file` decides; where they cannot be read the entity's
/// status is `does not exist`.
///
/// When the evaluator lets the collector apply the object's filters, a candidate is first built with only the
/// entities the filters read, so a recursive object over `/` decides each file cheaply.
struct FileProbe: Probe {
  let objectName = XMLName(OVALNamespace.definitions("unix"), "file_object")

  func collect(_ request: ObjectRequest, in context: ProbeContext) -> CollectedObject {
    do {
      let search = try FileSearch(request)
      var outcome = context.outcome(for: request)
      let needed = outcome.filterEntityNames.map(EntityChoice.init(names:))
      let problems = search.run(in: context.session) { found in
        if let needed {
          guard outcome.keeps(Self.item(for: found, root: context.root, only: needed)) else { return true }
        }
        outcome.addKept(Self.item(for: found, root: context.root, only: .all))
        return !outcome.isFull
      }
      for problem in problems { outcome.fail("\(request.objectLabel): \(problem)") }
      return outcome.collectedObject
    } catch {
      return error.outcome
    }
  }

  /// The file_item entities, in the schema's order.
  static let entityNames = [
    "filepath", "path", "filename", "type", "group_id", "user_id", "a_time", "c_time", "m_time", "size", "suid",
    "sgid", "sticky", "uread", "uwrite", "uexec", "gread", "gwrite", "gexec", "oread", "owrite", "oexec",
    "has_extended_acl",
  ]

  /// The mode bits of `suid` to `oexec`, in the schema's order.
  private static let modeBits = [
    S_ISUID, S_ISGID, S_ISVTX, S_IRUSR, S_IWUSR, S_IXUSR, S_IRGRP, S_IWGRP, S_IXGRP, S_IROTH, S_IWOTH, S_IXOTH,
  ]

  /// Which file_item entities to build, by position in `entityNames`.
  struct EntityChoice {
    let bits: UInt32

    static let all = EntityChoice(bits: .max)

    init(bits: UInt32) {
      self.bits = bits
    }

    init(names: Set<String>) {
      var bits: UInt32 = 0
      for (index, name) in FileProbe.entityNames.enumerated() where names.contains(name) { bits |= 1 << index }
      self.bits = bits
    }

    func includes(_ index: Int) -> Bool { bits & (1 << index) != 0 }
  }

  /// A `file_item` for a found file; with a selection, just those entities (to decide a filter).
  static func item(for found: FoundFile, root: SystemRoot, only: EntityChoice) -> Item {
    let status = found.status
    var entities: [ItemEntity] = []
    entities.reserveCapacity(only.bits == .max ? 23 : 4)
    var index = 0
    func add(_ value: @autoclosure () -> String, _ datatype: Datatype = .string) {
      defer { index += 1 }
      guard only.includes(index) else { return }
      entities.append(ItemEntity(entityNames[index], value(), datatype: datatype))
    }
    func flag(_ bit: mode_t) {
      add(status.has(bit) ? "true" : "false", .boolean)
    }
    if let filepath = found.filepath {
      add(filepath)
    } else {
      index += 1
    }
    add(found.path)
    add(found.filename ?? "")
    add(status.kind.rawValue)
    add(String(status.groupID), .int)
    add(String(status.userID), .int)
    add(String(status.accessTime), .int)
    add(String(status.changeTime), .int)
    add(String(status.modificationTime), .int)
    add(String(status.size), .int)
    for bit in modeBits { flag(bit) }
    if only.includes(index) {
      if let acl = ExtendedACL.isPresent(for: found, root: root) {
        entities.append(ItemEntity("has_extended_acl", acl ? "true" : "false", datatype: .boolean))
      } else {
        entities.append(ItemEntity("has_extended_acl", "", datatype: .boolean, status: .doesNotExist))
      }
    }
    return Item(type: "file_item", family: "unix", entities: entities)
  }
}

/// Whether a file has an extended POSIX ACL, decided as libacl's `acl_extended_file` decides: an access ACL with more
/// than the three base entries, or any default ACL.
enum ExtendedACL {
  private static let headerSize = 4
  private static let entrySize = 8
  private static let baseSize = headerSize + 3 * entrySize

  /// nil when the attributes cannot be read (a link leading nowhere, a filesystem without extended attributes).
  static func isPresent(for found: FoundFile, root: SystemRoot) -> Bool? {
    var path = found.scannerPath
    if found.status.isSymbolicLink {
      guard let target = try? root.resolve(hostPath: found.hostPath) else { return nil }
      path = target
    }
    let access = getxattr(path, "system.posix_acl_access", nil, 0)
    if access < 0 && errno != ENODATA { return nil }
    if access > baseSize { return true }
    let defaults = getxattr(path, "system.posix_acl_default", nil, 0)
    if defaults < 0 && errno != ENODATA { return nil }
    return defaults >= baseSize
  }
}
