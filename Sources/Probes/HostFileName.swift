import Foundation

/// File names on the scanned host are bytes; Palisade carries them as Strings that keep every byte.
///
/// A name that is valid UTF-8 is the String of its text. Each byte that is not part of a valid UTF-8 sequence (and each
/// byte of a character in the reserved range below, so that no two names share a String) becomes one code point of
/// Unicode's last private use plane, U+10FF80 to U+10FFFF for bytes 0x80 to 0xFF. The String therefore names exactly
/// one file, is matched by patterns like any name, and turns back into the same bytes when the file is opened.
/// Results and messages show such a name escaped (`visible`): see docs/design.md, "Names that are not UTF-8".
package enum HostFileName {
  /// The first code point of the reserved range, which holds byte `b` at `reservedBase + b`.
  private static let reservedBase: UInt32 = 0x10_FF00

  /// The String of the name or path `bytes` (no NUL).
  package static func string<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
    // Every reserved code point is encoded with a leading 0xF4; valid text without that byte is taken as it is.
    if !bytes.contains(0xF4), let text = String(validating: bytes, as: UTF8.self) { return text }
    var scalars = String.UnicodeScalarView()
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    var rest = Array(bytes)[...]
    while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let encoded):
        let scalar = Unicode.UTF8.decode(encoded)
        if isReserved(scalar) {
          for byte in encoded { scalars.append(reservedScalar(for: byte)) }
        } else {
          scalars.append(scalar)
        }
        rest = rest.dropFirst(encoded.count)
      case .error(let length):
        for byte in rest.prefix(length) { scalars.append(reservedScalar(for: byte)) }
        rest = rest.dropFirst(length)
      case .emptyInput:
        return String(scalars)
      }
    }
  }

  /// The String of a NUL-terminated name from the kernel.
  static func string(cString name: UnsafePointer<CChar>) -> String {
    string(UnsafeRawBufferPointer(start: name, count: strlen(name)))
  }

  /// The bytes of a name or path that `string(_:)` made (any other String is its UTF-8).
  package static func bytes(_ name: String) -> [UInt8] {
    guard name.utf8.contains(0xF4) else { return Array(name.utf8) }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(name.utf8.count)
    for scalar in name.unicodeScalars {
      if isReserved(scalar) {
        bytes.append(UInt8(scalar.value - reservedBase))
      } else {
        bytes.append(contentsOf: String(scalar).utf8)
      }
    }
    return bytes
  }

  /// The name as results and messages show it: unchanged when its bytes are UTF-8; otherwise each byte that is not
  /// UTF-8 as `\xHH` (two lowercase hex digits) and each backslash as `\\`, so that the text reads back as the bytes.
  package static func visible(_ name: String) -> String {
    guard name.unicodeScalars.contains(where: isReserved) else { return name }
    var text = ""
    for scalar in name.unicodeScalars {
      if isReserved(scalar) {
        let byte = scalar.value - reservedBase
        text += byte < 0x10 ? "\\x0" + String(byte, radix: 16) : "\\x" + String(byte, radix: 16)
      } else if scalar == "\\" {
        text += "\\\\"
      } else {
        text.unicodeScalars.append(scalar)
      }
    }
    return text
  }

  private static func isReserved(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value >= reservedBase + 0x80
  }

  private static func reservedScalar(for byte: UInt8) -> Unicode.Scalar {
    // Bytes of malformed sequences and of reserved characters are all 0x80 or above.
    // swift-format-ignore: NeverForceUnwrap
    // reservedBase + 0xFF is U+10FFFF, the last code point, so every byte maps to a valid scalar.
    Unicode.Scalar(reservedBase + UInt32(byte))!
  }
}
