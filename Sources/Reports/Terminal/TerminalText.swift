/// Text from a scanned host, a Docker daemon or SCAP content, made safe to print on a terminal or write into a
/// text report: every control character (C0, DEL, C1) and every bidirectional formatting character is written as a
/// visible escape, so that no value can move the cursor, clear the screen, set the window title or the clipboard
/// (OSC 52), overwrite a line (CR), start a forged one (LF) or reorder what is shown (U+202E).
///
/// Every boundary where Palisade prints or writes plain text goes through `escaped(_:)`: the terminal summary, the
/// rule listings, the text report, the diff, `info`, and every message on standard error.
public enum TerminalText {
  /// `text` with `\t`, `\n`, `\r`, `\x1B` (other C0 controls, DEL and C1 controls) and `\u{202E}` (bidirectional
  /// controls) in place of the characters themselves.
  /// - Parameter keepingTabs: leaves tabs as they are, for formats that separate their own fields with them.
  public static func escaped(_ text: String, keepingTabs: Bool = false) -> String {
    guard text.unicodeScalars.contains(where: { needsEscape($0, keepingTabs: keepingTabs) }) else { return text }
    var result = ""
    result.reserveCapacity(text.utf8.count + 16)
    for scalar in text.unicodeScalars {
      guard needsEscape(scalar, keepingTabs: keepingTabs) else {
        result.unicodeScalars.append(scalar)
        continue
      }
      switch scalar {
      case "\t": result += "\\t"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      default:
        let hex = String(scalar.value, radix: 16, uppercase: true)
        result += scalar.value <= 0xFF ? "\\x" + String(repeating: "0", count: 2 - hex.count) + hex : "\\u{\(hex)}"
      }
    }
    return result
  }

  private static func needsEscape(_ scalar: Unicode.Scalar, keepingTabs: Bool) -> Bool {
    switch scalar.value {
    case 0x09: !keepingTabs
    case 0x00...0x1F, 0x7F...0x9F: true
    // Bidirectional formatting: LRM, RLM, ALM, the embeddings and overrides, and the isolates.
    case 0x200E, 0x200F, 0x061C, 0x202A...0x202E, 0x2066...0x2069: true
    default: false
    }
  }
}
