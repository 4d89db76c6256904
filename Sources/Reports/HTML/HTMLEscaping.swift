import XMLSupport

/// Escapes text for HTML element content and double-quoted attribute values.
enum HTMLEscaping {
  static func escape(_ text: String) -> String { MarkupEscaping.html.escape(text) }

  /// A value safe as an HTML id and URL fragment: letters, digits, `-`, `_` and `.`, the rest as `_`.
  static func identifier(_ text: String) -> String {
    String(text.map { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) ? $0 : "_" })
  }
}
