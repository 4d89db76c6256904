/// A path into a YAML or JSON document, in the syntax of OpenSCAP's yaml-path library that yamlfilecontent_object's
/// `yamlpath` uses (OVAL 5.11.3 independent schema).
///
/// Segments: `.key` (a key runs to the next `.` or `[`, so `.log-driver` is one key), `['key']` or `["key"]` for a key
/// with any characters (also written `.['key']`), `[n]` for element n of a sequence (from 0), and slices `[:]`,
/// `[start:]`, `[:end]`, `[start:end]`, `[start:end:stride]`. A path may start with `$` (the document), with a
/// segment, or with a bare key (`log-driver` is `.log-driver`). OpenSCAP 1.3.7 itself accepts only `'...'` brackets
/// and the full slice `[:]`; the other forms follow the later yaml-path releases.
struct YAMLPath: Sendable, Equatable, CustomStringConvertible {
  /// One step of a path.
  enum Segment: Sendable, Equatable {
    /// The value of a mapping's key.
    case key(String)
    /// One element of a sequence, from 0.
    case index(Int)
    /// The elements `start..<end` of a sequence, every `stride`th one; `end` nil runs to the end.
    case slice(start: Int, end: Int?, stride: Int)
  }

  /// The path as written.
  let description: String
  let segments: [Segment]

  /// Whether the path can select several elements of a sequence; OpenSCAP then reports the selected elements as if
  /// they were still in their sequence (see `YAMLValueRecords`).
  var hasSlice: Bool {
    segments.contains { if case .slice = $0 { true } else { false } }
  }

  /// Parses a path.
  /// - Throws: `YAMLPathError` naming the problem and its offset in the path.
  init(parsing path: String) throws(YAMLPathError) {
    description = path
    var parser = YAMLPathParser(path)
    segments = try parser.parse()
  }

  /// The nodes of `document` the path selects, in document order.
  func select<Node: YAMLDocumentNode>(in document: Node) -> [Node] {
    var nodes = [document]
    for segment in segments {
      nodes = nodes.flatMap { Self.apply(segment, to: $0) }
    }
    return nodes
  }

  private static func apply<Node: YAMLDocumentNode>(_ segment: Segment, to node: Node) -> [Node] {
    switch (segment, node.yamlContent) {
    case (.key(let key), .mapping(let mapping)):
      return mapping.compactMap { pair in
        if case .scalar(let scalar) = pair.key.yamlContent, scalar.text == key { return pair.value }
        return nil
      }
    case (.index(let index), .sequence(let sequence)):
      return index < sequence.count ? [sequence[index]] : []
    case (.slice(let start, let end, let stride), .sequence(let sequence)):
      let upper = min(end ?? sequence.count, sequence.count)
      guard start < upper else { return [] }
      return Swift.stride(from: start, to: upper, by: stride).map { sequence[$0] }
    default:
      return []
    }
  }
}

/// A `yamlpath` that does not parse.
struct YAMLPathError: Error, Sendable, Equatable, CustomStringConvertible {
  let path: String
  let message: String
  /// The offset of the problem in the path, in characters.
  let offset: Int

  /// `invalid yamlpath '.a[x]' at offset 3: index is not a number`.
  var description: String { "invalid yamlpath '\(path)' at offset \(offset): \(message)" }
}

/// Reads a path one segment at a time.
private struct YAMLPathParser {
  let path: String
  let characters: [Character]
  var position = 0

  init(_ path: String) {
    self.path = path
    characters = Array(path)
  }

  mutating func parse() throws(YAMLPathError) -> [YAMLPath.Segment] {
    guard !characters.isEmpty else { throw failure("path is empty") }
    var segments: [YAMLPath.Segment] = []
    if characters[0] == "$" && (characters.count == 1 || characters[1] == "." || characters[1] == "[") {
      position = 1
    } else if characters[0] != "." && characters[0] != "[" {
      segments.append(.key(readBareKey()))
    }
    while let character = current {
      switch character {
      case ".":
        position += 1
        if current == "[" {
          segments.append(try readBracket())
        } else {
          let start = position
          let key = readBareKey()
          guard !key.isEmpty else { throw failure("segment key is missing", at: start - 1) }
          segments.append(.key(key))
        }
      case "[":
        segments.append(try readBracket())
      default:
        throw failure("unexpected '\(character)'; a segment starts with '.' or '['")
      }
    }
    return segments
  }

  private var current: Character? { position < characters.count ? characters[position] : nil }

  private mutating func readBareKey() -> String {
    let start = position
    while let character = current, character != ".", character != "[" { position += 1 }
    return String(characters[start..<position])
  }

  /// `[...]` at `position`: a quoted key, an index or a slice.
  private mutating func readBracket() throws(YAMLPathError) -> YAMLPath.Segment {
    let open = position
    position += 1
    if let quote = current, quote == "'" || quote == "\"" {
      position += 1
      let start = position
      while let character = current, character != quote { position += 1 }
      guard current == quote else { throw failure("missing closing \(quote) in a quoted key", at: start - 1) }
      let key = String(characters[start..<position])
      guard !key.isEmpty else { throw failure("segment key is missing", at: start - 1) }
      position += 1
      guard current == "]" else { throw failure("expected ']' after the quoted key") }
      position += 1
      return .key(key)
    }
    var numbers: [Int?] = [try readNumber()]
    while current == ":" {
      guard numbers.count < 3 else { throw failure("a slice has at most start:end:stride") }
      position += 1
      numbers.append(try readNumber())
    }
    guard current == "]" else {
      if current == nil { throw failure("missing ']'", at: open) }
      throw failure("unexpected '\(current.map(String.init) ?? "")' in '[...]'")
    }
    position += 1
    if numbers.count == 1 {
      guard let index = numbers[0] else { throw failure("index is missing", at: open) }
      return .index(index)
    }
    let stride = numbers.count == 3 ? (numbers[2] ?? 1) : 1
    guard stride > 0 else { throw failure("slice stride must be at least 1", at: open) }
    return .slice(start: numbers[0] ?? 0, end: numbers.count > 1 ? numbers[1] : nil, stride: stride)
  }

  /// Decimal digits at `position`, or nil when there are none.
  private mutating func readNumber() throws(YAMLPathError) -> Int? {
    if current == "-" { throw failure("negative indexes are not supported") }
    let start = position
    while let character = current, character.isASCII, character.isNumber { position += 1 }
    guard position > start else { return nil }
    guard let number = Int(String(characters[start..<position])) else {
      throw failure("index is too large", at: start)
    }
    return number
  }

  private func failure(_ message: String, at offset: Int? = nil) -> YAMLPathError {
    YAMLPathError(path: path, message: message, offset: offset ?? position)
  }
}
