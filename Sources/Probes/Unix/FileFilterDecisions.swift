/// The decisions of one `file_object`'s filters, remembered by the part of a file's status they read.
///
/// A recursive object over `/` puts every file of the host to its filters, but filters on permissions, owners, type
/// or size (world-writable files, files without an owner, SUID programs) see only a few hundred distinct answers in
/// hundreds of thousands of files: files with the same mode, owner, group and size get the same decision, so it is
/// made once for each. Filters that read anything else (a path, times, ACLs) are decided file by file.
struct FileFilterDecisions {
  /// The `file_item` entities that come from a file's `lstat` mode, owner, group and size alone.
  static let statusEntityNames: Set<String> = [
    "type", "group_id", "user_id", "size", "suid", "sgid", "sticky", "uread", "uwrite", "uexec", "gread", "gwrite",
    "gexec", "oread", "owrite", "oexec",
  ]

  /// The status fields a decision depends on; the others are left out of the key.
  private struct Key: Hashable {
    let mode: UInt32
    let userID: UInt32
    let groupID: UInt32
    let size: Int64
  }

  private let decidesByStatus: Bool
  private let readsUser: Bool
  private let readsGroup: Bool
  private let readsSize: Bool
  private var known: [Key: Bool] = [:]

  /// Decisions for filters that read the item entities `filterEntityNames`; names that are no `file_item` entity
  /// read nothing of the file (every file lacks them alike).
  init(filterEntityNames: Set<String>, itemEntityNames: Set<String>) {
    decidesByStatus = filterEntityNames.allSatisfy {
      Self.statusEntityNames.contains($0) || !itemEntityNames.contains($0)
    }
    readsUser = filterEntityNames.contains("user_id")
    readsGroup = filterEntityNames.contains("group_id")
    readsSize = filterEntityNames.contains("size")
  }

  /// Whether the filters keep a file of this status: `decide` is asked the first time a status is met (each time
  /// when the filters read more than the status).
  mutating func keeps(_ status: FileStatus, decide: () -> Bool) -> Bool {
    guard decidesByStatus else { return decide() }
    let key = Key(
      mode: status.mode, userID: readsUser ? status.userID : 0, groupID: readsGroup ? status.groupID : 0,
      size: readsSize ? status.size : 0)
    if let decision = known[key] { return decision }
    let decision = decide()
    known[key] = decision
    return decision
  }
}
