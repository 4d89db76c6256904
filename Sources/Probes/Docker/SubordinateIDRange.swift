/// A range of subordinate ids a user may map into its user namespaces, as `/etc/subuid` and `/etc/subgid` list
/// them (`subgid(5)`: one `USER:START:COUNT` a line, `USER` a login name or a numeric id). A rootless dockerd runs in
/// such a namespace: a group it gives a file in there (the docker group of its socket) is one of these ids outside.
public struct SubordinateIDRange: Sendable, Equatable {
  /// The first id of the range.
  public let start: UInt64
  /// How many ids the range holds.
  public let count: UInt64

  /// The id after the last one of the range.
  public var end: UInt64 { start + count }

  public init(start: UInt64, count: UInt64) {
    self.start = start
    self.count = count
  }

  /// The first range `text` (a subgid or subuid file) gives the user named `name` with id `id`; nil when none does.
  /// Lines that are not `USER:START:COUNT` with numbers are skipped, as newuidmap skips them.
  public static func first(in text: String, forUser name: String, id: UInt32) -> SubordinateIDRange? {
    for line in text.split(whereSeparator: \.isNewline) {
      let fields = line.split(separator: ":", omittingEmptySubsequences: false)
      guard fields.count == 3, fields[0] == name || fields[0] == String(id),
        let start = UInt64(fields[1]), let count = UInt64(fields[2]), count > 0,
        start <= UInt64(UInt32.max), count <= UInt64(UInt32.max) - start + 1
      else { continue }
      return SubordinateIDRange(start: start, count: count)
    }
    return nil
  }
}
