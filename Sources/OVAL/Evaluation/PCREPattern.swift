internal import CPCRE2

/// A compiled PCRE2 pattern, for OVAL's `pattern match` (OVAL specifies Perl 5 regular expressions) and for probes
/// that search file contents (textfilecontent54).
///
/// The compiled code and the match context are immutable after creation and PCRE2 documents matching with them as
/// thread safe when every thread uses its own match data, which every match call allocates.
///
/// Every match runs under `MatchLimits`: a pattern that backtracks without end (`(a+)+$` against `aaaa…b`) stops
/// with an error instead of costing seconds of CPU per value, and the error is thrown, never taken as "no match".
public final class PCREPattern: @unchecked Sendable {
  /// The bounds every match runs under (pcre2_set_match_limit, pcre2_set_depth_limit, pcre2_set_heap_limit).
  ///
  /// PCRE2's defaults (ten million backtracking steps, a 20 GB heap) let one match of a catastrophic pattern run
  /// for over 100 ms, and content compares a state pattern with every collected item (2,000 lines took a minute).
  /// A hundredth of the step limit ends a catastrophic match in well under a millisecond with JIT, a few without,
  /// and still lets ordinary patterns search a whole window of a file: the limit counts backtracking, not the
  /// characters or start positions tried (SSG's Debian 11 OVAL gives the same results with it as with PCRE2's
  /// default, and a search of 1 MB of text that never matches stays far below it). The depth and heap limits bound
  /// the interpreter's memory when JIT is not available (JIT ignores them and has its own stack limit).
  public enum MatchLimits {
    /// Backtracking steps per match call.
    public static let steps: UInt32 = 100_000
    /// Nested backtracking frames (interpreter only).
    public static let depth: UInt32 = 100_000
    /// Heap for backtracking frames, in KiB (interpreter only): 64 MiB.
    public static let heapKibibytes: UInt32 = 65_536
  }

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
  /// The match context holding `MatchLimits`; read, never changed, by concurrent matches.
  private let matchContext: OpaquePointer?

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
    matchContext = pcre2_match_context_create_8(nil)
    if let matchContext {
      pcre2_set_match_limit_8(matchContext, MatchLimits.steps)
      pcre2_set_depth_limit_8(matchContext, MatchLimits.depth)
      pcre2_set_heap_limit_8(matchContext, MatchLimits.heapKibibytes)
    }
    // Both modes up front: streaming file searches match with PCRE2_PARTIAL_HARD, and compiling later would race
    // with matches running on other threads.
    _ = pcre2_jit_compile_8(code, PCRE2_JIT_COMPLETE | PCRE2_JIT_PARTIAL_HARD)
  }

  deinit {
    pcre2_match_context_free_8(matchContext)
    pcre2_code_free_8(code)
  }

  /// Whether the pattern matches anywhere in `subject` (OVAL pattern match is a search, not a full match).
  /// - Throws: `PatternError` when PCRE2 cannot finish the match (a `MatchLimits` bound, the JIT stack): the
  ///   comparison is undecided, never "no match".
  public func matches(_ subject: String) throws(PatternError) -> Bool {
    var subject = subject
    let result = subject.withUTF8 { buffer -> Int32 in
      // Only whether there is a match is asked: one ovector pair, and no copy of the subject.
      guard let matchData = pcre2_match_data_create_8(1, nil) else { return PCRE2_ERROR_NOMEMORY }
      defer { pcre2_match_data_free_8(matchData) }
      // Swift strings are valid UTF-8, so PCRE2 need not check.
      return pcre2_match_8(
        code, buffer.baseAddress ?? UnsafePointer(bitPattern: 1), buffer.count, 0, PCRE2_NO_UTF_CHECK, matchData,
        matchContext)
    }
    if result == PCRE2_ERROR_NOMATCH { return false }
    guard result >= 0 else { throw matchFailure(result, at: 0) }
    return true
  }

  /// The whole match and its capture groups for the first match in `subject`; nil when there is none.
  /// - Throws: `PatternError` when PCRE2 cannot finish the match.
  public func firstMatch(in subject: String) throws(PatternError) -> [String?]? {
    try match(in: Array(subject.utf8), from: 0)?.groups
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
      throw matchFailure(PCRE2_ERROR_NOMEMORY, at: offset)
    }
    defer { pcre2_match_data_free_8(matchData) }
    let result = bytes.withUnsafeBufferPointer { buffer in
      pcre2_match_8(
        code, buffer.baseAddress ?? UnsafePointer(bitPattern: 1), buffer.count, offset, 0, matchData, matchContext)
    }
    if result == PCRE2_ERROR_NOMATCH { return nil }
    guard result > 0 else { throw matchFailure(result, at: offset) }
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

  /// A match PCRE2 could not finish, with its reason.
  fileprivate func matchFailure(_ errorCode: Int32, at offset: Int) -> PatternError {
    PatternError(pattern: source, message: Self.message(for: errorCode), offset: offset, stage: .matching)
  }

  fileprivate static func message(for errorCode: Int32) -> String {
    var buffer = [UInt8](repeating: 0, count: 256)
    _ = pcre2_get_error_message_8(errorCode, &buffer, buffer.count)
    return String(decoding: buffer.prefix { $0 != 0 }, as: UTF8.self)
  }
}

/// A pattern PCRE2 refused to compile, or a match PCRE2 could not finish.
public struct PatternError: Error, Sendable, CustomStringConvertible {
  /// Where PCRE2 failed.
  public enum Stage: Sendable {
    /// The pattern is invalid; `offset` is in the pattern.
    case compiling
    /// The match stopped (a match, depth or heap limit); `offset` is where the search started in the subject.
    case matching
  }

  public let pattern: String
  public let message: String
  public let offset: Int
  public let stage: Stage

  public init(pattern: String, message: String, offset: Int, stage: Stage = .compiling) {
    self.pattern = pattern
    self.message = message
    self.offset = offset
    self.stage = stage
  }

  public var description: String {
    switch stage {
    case .compiling: "invalid regular expression '\(pattern)' at offset \(offset): \(message)"
    case .matching: "regular expression '\(pattern)' could not be matched: \(message)"
    }
  }
}

extension PCREPattern {
  /// How many characters before a match start the pattern may look at (its longest lookbehind), so that a stream
  /// search knows how much already searched text to keep (PCRE2_INFO_MAXLOOKBEHIND).
  public var maximumLookbehind: Int {
    var value: UInt32 = 0
    guard pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_MAXLOOKBEHIND), &value) == 0 else { return 255 }
    return Int(value)
  }

  /// A searcher over byte buffers, for text read in pieces; it owns PCRE2 match data, so each task makes its own.
  public func makeSearcher() throws(PatternError) -> PCRESearcher {
    guard let matchData = pcre2_match_data_create_from_pattern_8(code, nil) else {
      throw matchFailure(PCRE2_ERROR_NOMEMORY, at: 0)
    }
    return PCRESearcher(pattern: self, matchData: matchData)
  }

  fileprivate func search(
    _ bytes: UnsafeRawBufferPointer, from offset: Int, partial: PCRESearcher.Partial, matchData: OpaquePointer
  ) throws(PatternError) -> PCRESearcher.Outcome {
    // The bytes are valid UTF-8 (callers decode what they read), so PCRE2 need not check them on every call.
    var options = PCRE2_NO_UTF_CHECK
    switch partial {
    case .none: break
    case .soft: options |= PCRE2_PARTIAL_SOFT
    case .hard: options |= PCRE2_PARTIAL_HARD
    }
    let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? UnsafePointer(bitPattern: 1)
    let result = pcre2_match_8(code, base, bytes.count, offset, options, matchData, matchContext)
    if result == PCRE2_ERROR_NOMATCH { return .none }
    let vector = pcre2_get_ovector_pointer_8(matchData)
    if result == PCRE2_ERROR_PARTIAL {
      return .partial(startingAt: vector?[0] ?? offset)
    }
    guard result > 0 else { throw matchFailure(result, at: offset) }
    let unset = Int(bitPattern: UInt.max)
    var groups: [Range<Int>?] = []
    groups.reserveCapacity(Int(result))
    for index in 0..<Int(result) {
      let start = vector?[2 * index] ?? unset
      let end = vector?[2 * index + 1] ?? unset
      groups.append(start == unset || end < start ? nil : start..<end)
    }
    return .match(groups)
  }
}

/// Searches byte buffers with one pattern, reusing its PCRE2 match data: for streaming searches of large files,
/// where text arrives a window at a time and a match may be cut by the end of the window.
///
/// Not `Sendable`: the match data belongs to the task that made the searcher.
public final class PCRESearcher {
  /// What one search found.
  /// Whether a match cut by the end of the buffer counts (PCRE2's partial matching).
  public enum Partial: Sendable {
    /// The buffer is the whole text.
    case none
    /// A complete match wins; a partial one is reported only when there is no complete match (PCRE2_PARTIAL_SOFT),
    /// as when deciding whether a folder's path could lead to a matching path.
    case soft
    /// Any match that reaches the end of the buffer, or could go on past it, is partial (PCRE2_PARTIAL_HARD), as
    /// when more of a file is still to be read.
    case hard
  }

  public enum Outcome: Equatable {
    /// No match, and no partial match either: nothing from the start offset on can begin a match.
    case none
    /// The whole match and each capture group as byte ranges of the buffer; nil for a group that took no part.
    case match([Range<Int>?])
    /// The end of the buffer cut a possible match that began at this byte: more text is needed to decide.
    case partial(startingAt: Int)
  }

  public let pattern: PCREPattern
  private let matchData: OpaquePointer

  fileprivate init(pattern: PCREPattern, matchData: OpaquePointer) {
    self.pattern = pattern
    self.matchData = matchData
  }

  deinit {
    pcre2_match_data_free_8(matchData)
  }

  /// The first match at or after byte `offset` of `bytes`, which must be valid UTF-8.
  /// - Parameters:
  ///   - partial: whether more text may follow the buffer, and how a match cut by its end is reported.
  /// - Throws: `PatternError` when PCRE2 stops matching (a match or depth limit).
  public func search(
    _ bytes: UnsafeRawBufferPointer, from offset: Int, partial: Partial
  ) throws(PatternError) -> Outcome {
    try pattern.search(bytes, from: offset, partial: partial, matchData: matchData)
  }
}
