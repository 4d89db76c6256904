import Foundation

/// The functions that rewrite each string value on its own: begin, end, escape_regex, split, substring and
/// regex_capture (OVAL 5.11.2, the corresponding FunctionType sections).
enum TextFunctions {
  /// Prefixes `prefix` to each value that does not already start with it.
  static func begin(_ prefix: String, _ values: [String]) -> [String] {
    values.map { $0.hasPrefix(prefix) ? $0 : prefix + $0 }
  }

  /// Appends `suffix` to each value that does not already end with it.
  static func end(_ suffix: String, _ values: [String]) -> [String] {
    values.map { $0.hasSuffix(suffix) ? $0 : $0 + suffix }
  }

  /// Escapes Perl's metacharacters `^$\.[](){}*+?|` with a backslash.
  static func escapeRegex(_ values: [String]) -> [String] {
    let metacharacters: Set<Character> = ["^", "$", "\\", ".", "[", "]", "(", ")", "{", "}", "*", "+", "?", "|"]
    return values.map { value in
      var escaped = ""
      for character in value {
        if metacharacters.contains(character) { escaped.append("\\") }
        escaped.append(character)
      }
      return escaped
    }
  }

  /// Splits each value at every occurrence of `delimiter`, keeping empty pieces at the ends and between adjacent
  /// delimiters.
  static func split(_ delimiter: String, _ values: [String]) throws(FunctionError) -> [String] {
    guard !delimiter.isEmpty else { throw FunctionError("split needs a non-empty delimiter") }
    return values.flatMap { value -> [String] in
      var pieces: [String] = []
      var remainder = Substring(value)
      while let range = remainder.range(of: delimiter) {
        pieces.append(String(remainder[..<range.lowerBound]))
        remainder = remainder[range.upperBound...]
      }
      pieces.append(String(remainder))
      return pieces
    }
  }

  /// Characters `start` (1-based; below 1 means 1) through `start + length - 1`; a negative length or one past the
  /// end takes the rest. A start past the end is an error.
  static func substring(start: Int, length: Int, _ values: [String]) throws(FunctionError) -> [String] {
    var results: [String] = []
    for value in values {
      let characters = Array(value)
      let first = max(start, 1) - 1
      guard first < characters.count || (characters.isEmpty && first == 0) else {
        throw FunctionError("substring start \(start) is past the end of '\(value)'")
      }
      let count = length < 0 ? characters.count - first : min(length, characters.count - first)
      results.append(String(characters[first..<first + count]))
    }
    return results
  }

  /// The first capture group of the first match in each value; the empty string where nothing matches or the
  /// pattern has no group. A match PCRE2 cannot finish (a match limit) fails the function.
  static func regexCapture(_ pattern: String, _ values: [String]) throws(FunctionError) -> [String] {
    let compiled: PCREPattern
    do {
      compiled = try PatternCache.shared.pattern(pattern)
    } catch {
      throw FunctionError(error.description)
    }
    var captured: [String] = []
    for value in values {
      do {
        guard let groups = try compiled.firstMatch(in: value), groups.count > 1 else {
          captured.append("")
          continue
        }
        captured.append(groups[1] ?? "")
      } catch {
        throw FunctionError(error.description)
      }
    }
    return captured
  }
}
