import Synchronization

/// Compiles each regular expression once per process; OVAL content repeats the same patterns across many states.
final class PatternCache: Sendable {
  static let shared = PatternCache()
  private let patterns = Mutex<[String: PCREPattern]>([:])

  /// The compiled pattern for `source`.
  /// - Throws: `PatternError` when PCRE2 rejects it.
  func pattern(_ source: String) throws(PatternError) -> PCREPattern {
    if let cached = patterns.withLock({ $0[source] }) { return cached }
    let compiled = try PCREPattern(source)
    patterns.withLock { $0[source] = compiled }
    return compiled
  }
}
