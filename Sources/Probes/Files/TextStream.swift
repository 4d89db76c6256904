import Foundation
import OVAL

/// A file's text read a window at a time, decoded as UTF-8 (bytes that are not UTF-8 read as U+FFFD, so the rest of
/// the file can still be searched), for searches whose memory must not grow with the file: a pattern over a
/// multi-gigabyte log costs a window (and the longest match), never the whole file.
struct TextStream {
  /// How much is read at once.
  static let chunkSize = 1 << 20
  /// The longest text one match (or one line) may span before the search gives up on the file.
  static let maximumWindow = 64 << 20

  private let file: OpenedFile
  /// Decoded text not yet discarded: always valid UTF-8.
  private(set) var window: [UInt8] = []
  /// Raw bytes read, the incomplete UTF-8 sequence of the last read at their start.
  private var raw: [UInt8]
  private var pendingCount = 0
  private(set) var isAtEnd = false

  init(_ file: OpenedFile) {
    self.file = file
    raw = [UInt8](repeating: 0, count: Self.chunkSize + 4)
  }

  /// Reads the next chunk into the window; at the end of the file, sets `isAtEnd`.
  /// - Throws: `HostFileError` with errno's reason.
  mutating func readMore() throws(HostFileError) {
    guard !isAtEnd else { return }
    let pending = pendingCount
    let file = self.file
    let count = try raw.withUnsafeMutableBytes { buffer in
      Result { () throws(HostFileError) -> Int in
        try file.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[pending..<(pending + Self.chunkSize)]))
      }
    }.get()
    if count == 0 {
      isAtEnd = true
      if pending > 0 { append(decoding: 0..<pending) }
      pendingCount = 0
      return
    }
    let total = pending + count
    let tail = Self.incompleteTailLength(raw[0..<total])
    append(decoding: 0..<(total - tail))
    for index in 0..<tail { raw[index] = raw[total - tail + index] }
    pendingCount = tail
  }

  private mutating func append(decoding range: Range<Int>) {
    let text = raw.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    window.append(contentsOf: text.utf8)
  }

  /// Drops the window's text before `offset` (moved back to the start of a character); returns how many bytes went.
  mutating func discard(before offset: Int) -> Int {
    var cut = min(max(offset, 0), window.count)
    while cut > 0 && cut < window.count && window[cut] & 0xC0 == 0x80 { cut -= 1 }
    guard cut > 0 else { return 0 }
    window.removeFirst(cut)
    return cut
  }

  /// The first line break at or after `offset`.
  func newlineIndex(from offset: Int) -> Int? {
    guard offset < window.count else { return nil }
    return window.withUnsafeBytes { bytes -> Int? in
      guard let base = bytes.baseAddress,
        let found = memchr(base + offset, Int32(UInt8(ascii: "\n")), bytes.count - offset)
      else { return nil }
      return base.distance(to: UnsafeRawPointer(found))
    }
  }

  /// The text of a byte range of the window.
  func text(_ range: Range<Int>) -> String {
    window.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
  }

  /// How many bytes at the end start a UTF-8 sequence that the next read completes.
  static func incompleteTailLength(_ bytes: ArraySlice<UInt8>) -> Int {
    var index = bytes.endIndex - 1
    var continuations = 0
    while index >= bytes.startIndex && continuations < 3 && bytes[index] & 0xC0 == 0x80 {
      continuations += 1
      index -= 1
    }
    guard index >= bytes.startIndex else { return 0 }
    let lead = bytes[index]
    let needed = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
    let have = bytes.endIndex - index
    return needed > 1 && have < needed ? have : 0
  }
}

/// Why a file's text could not be searched to the end.
struct TextSearchError: Error, CustomStringConvertible {
  let description: String
}

/// One match in a stream: its number from 1, the whole match (from `\K`) and the capture groups (nil for a group that
/// took no part).
struct StreamMatch {
  let instance: Int
  let text: String
  let groups: [String?]
}

extension TextStream {
  /// Every match of `pattern` in the file, in order, each passed to `body` (which returns false to stop). The next
  /// search starts where a match ended, one character further when that is where the search started (an empty
  /// match), as OpenSCAP's textfilecontent54 probe iterates.
  ///
  /// The window grows only while a possible match is cut by its end (PCRE2_PARTIAL_HARD); otherwise searched text is
  /// dropped, keeping what the pattern's lookbehind (or `^` and `\b`) may look at.
  /// - Throws: `TextSearchError` naming the file for a read error, a PCRE2 failure, or a match longer than
  ///   `maximumWindow`.
  mutating func forEachMatch(of pattern: PCREPattern, _ body: (StreamMatch) -> Bool) throws(TextSearchError) {
    let searcher: PCRESearcher
    do {
      searcher = try pattern.makeSearcher()
    } catch {
      throw TextSearchError(description: "\(file.hostPath): \(error.description)")
    }
    let context = (pattern.maximumLookbehind + 1) * 4
    var searchFrom = 0
    var instance = 0
    do {
      try readMore()
      while true {
        if !isAtEnd && window.count - searchFrom < Self.chunkSize / 2 {
          if searchFrom > Self.chunkSize { searchFrom -= discard(before: searchFrom - context) }
          try readMore()
          continue
        }
        if searchFrom > window.count {
          guard !isAtEnd else { return }
          try readMore()
          continue
        }
        let outcome = try window.withUnsafeBytes { (bytes) throws(PatternError) -> PCRESearcher.Outcome in
          try searcher.search(bytes, from: searchFrom, partial: isAtEnd ? .none : .hard)
        }
        switch outcome {
        case .match(let ranges):
          instance += 1
          let whole = ranges.first.flatMap { $0 } ?? searchFrom..<searchFrom
          let match = StreamMatch(
            instance: instance, text: text(whole), groups: ranges.dropFirst().map { $0.map(text) })
          guard body(match) else { return }
          var next = whole.upperBound
          if next <= searchFrom {
            next = searchFrom + 1
            while next < window.count && window[next] & 0xC0 == 0x80 { next += 1 }
          }
          searchFrom = next
        case .partial(let start):
          // No match can start between the search offset and the partial match.
          searchFrom = max(searchFrom, start)
          searchFrom -= discard(before: min(start, searchFrom) - context)
          if window.count - searchFrom > Self.maximumWindow {
            throw TextSearchError(
              description: "\(file.hostPath): a match of '\(pattern.source)' runs over more than "
                + "\(Self.maximumWindow >> 20) MiB; the rest of the file was not searched")
          }
          try readMore()
        case .none:
          if isAtEnd { return }
          // Nothing from the search offset to the end of the window can start a match.
          searchFrom = window.count
          searchFrom -= discard(before: window.count - context)
          try readMore()
        }
      }
    } catch let error as HostFileError {
      throw TextSearchError(description: error.description)
    } catch let error as PatternError {
      throw TextSearchError(
        description: "\(file.hostPath): pattern '\(pattern.source)' failed at byte \(error.offset): \(error.message)")
    } catch let error as TextSearchError {
      throw error
    } catch {
      throw TextSearchError(description: "\(file.hostPath): \(error)")
    }
  }

  /// Every line of the file (with its line break, as `fgets` reads it), in order, each passed to `body` (which
  /// returns false to stop).
  /// - Throws: `TextSearchError` for a read error or a line longer than `maximumWindow`.
  mutating func forEachLine(_ body: (String) -> Bool) throws(TextSearchError) {
    var lineStart = 0
    var scanFrom = 0
    do {
      while true {
        if let newline = newlineIndex(from: scanFrom) {
          guard body(text(lineStart..<(newline + 1))) else { return }
          lineStart = newline + 1
          scanFrom = lineStart
          continue
        }
        if isAtEnd {
          if lineStart < window.count { _ = body(text(lineStart..<window.count)) }
          return
        }
        let removed = discard(before: lineStart)
        lineStart -= removed
        scanFrom = window.count
        if window.count - lineStart > Self.maximumWindow {
          throw TextSearchError(
            description: "\(file.hostPath): a line runs over more than \(Self.maximumWindow >> 20) MiB; "
              + "the rest of the file was not read")
        }
        try readMore()
      }
    } catch let error as HostFileError {
      throw TextSearchError(description: error.description)
    } catch let error as TextSearchError {
      throw error
    } catch {
      throw TextSearchError(description: "\(file.hostPath): \(error)")
    }
  }
}
