internal import CPCRE2

/// A compiled PCRE2 pattern, for OVAL's `pattern match` (OVAL specifies Perl 5 regular expressions) and for probes
/// that search file contents (textfilecontent54).
///
/// The compiled code is immutable after creation and PCRE2 documents matching with it as thread safe when every
/// thread uses its own match data, which every match call allocates.
public final class PCREPattern: @unchecked Sendable {
  /// Compile options beyond PCRE2_UTF, which textfilecontent54's behaviors ask for.
  public struct Options: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32

    public init(rawValue: UInt32) {
      self.rawValue = rawValue
    }

    /// PCRE2_CASELESS (behavior `ignore_case`).
    public static let caseless = Options(rawValue: 1 << 0)
    /// PCRE2_MULTILINE (behavior `multiline`): `^` and `$` also match at line breaks.
    public static let multiline = Options(rawValue: 1 << 1)
    /// PCRE2_DOTALL (behavior `singleline`): `.` also matches a line break.
    public static let dotAll = Options(rawValue: 1 << 2)

    fileprivate var compileFlags: UInt32 {
      var flags = PCRE2_UTF
      if contains(.caseless) { flags |= PCRE2_CASELESS }
      if contains(.multiline) { flags |= PCRE2_MULTILINE }
      if contains(.dotAll) { flags |= PCRE2_DOTALL }
      return flags
    }
  }

  /// One match in a subject.
  public struct Match: Sendable, Equatable {
    /// Where the match is, in UTF-8 bytes of the subject (a `\K` moves the start).
    public let range: Range<Int>
    /// The whole match (index 0), then the capture groups; nil for a group that took no part in the match.
    /// Trailing groups that took no part are absent.
    public let groups: [String?]
  }

  public let source: String
  public let options: Options
  private let code: OpaquePointer

  /// Compiles `pattern` (UTF-8 mode, plus `options`), with JIT where available.
  /// - Throws: `PatternError` with PCRE2's message and the offset of the problem.
  public init(_ pattern: String, options: Options = []) throws(PatternError) {
    source = pattern
    self.options = options
    var errorCode: Int32 = 0
    var errorOffset: Int = 0
    let compiled = pattern.withCString { pointer in
      pcre2_compile_8(
        UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), pattern.utf8.count, options.compileFlags,
        &errorCode, &errorOffset, nil)
    }
    guard let compiled else {
      throw PatternError(pattern: pattern, message: Self.message(for: errorCode), offset: errorOffset)
    }
    code = compiled
    _ = pcre2_jit_compile_8(code, PCRE2_JIT_COMPLETE)
  }

  deinit {
    pcre2_code_free_8(code)
  }

  /// Whether the pattern matches anywhere in `subject` (OVAL pattern match is a search, not a full match).
  public func matches(_ subject: String) -> Bool {
    firstMatch(in: subject) != nil
  }

  /// The whole match and its capture groups for the first match in `subject`; nil when there is none.
  public func firstMatch(in subject: String) -> [String?]? {
    (try? match(in: Array(subject.utf8), from: 0))?.groups
  }

  /// Every match in `subject`, in order. Each search starts where the previous match ended, or one character further
  /// when that match was empty and ended where its search started, as OpenSCAP's textfilecontent54 probe iterates.
  /// - Throws: `PatternError` when PCRE2 stops matching (a match or depth limit), with its message; `offset` is the
  ///   byte offset of the search that failed.
  public func allMatches(in subject: String) throws(PatternError) -> [Match] {
    let bytes = Array(subject.utf8)
    var found: [Match] = []
    var offset = 0
    while offset <= bytes.count, let next = try match(in: bytes, from: offset) {
      found.append(next)
      var following = next.range.upperBound
      if following <= offset {
        following = offset + 1
        // Step over a whole character: PCRE2 refuses a start offset inside a UTF-8 sequence.
        while following < bytes.count && bytes[following] & 0xC0 == 0x80 { following += 1 }
      }
      offset = following
    }
    return found
  }

  /// The first match at or after byte `offset`; nil when there is none.
  private func match(in bytes: [UInt8], from offset: Int) throws(PatternError) -> Match? {
    guard let matchData = pcre2_match_data_create_from_pattern_8(code, nil) else {
      throw PatternError(pattern: source, message: "cannot allocate match data", offset: offset)
    }
    defer { pcre2_match_data_free_8(matchData) }
    let result = bytes.withUnsafeBufferPointer { buffer in
      pcre2_match_8(code, buffer.baseAddress ?? UnsafePointer(bitPattern: 1), buffer.count, offset, 0, matchData, nil)
    }
    if result == PCRE2_ERROR_NOMATCH { return nil }
    guard result > 0 else {
      throw PatternError(pattern: source, message: Self.message(for: result), offset: offset)
    }
    // PCRE2_UNSET is ~(PCRE2_SIZE)0, a macro Swift cannot import.
    let unset = Int(bitPattern: UInt.max)
    let vector = pcre2_get_ovector_pointer_8(matchData)
    var groups: [String?] = []
    for index in 0..<Int(result) {
      let start = vector?[2 * index] ?? unset
      let end = vector?[2 * index + 1] ?? unset
      if start == unset || end < start {
        groups.append(nil)
      } else {
        groups.append(String(decoding: bytes[start..<end], as: UTF8.self))
      }
    }
    let start = vector?[0] ?? 0
    let end = vector?[1] ?? start
    return Match(range: min(start, end)..<end, groups: groups)
  }

  private static func message(for errorCode: Int32) -> String {
    var buffer = [UInt8](repeating: 0, count: 256)
    _ = pcre2_get_error_message_8(errorCode, &buffer, buffer.count)
    return String(decoding: buffer.prefix { $0 != 0 }, as: UTF8.self)
  }
}

/// A pattern PCRE2 refused to compile, or a match PCRE2 could not finish.
public struct PatternError: Error, Sendable, CustomStringConvertible {
  public let pattern: String
  public let message: String
  public let offset: Int

  public var description: String { "invalid regular expression '\(pattern)' at offset \(offset): \(message)" }
}
