/// An IPv4 or IPv6 address with its prefix length (from `/len`, or an IPv4 `/netmask`), as OVAL's ipv4_address
/// and ipv6_address datatypes carry them (OVAL 5.11.2, DatatypeEnumeration).
struct IPAddressValue {
  /// The address as 128 bits (IPv4 in the low 32).
  let high: UInt64
  let low: UInt64
  let prefixLength: Int
  let bitCount: Int

  init(_ text: String, version: Int) throws(ComparisonError) {
    let trimmed = text.trimmed
    let parts = trimmed.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
    bitCount = version == 4 ? 32 : 128
    if version == 4 {
      guard let address = Self.ipv4(parts[0]) else { throw ComparisonError("'\(text)' is not an IPv4 address") }
      high = 0
      low = UInt64(address)
    } else {
      guard let (h, l) = Self.ipv6(parts[0]) else { throw ComparisonError("'\(text)' is not an IPv6 address") }
      high = h
      low = l
    }
    if parts.count == 2 {
      if let length = Int(parts[1]), (0...bitCount).contains(length) {
        prefixLength = length
      } else if version == 4, let mask = Self.ipv4(parts[1]), let length = Self.prefixLength(ofMask: mask) {
        prefixLength = length
      } else {
        throw ComparisonError("'\(text)' has an invalid prefix")
      }
    } else {
      prefixLength = bitCount
    }
  }

  /// The address with the bits past `length` cleared.
  func network(_ length: Int) -> (UInt64, UInt64) {
    let total = bitCount == 32 ? 96 + length : length
    let highMask: UInt64 = total >= 64 ? .max : (total == 0 ? 0 : ~((1 << (64 - total)) - 1))
    let lowBits = max(total - 64, 0)
    let lowMask: UInt64 = lowBits >= 64 ? .max : (lowBits == 0 ? 0 : ~((1 << (64 - lowBits)) - 1))
    return (high & highMask, low & lowMask)
  }

  /// Whether every address of this network lies in `other`'s network.
  func isSubset(of other: IPAddressValue) -> Bool {
    prefixLength >= other.prefixLength && network(other.prefixLength) == other.network(other.prefixLength)
  }

  func compareAddress(_ other: IPAddressValue) -> Int {
    if high != other.high { return high < other.high ? -1 : 1 }
    if low != other.low { return low < other.low ? -1 : 1 }
    return 0
  }

  private static func ipv4(_ text: String) -> UInt32? {
    let octets = text.split(separator: ".", omittingEmptySubsequences: false)
    guard octets.count == 4 else { return nil }
    var value: UInt32 = 0
    for octet in octets {
      guard let number = UInt32(octet), number <= 255, octet.count <= 3 else { return nil }
      value = value << 8 | number
    }
    return value
  }

  /// The prefix length of a contiguous netmask such as 255.255.240.0; nil for a mask with holes.
  private static func prefixLength(ofMask mask: UInt32) -> Int? {
    let length = mask.nonzeroBitCount
    let expected: UInt32 = length == 0 ? 0 : UInt32.max << UInt32(32 - length)
    return mask == expected ? length : nil
  }

  /// Eight 16-bit groups, with one `::` standing for zero groups and an embedded dotted IPv4 tail allowed.
  private static func ipv6(_ text: String) -> (UInt64, UInt64)? {
    var groups: [UInt16] = []
    let halves = text.components(separatedBy: "::")
    guard halves.count <= 2 else { return nil }
    func parse(_ part: String) -> [UInt16]? {
      guard !part.isEmpty else { return [] }
      var result: [UInt16] = []
      let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
      for (index, piece) in pieces.enumerated() {
        if index == pieces.count - 1, piece.contains("."), let v4 = ipv4(String(piece)) {
          result += [UInt16(v4 >> 16), UInt16(v4 & 0xFFFF)]
        } else {
          guard piece.count <= 4, let group = UInt16(piece, radix: 16) else { return nil }
          result.append(group)
        }
      }
      return result
    }
    guard let head = parse(halves[0]) else { return nil }
    if halves.count == 2 {
      guard let tail = parse(halves[1]), head.count + tail.count < 8 else { return nil }
      groups = head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
    } else {
      groups = head
    }
    guard groups.count == 8 else { return nil }
    let high = groups[0..<4].reduce(UInt64(0)) { $0 << 16 | UInt64($1) }
    let low = groups[4..<8].reduce(UInt64(0)) { $0 << 16 | UInt64($1) }
    return (high, low)
  }
}

extension String {
  fileprivate func components(separatedBy separator: String) -> [String] {
    var parts: [String] = []
    var remainder = Substring(self)
    while let range = remainder.range(of: separator) {
      parts.append(String(remainder[..<range.lowerBound]))
      remainder = remainder[range.upperBound...]
    }
    parts.append(String(remainder))
    return parts
  }
}
