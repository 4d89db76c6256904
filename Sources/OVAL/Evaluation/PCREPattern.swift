internal import CPCRE2

/// A compiled PCRE2 pattern, for OVAL's `pattern match` (OVAL specifies Perl 5 regular expressions).
///
/// The compiled code is immutable after creation and PCRE2 documents matching with it as thread safe when every
/// thread uses its own match data, which `matches` allocates per call.
public final class PCREPattern: @unchecked Sendable {
  public let source: String
  private let code: OpaquePointer

  /// Compiles `pattern` (UTF-8 mode), with JIT where available.
  /// - Throws: `PatternError` with PCRE2's message and the offset of the problem.
  public init(_ pattern: String) throws(PatternError) {
    source = pattern
    var errorCode: Int32 = 0
    var errorOffset: Int = 0
    let compiled = pattern.withCString { pointer in
      pcre2_compile_8(
        UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), pattern.utf8.count, PCRE2_UTF, &errorCode,
        &errorOffset, nil)
    }
    guard let compiled else {
      var buffer = [UInt8](repeating: 0, count: 256)
      _ = pcre2_get_error_message_8(errorCode, &buffer, buffer.count)
      let message = String(decoding: buffer.prefix { $0 != 0 }, as: UTF8.self)
      throw PatternError(pattern: pattern, message: message, offset: errorOffset)
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
    guard let matchData = pcre2_match_data_create_from_pattern_8(code, nil) else { return nil }
    defer { pcre2_match_data_free_8(matchData) }
    let utf8 = Array(subject.utf8)
    let result = utf8.withUnsafeBufferPointer { buffer in
      pcre2_match_8(code, buffer.baseAddress ?? UnsafePointer(bitPattern: 1), buffer.count, 0, 0, matchData, nil)
    }
    guard result > 0 else { return nil }
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
        groups.append(String(decoding: utf8[start..<end], as: UTF8.self))
      }
    }
    return groups
  }
}

/// A pattern PCRE2 refused to compile.
public struct PatternError: Error, Sendable, CustomStringConvertible {
  public let pattern: String
  public let message: String
  public let offset: Int

  public var description: String { "invalid regular expression '\(pattern)' at offset \(offset): \(message)" }
}
