import Synchronization

/// Compiles each regular expression once per process; OVAL content repeats the same patterns across many states and
/// objects. `package` so that probes (textfilecontent54) share it.
package final class PatternCache: Sendable {
  package static let shared = PatternCache()

  private struct Key: Hashable {
    let source: String
    let options: PCREPattern.Options
  }

  private let patterns = Mutex<[Key: PCREPattern]>([:])

  /// The compiled pattern for `source` with `options`.
  /// - Throws: `PatternError` when PCRE2 rejects it.
  package func pattern(_ source: String, options: PCREPattern.Options = []) throws(PatternError) -> PCREPattern {
    let key = Key(source: source, options: options)
    if let cached = patterns.withLock({ $0[key] }) { return cached }
    let compiled = try PCREPattern(source, options: options)
    patterns.withLock { $0[key] = compiled }
    return compiled
  }
}
