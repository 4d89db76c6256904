/// The one escaping loop behind XML character data, XML attribute values and HTML: `&`, `<` and `>` always become
/// entities, and `options` says what else does. It walks Unicode scalars, not characters, so a quotation mark
/// followed by a combining mark is escaped too (as a character it compares unequal to `"` and would close an
/// attribute).
public struct MarkupEscaping: OptionSet, Sendable {
  public let rawValue: Int

  public init(rawValue: Int) {
    self.rawValue = rawValue
  }

  /// `"` as `&quot;`, for double-quoted attribute values.
  public static let quotationMarks = MarkupEscaping(rawValue: 1 << 0)
  /// `'` as `&#39;`.
  public static let apostrophes = MarkupEscaping(rawValue: 1 << 1)
  /// Line feeds and tabs as character references, which an attribute value would otherwise normalize to spaces.
  public static let lineFeedsAndTabs = MarkupEscaping(rawValue: 1 << 2)
  /// Carriage returns as `&#13;`, which a parser would otherwise normalize away.
  public static let carriageReturns = MarkupEscaping(rawValue: 1 << 3)
  /// Drops the characters XML 1.0 cannot carry (most control characters, lone surrogates, U+FFFE, U+FFFF).
  public static let xmlCharactersOnly = MarkupEscaping(rawValue: 1 << 4)

  /// XML character data.
  public static let xmlText: MarkupEscaping = [.carriageReturns, .xmlCharactersOnly]
  /// A double-quoted XML attribute value.
  public static let xmlAttribute: MarkupEscaping = [
    .quotationMarks, .lineFeedsAndTabs, .carriageReturns, .xmlCharactersOnly,
  ]
  /// HTML element content and double- or single-quoted attribute values.
  public static let html: MarkupEscaping = [.quotationMarks, .apostrophes]

  /// `text` with what these options name replaced by entities or character references.
  public func escape(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"" where contains(.quotationMarks): result += "&quot;"
      case "'" where contains(.apostrophes): result += "&#39;"
      case "\n" where contains(.lineFeedsAndTabs): result += "&#10;"
      case "\t" where contains(.lineFeedsAndTabs): result += "&#9;"
      case "\r" where contains(.carriageReturns): result += "&#13;"
      default:
        if !contains(.xmlCharactersOnly) || Self.isAllowedInXML(scalar) { result.unicodeScalars.append(scalar) }
      }
    }
    return result
  }

  // XML 1.0, section 2.2: Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
  private static func isAllowedInXML(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    return value == 0x9 || value == 0xA || value == 0xD || (0x20...0xD7FF).contains(value)
      || (0xE000...0xFFFD).contains(value) || value >= 0x10000
  }
}
