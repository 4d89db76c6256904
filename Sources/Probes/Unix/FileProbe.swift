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
      var decisions = outcome.filterEntityNames.map {
        FileFilterDecisions(filterEntityNames: $0, itemEntityNames: Set(Self.entityNames))
      }
      let problems = search.run(in: context.session) { found in
        if decisions != nil {
          // Each entity is built when a filter asks for it, so most files are decided on one or two of them.
          let decided = decisions?.keeps(found.status) {
            outcome.keeps { name in
              guard let index = Self.entityIndex[name] else { return [] }
              return Self.item(for: found, in: context.session, only: EntityChoice(bits: 1 << index))?.entities ?? []
            }
          }
          guard decided == true else { return true }
        }
        // A file that vanished since the walk saw it is left out, as OpenSCAP leaves it out.
        if let item = Self.item(for: found, in: context.session, only: .all) { outcome.addKept(item) }
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

  /// Positions in `entityNames`.
  static let entityIndex = Dictionary(uniqueKeysWithValues: entityNames.enumerated().map { ($1, $0) })

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

    func includes(_ index: Int) -> Bool { bits & (1 << index) != 0 }
  }

  /// The positions of `a_time`, `c_time` and `m_time`.
  private static let timeBits = EntityChoice(bits: 0b111 << 6)

  /// A `file_item` for a found file; with a selection, just those entities (to decide a filter). Nil when the times
  /// are asked for and the file is gone. The times are those the scan first read for the file (`ScanFileTimes`).
  static func item(for found: FoundFile, in session: CollectionSession, only: EntityChoice) -> Item? {
    var status = found.status
    if only.bits & timeBits.bits != 0 {
      guard let location = found.location,
        let complete = session.fileTimes.status(status, atHostPath: found.hostPath, location: location)
      else { return nil }
      status = complete
    }
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
      add(HostFileName.visible(filepath))
    } else {
      index += 1
    }
    add(HostFileName.visible(found.path))
    add(HostFileName.visible(found.filename ?? ""))
    add(status.kind.rawValue)
    add(String(status.groupID), .int)
    add(String(status.userID), .int)
    add(String(status.accessTime), .int)
    add(String(status.changeTime), .int)
    add(String(status.modificationTime), .int)
    add(String(status.size), .int)
    for bit in modeBits { flag(bit) }
    if only.includes(index) {
      if let acl = ExtendedACL.isPresent(for: found, root: session.root) {
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
    let place = found.status.isSymbolicLink ? try? root.locate(hostPath: found.hostPath) : found.location
    guard let location = place else { return nil }
    func size(_ attribute: String) -> Int? {
      switch location.extendedAttributeSize(attribute) {
      case .success(let size): size
      case .failure(let error): error.code == ENODATA ? 0 : nil
      }
    }
    guard let access = size("system.posix_acl_access") else { return nil }
    if access > baseSize { return true }
    guard let defaults = size("system.posix_acl_default") else { return nil }
    return defaults >= baseSize
  }
}
