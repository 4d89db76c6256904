/// Reads a JSON text (RFC 8259) into a `JSONValue` in one pass, for every JSON document Palisade reads: the Docker
/// Engine API's answers, JSON files selected by yamlfilecontent (daemon.json) and busctl's output.
///
/// Strict as Go's encoding/json, which dockerd uses to read daemon.json, except that a leading UTF-8 byte order mark is
/// skipped and a name that appears twice in one object is an error (dockerd would keep the last one, a check could
/// read either). Lone UTF-16 surrogates in `\u` escapes become U+FFFD, as in Go. Nesting is limited to
/// `maximumDepth`, so a hostile document cannot exhaust the stack.
package struct JSONParser {
  /// The deepest nesting of arrays and objects accepted.
  static let maximumDepth = 512

  /// Parses `bytes` as one JSON text.
  /// - Throws: `JSONParseError` with the line and column of the first problem.
  package static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
    var parser = JSONParser(bytes: bytes)
    do throws(JSONParser.Problem) {
      parser.skipByteOrderMark()
      parser.skipWhitespace()
      let value = try parser.parseValue(depth: 0)
      parser.skipWhitespace()
      guard parser.position == bytes.count else { throw parser.problem("unexpected text after the JSON value") }
      return value
    } catch {
      throw JSONParseError(bytes: bytes, offset: error.offset, message: error.message)
    }
  }

  /// Whether `bytes` hold only whitespace (and a byte order mark): a JSON file without a document.
  static func isBlank(_ bytes: [UInt8]) -> Bool {
    var parser = JSONParser(bytes: bytes)
    parser.skipByteOrderMark()
    parser.skipWhitespace()
    return parser.position == bytes.count
  }

  fileprivate struct Problem: Error {
    let offset: Int
    let message: String
  }

  private let bytes: [UInt8]
  private var position = 0

  private init(bytes: [UInt8]) {
    self.bytes = bytes
  }

  private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

  private func problem(_ message: String, at offset: Int? = nil) -> Problem {
    Problem(offset: offset ?? position, message: message)
  }

  private mutating func skipByteOrderMark() {
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
  }

  private mutating func skipWhitespace() {
    while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { position += 1 }
  }

  private mutating func parseValue(depth: Int) throws(Problem) -> JSONValue {
    guard let byte = current else { throw problem("expected a value, found the end of the text") }
    switch byte {
    case UInt8(ascii: "{"): return .object(try parseObject(depth: depth + 1))
    case UInt8(ascii: "["): return .array(try parseArray(depth: depth + 1))
    case UInt8(ascii: "\""): return .string(try parseString())
    case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
    case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
    case UInt8(ascii: "n"): try expectWord("null"); return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
    default: throw problem("expected a value, found \(Self.describe(byte))")
    }
  }

  private mutating func expectWord(_ word: String) throws(Problem) {
    let start = position
    let expected = word.utf8
    guard bytes[position...].starts(with: expected) else {
      throw problem("expected a value, found \(Self.describe(bytes[start]))", at: start)
    }
    position += expected.count
  }

  private mutating func parseObject(depth: Int) throws(Problem) -> JSONObject {
    guard depth <= Self.maximumDepth else {
      throw problem("nesting deeper than \(Self.maximumDepth) arrays and objects")
    }
    position += 1
    var members: [JSONObject.Member] = []
    var names = Set<String>()
    skipWhitespace()
    if current == UInt8(ascii: "}") {
      position += 1
      return JSONObject(members: members)
    }
    while true {
      skipWhitespace()
      let nameOffset = position
      guard current == UInt8(ascii: "\"") else { throw problem("expected a member name in double quotes") }
      let name = try parseString()
      guard names.insert(name).inserted else { throw problem("duplicate key '\(name)' in an object", at: nameOffset) }
      skipWhitespace()
      guard current == UInt8(ascii: ":") else { throw problem("expected ':' after the member name") }
      position += 1
      skipWhitespace()
      members.append(JSONObject.Member(name: name, value: try parseValue(depth: depth)))
      skipWhitespace()
      switch current {
      case UInt8(ascii: ","): position += 1
      case UInt8(ascii: "}"):
        position += 1
        return JSONObject(members: members)
      default: throw problem("expected ',' or '}' after an object member")
      }
    }
  }

  private mutating func parseArray(depth: Int) throws(Problem) -> [JSONValue] {
    guard depth <= Self.maximumDepth else {
      throw problem("nesting deeper than \(Self.maximumDepth) arrays and objects")
    }
    position += 1
    var elements: [JSONValue] = []
    skipWhitespace()
    if current == UInt8(ascii: "]") {
      position += 1
      return elements
    }
    while true {
      skipWhitespace()
      elements.append(try parseValue(depth: depth))
      skipWhitespace()
      switch current {
      case UInt8(ascii: ","): position += 1
      case UInt8(ascii: "]"):
        position += 1
        return elements
      default: throw problem("expected ',' or ']' after an array element")
      }
    }
  }

  /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, kept as text.
  private mutating func parseNumber() throws(Problem) -> String {
    let start = position
    if current == UInt8(ascii: "-") { position += 1 }
    if current == UInt8(ascii: "0") {
      position += 1
    } else {
      guard try skipDigits() else { throw problem("expected a digit in a number") }
    }
    if current == UInt8(ascii: ".") {
      position += 1
      guard try skipDigits() else { throw problem("expected a digit after the decimal point") }
    }
    if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
      position += 1
      if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
      guard try skipDigits() else { throw problem("expected a digit in the exponent") }
    }
    return String(decoding: bytes[start..<position], as: UTF8.self)
  }

  /// Skips decimal digits; whether there was one.
  private mutating func skipDigits() throws(Problem) -> Bool {
    let start = position
    while let byte = current, byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") { position += 1 }
    return position > start
  }

  /// A string at `position` (its opening quote), unescaped.
  private mutating func parseString() throws(Problem) -> String {
    let opening = position
    position += 1
    let start = position
    // Most strings have no escape: find the closing quote and decode the bytes in between at once.
    while let byte = current, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\"), byte >= 0x20 { position += 1 }
    if current == UInt8(ascii: "\"") {
      guard let text = String(validating: bytes[start..<position], as: UTF8.self) else {
        throw problem("the string is not UTF-8", at: opening)
      }
      position += 1
      return text
    }
    var unescaped = Array(bytes[start..<position])
    while true {
      guard let byte = current else { throw problem("the string has no closing quote", at: opening) }
      switch byte {
      case UInt8(ascii: "\""):
        position += 1
        guard let text = String(validating: unescaped, as: UTF8.self) else {
          throw problem("the string is not UTF-8", at: opening)
        }
        return text
      case UInt8(ascii: "\\"):
        position += 1
        try appendEscape(to: &unescaped)
      case 0..<0x20:
        throw problem("a control character must be escaped in a string")
      default:
        unescaped.append(byte)
        position += 1
      }
    }
  }

  private mutating func appendEscape(to output: inout [UInt8]) throws(Problem) {
    guard let byte = current else { throw problem("the string ends inside an escape") }
    position += 1
    switch byte {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(byte)
    case UInt8(ascii: "b"): output.append(0x08)
    case UInt8(ascii: "f"): output.append(0x0C)
    case UInt8(ascii: "n"): output.append(0x0A)
    case UInt8(ascii: "r"): output.append(0x0D)
    case UInt8(ascii: "t"): output.append(0x09)
    case UInt8(ascii: "u"):
      var scalar = try readHexQuad()
      if (0xD800..<0xDC00).contains(scalar), bytes[position...].starts(with: [UInt8(ascii: "\\"), UInt8(ascii: "u")]) {
        let resume = position
        position += 2
        let low = try readHexQuad()
        if (0xDC00..<0xE000).contains(low) {
          scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        } else {
          position = resume
        }
      }
      output.append(contentsOf: Array(String(Unicode.Scalar(scalar).map(Character.init) ?? "\u{FFFD}").utf8))
    default:
      throw problem("unknown escape '\\\(Self.describe(byte))' in a string", at: position - 2)
    }
  }

  private mutating func readHexQuad() throws(Problem) -> UInt32 {
    guard bytes.count - position >= 4,
      let value = UInt32(String(decoding: bytes[position..<position + 4], as: UTF8.self), radix: 16),
      bytes[position..<position + 4].allSatisfy({ Character(Unicode.Scalar($0)).isHexDigit })
    else { throw problem("expected four hexadecimal digits after '\\u'") }
    position += 4
    return value
  }

  private static func describe(_ byte: UInt8) -> String {
    (0x21..<0x7F).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
  }
}

/// A JSON text that does not parse: where (1-based line and column, in characters) and why.
package struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
  package let line: Int
  package let column: Int
  package let message: String

  fileprivate init(bytes: [UInt8], offset: Int, message: String) {
    let before = bytes[..<min(offset, bytes.count)]
    let lineStart = (before.lastIndex(of: 0x0A)).map { $0 + 1 } ?? 0
    line = before.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
    // UTF-8 continuation bytes do not start a character.
    column = bytes[lineStart..<before.endIndex].reduce(1) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
    self.message = message
  }

  /// `3:1: expected a value, found '}'`.
  package var description: String { "\(line):\(column): \(message)" }
}
