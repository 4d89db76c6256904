/// A Debian package version [epoch:]upstream[-revision], ordered as dpkg orders them
/// (OVAL 5.11.2, debian_evr_string datatype; Debian Policy, section 5.6.12).
struct DebianVersion: Comparable {
  let epoch: Int64
  let upstream: String
  let revision: String

  init(_ text: String) throws(ComparisonError) {
    guard !text.trimmed.isEmpty, let parts = EpochVersionRelease(text) else {
      throw ComparisonError("'\(text)' is not a Debian version")
    }
    epoch = parts.epoch
    upstream = parts.version
    revision = parts.release
  }

  static func < (lhs: DebianVersion, rhs: DebianVersion) -> Bool { compare(lhs, rhs) < 0 }
  static func == (lhs: DebianVersion, rhs: DebianVersion) -> Bool { compare(lhs, rhs) == 0 }

  private static func compare(_ lhs: DebianVersion, _ rhs: DebianVersion) -> Int {
    if lhs.epoch != rhs.epoch { return lhs.epoch < rhs.epoch ? -1 : 1 }
    let upstream = compareParts(lhs.upstream, rhs.upstream)
    return upstream != 0 ? upstream : compareParts(lhs.revision, rhs.revision)
  }

  /// Alternating non-digit and digit runs: non-digits by dpkg's character order (`~` first, then the end, then
  /// letters, then everything else), digits as numbers.
  static func compareParts(_ lhs: String, _ rhs: String) -> Int {
    let a = Array(lhs.utf8)
    let b = Array(rhs.utf8)
    var i = 0
    var j = 0
    while i < a.count || j < b.count {
      while (i < a.count && !isDigit(a[i])) || (j < b.count && !isDigit(b[j])) {
        let left = order(i < a.count ? a[i] : nil)
        let right = order(j < b.count ? b[j] : nil)
        if left != right { return left < right ? -1 : 1 }
        i += 1
        j += 1
      }
      while i < a.count && a[i] == UInt8(ascii: "0") { i += 1 }
      while j < b.count && b[j] == UInt8(ascii: "0") { j += 1 }
      var firstDifference = 0
      while i < a.count && j < b.count && isDigit(a[i]) && isDigit(b[j]) {
        if firstDifference == 0 { firstDifference = Int(a[i]) - Int(b[j]) }
        i += 1
        j += 1
      }
      if i < a.count && isDigit(a[i]) { return 1 }
      if j < b.count && isDigit(b[j]) { return -1 }
      if firstDifference != 0 { return firstDifference < 0 ? -1 : 1 }
    }
    return 0
  }

  private static func order(_ byte: UInt8?) -> Int {
    guard let byte else { return 0 }
    if isDigit(byte) { return 0 }
    if (65...90).contains(byte) || (97...122).contains(byte) { return Int(byte) }
    if byte == UInt8(ascii: "~") { return -1 }
    return Int(byte) + 256
  }

  private static func isDigit(_ byte: UInt8) -> Bool { (48...57).contains(byte) }
}
