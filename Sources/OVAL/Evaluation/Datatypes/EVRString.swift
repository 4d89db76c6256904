/// An RPM epoch:version-release, ordered as rpm orders package versions (OVAL 5.11.2, evr_string datatype).
struct EVRString: Comparable {
  let epoch: Int64
  let version: String
  let release: String

  init(_ text: String) throws(ComparisonError) {
    guard let parts = EpochVersionRelease(text) else { throw ComparisonError("'\(text)' is not an EVR string") }
    epoch = parts.epoch
    version = parts.version
    release = parts.release
  }

  static func < (lhs: EVRString, rhs: EVRString) -> Bool { compare(lhs, rhs) < 0 }
  static func == (lhs: EVRString, rhs: EVRString) -> Bool { compare(lhs, rhs) == 0 }

  private static func compare(_ lhs: EVRString, _ rhs: EVRString) -> Int {
    if lhs.epoch != rhs.epoch { return lhs.epoch < rhs.epoch ? -1 : 1 }
    let versions = RPMVersionOrder.compare(lhs.version, rhs.version)
    return versions != 0 ? versions : RPMVersionOrder.compare(lhs.release, rhs.release)
  }
}

/// rpm's segment-by-segment version comparison: runs of digits compare as numbers and beat runs of letters,
/// separators only split segments, and `~` sorts before everything, even the end of the string.
enum RPMVersionOrder {
  static func compare(_ lhs: String, _ rhs: String) -> Int {
    if lhs == rhs { return 0 }
    var left = Array(lhs.utf8)[...]
    var right = Array(rhs.utf8)[...]
    while !left.isEmpty || !right.isEmpty {
      while let byte = left.first, !isAlphanumeric(byte), byte != tilde { left = left.dropFirst() }
      while let byte = right.first, !isAlphanumeric(byte), byte != tilde { right = right.dropFirst() }
      if left.first == tilde || right.first == tilde {
        if left.first != tilde { return 1 }
        if right.first != tilde { return -1 }
        left = left.dropFirst()
        right = right.dropFirst()
        continue
      }
      guard let leftFirst = left.first, let rightFirst = right.first else { break }
      let numeric = isDigit(leftFirst)
      let leftSegment = left.prefix { numeric ? isDigit($0) : isLetter($0) }
      let rightSegment = right.prefix { numeric ? isDigit($0) : isLetter($0) }
      left = left.dropFirst(leftSegment.count)
      right = right.dropFirst(rightSegment.count)
      // A numeric segment is newer than an alphabetic one.
      if rightSegment.isEmpty || isDigit(rightFirst) != numeric { return numeric ? 1 : -1 }
      if numeric {
        let a = leftSegment.drop { $0 == UInt8(ascii: "0") }
        let b = rightSegment.drop { $0 == UInt8(ascii: "0") }
        if a.count != b.count { return a.count < b.count ? -1 : 1 }
        if !a.elementsEqual(b) { return a.lexicographicallyPrecedes(b) ? -1 : 1 }
      } else if !leftSegment.elementsEqual(rightSegment) {
        return leftSegment.lexicographicallyPrecedes(rightSegment) ? -1 : 1
      }
    }
    if left.isEmpty && right.isEmpty { return 0 }
    return left.isEmpty ? -1 : 1
  }

  private static let tilde = UInt8(ascii: "~")
  private static func isDigit(_ byte: UInt8) -> Bool { (48...57).contains(byte) }
  private static func isLetter(_ byte: UInt8) -> Bool { (65...90).contains(byte) || (97...122).contains(byte) }
  private static func isAlphanumeric(_ byte: UInt8) -> Bool { isDigit(byte) || isLetter(byte) }
}
