import Foundation

/// `/etc/passwd` and `/etc/shadow` of the scanned host, read under the root (as OpenSCAP reads them offline) with
/// glibc's field rules, so that a mounted image's accounts are its own and not the scanner's.
enum AccountDatabase {
  /// One line of `/etc/passwd`.
  struct User: Sendable {
    let name: String
    let password: String
    let userID: String
    let groupID: String
    let gcos: String
    let home: String
    let shell: String
  }

  /// One line of `/etc/shadow`; numeric fields are -1 when empty, the flag ULONG_MAX, as glibc's `getspent` gives them.
  struct ShadowEntry: Sendable {
    let name: String
    let password: String
    let numbers: [Int64]
    let flag: UInt64
  }

  /// The text of a host file, or nil when it is missing or unreadable.
  static func text(of hostPath: String, in root: SystemRoot) -> String? {
    guard let file = try? root.openRegularFile(atHostPath: hostPath),
      let bytes = try? file.readAll(limit: 64 << 20)
    else { return nil }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// The users of `/etc/passwd`; lines that `fgetpwent` would refuse (too few fields, a non-numeric id) are skipped.
  static func users(in root: SystemRoot) -> [User]? {
    guard let text = text(of: "/etc/passwd", in: root) else { return nil }
    var users: [User] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
      let fields = line.split(separator: ":", maxSplits: 6, omittingEmptySubsequences: false).map(String.init)
      guard fields.count == 7, !fields[0].isEmpty, UInt32(fields[2]) != nil, UInt32(fields[3]) != nil else {
        continue
      }
      users.append(
        User(
          name: fields[0], password: fields[1], userID: fields[2], groupID: fields[3], gcos: fields[4],
          home: fields[5], shell: fields[6]))
    }
    return users
  }

  /// The entries of `/etc/shadow`.
  static func shadowEntries(in root: SystemRoot) -> [ShadowEntry]? {
    guard let text = text(of: "/etc/shadow", in: root) else { return nil }
    var entries: [ShadowEntry] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
      let fields = line.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
      guard fields.count == 9, !fields[0].isEmpty else { continue }
      var numbers: [Int64] = []
      var valid = true
      for field in fields[2...7] {
        if field.isEmpty {
          numbers.append(-1)
        } else if let number = Int64(field) {
          numbers.append(number)
        } else {
          valid = false
        }
      }
      guard valid else { continue }
      let flag = fields[8].isEmpty ? UInt64.max : (UInt64(fields[8]) ?? UInt64.max)
      entries.append(ShadowEntry(name: fields[0], password: fields[1], numbers: numbers, flag: flag))
    }
    return entries
  }

  /// The last login time of a user id from `/var/log/lastlog` (struct lastlog: a 32-bit time, a 32-byte line and a
  /// 256-byte host); -1 when there is no such file or record.
  static func lastLogin(userID: String, in root: SystemRoot) -> Int64 {
    guard let uid = UInt64(userID), let file = try? root.openRegularFile(atHostPath: "/var/log/lastlog") else {
      return -1
    }
    let recordSize: UInt64 = 4 + 32 + 256
    var time: Int32 = 0
    let count = withUnsafeMutableBytes(of: &time) { pread(file.descriptor, $0.baseAddress, 4, off_t(uid * recordSize)) }
    return count == 4 ? Int64(time) : -1
  }
}
