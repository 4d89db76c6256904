import OVAL

/// How a textfilecontent54 pattern is applied (OVAL 5.11.2 independent schema, Textfilecontent54Behaviors).
struct TextPatternOptions: OptionSet, Sendable, Hashable {
  let rawValue: Int

  /// `ignore_case`: letters match either case (PCRE2_CASELESS).
  static let caseInsensitive = TextPatternOptions(rawValue: 1 << 0)
  /// `multiline`: `^` and `$` also match at line breaks (PCRE2_MULTILINE); OVAL's default.
  static let multiline = TextPatternOptions(rawValue: 1 << 1)
  /// `singleline`: `.` also matches a line break (PCRE2_DOTALL).
  static let singleline = TextPatternOptions(rawValue: 1 << 2)

  fileprivate var compileOptions: PCREPattern.Options {
    var options: PCREPattern.Options = []
    if contains(.caseInsensitive) { options.insert(.caseless) }
    if contains(.multiline) { options.insert(.multiline) }
    if contains(.singleline) { options.insert(.dotAll) }
    return options
  }
}

/// One match of a pattern in a text: the whole match and the capture groups.
struct TextMatch: Sendable, Equatable {
  /// The whole match (from `\K` when the pattern uses it).
  let text: String
  /// Capture groups 1, 2, ...; nil for a group that took no part in the match. Trailing unset groups are absent.
  let groups: [String?]
}

/// Why a pattern could not be applied to a text.
struct TextPatternError: Error, Sendable, CustomStringConvertible {
  let description: String
}

/// A PCRE2 pattern applied to a whole text, every match in turn, as OVAL's textfilecontent54 needs (instance 1 is the
/// first match, and the next search starts where a match ended, one character further after an empty match, as in
/// OpenSCAP).
struct TextPattern: Sendable {
  /// The pattern as the OVAL object wrote it.
  let source: String
  let options: TextPatternOptions
  let compiled: PCREPattern

  /// Compiles `source` with `options`, once per process.
  /// - Throws: `PatternError` with PCRE2's message and the offset in `source`.
  init(_ source: String, options: TextPatternOptions) throws(PatternError) {
    self.source = source
    self.options = options
    compiled = try PatternCache.shared.pattern(source, options: options.compileOptions)
  }

  /// Every match in `text`, in order.
  /// - Throws: `TextPatternError` when PCRE2 stops matching (a match or depth limit).
  func matches(in text: String) throws(TextPatternError) -> [TextMatch] {
    do {
      return try compiled.allMatches(in: text).map { match in
        TextMatch(text: match.groups.first.flatMap { $0 } ?? "", groups: Array(match.groups.dropFirst()))
      }
    } catch {
      throw TextPatternError(description: "pattern '\(source)' failed at byte \(error.offset): \(error.message)")
    }
  }
}
