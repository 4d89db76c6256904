import Engine
import Foundation
import SCAPContent
import XMLSupport

/// Reads the `ScanSummary` of an ARF as a stream (`XMLStreamReader`): the asset's names and the XCCDF TestResult, and
/// nothing after it. The report request (the content, most of an ARF's bytes) is passed over without being parsed:
/// the reader starts after the first `</PREFIX:report-requests>` end tag, behind a copy of the document element's
/// start tag (which declares the namespaces). Where that text stood inside a comment or CDATA section rather than
/// being the tag, the rest cannot be read as XML (the real end tag is then unmatched), and the whole file is read
/// instead, so the answer and the place of any error are those of the whole file.
public enum ARFSummaryReader {
  /// The summary of the ARF at `path`.
  /// - Throws: `FileReadError` when the file cannot be read, `LocatedError` naming the place when it is not an ARF
  ///   with a TestResult.
  public static func summary(ofARFAt path: String) throws -> ScanSummary {
    let file = try RegularFile.mappedContents(atPath: path)
    if let shortcut = try? shortcutReader(file, path: path), let summary = try? summary(from: shortcut, path: path) {
      return summary
    }
    return try summary(from: XMLStreamReader(chunks: [file], path: path), path: path)
  }

  /// A reader over the document element's start tag followed by what follows the report request's end.
  private static func shortcutReader(_ file: Data, path: String) throws -> XMLStreamReader? {
    guard let found = file.withUnsafeBytes({ tail(in: $0) }) else { return nil }
    return try XMLStreamReader(
      chunks: [found.startTag, file[found.tailStart...]], path: path, line: found.line, column: found.column,
      preamble: found.startTag.count)
  }

  /// What the reader reads instead of the whole file: a copy of the document element's start tag (line breaks made
  /// spaces, so places stay on one line), then the file from `tailStart`, which is at `line`, `column`.
  private struct Tail {
    let startTag: Data
    let tailStart: Int
    let line: Int
    let column: Int
  }

  private static func tail(in bytes: UnsafeRawBufferPointer) -> Tail? {
    guard let root = documentElementStartTag(in: bytes) else { return nil }
    let name = bytes[root.nameRange]
    let prefix = name.firstIndex(of: UInt8(ascii: ":")).map { Array(name[name.startIndex...$0]) } ?? []
    let endTag = Array("</".utf8) + prefix + Array("report-requests>".utf8)
    guard let end = find(endTag, in: bytes, from: root.tag.upperBound) else { return nil }
    let tailStart = end + endTag.count
    let startTag = Data(
      bytes[root.tag].map { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") ? UInt8(ascii: " ") : $0 })
    var line = 1
    var lineStart = 0
    if let base = bytes.baseAddress {
      while lineStart < tailStart,
        let newline = memchr(base + lineStart, Int32(UInt8(ascii: "\n")), tailStart - lineStart)
      {
        lineStart = base.distance(to: UnsafeRawPointer(newline)) + 1
        line += 1
      }
    }
    return Tail(startTag: startTag, tailStart: tailStart, line: line, column: tailStart - lineStart + 1)
  }

  /// Where the document element's start tag is, and its name inside it.
  private static func documentElementStartTag(in bytes: UnsafeRawBufferPointer) -> (
    tag: Range<Int>, nameRange: Range<Int>
  )? {
    var index = 0
    while let open = bytes[index...].firstIndex(of: UInt8(ascii: "<")) {
      let next = open + 1
      guard next < bytes.count else { return nil }
      if bytes[next] == UInt8(ascii: "?") || bytes[next] == UInt8(ascii: "!") {
        // A declaration, comment or DOCTYPE before the document element: the reader refuses a DOCTYPE anyway.
        guard let close = bytes[next...].firstIndex(of: UInt8(ascii: ">")) else { return nil }
        index = close + 1
        continue
      }
      var nameEnd = next
      while nameEnd < bytes.count && !" \t\r\n/>".utf8.contains(bytes[nameEnd]) { nameEnd += 1 }
      var quote: UInt8?
      var cursor = nameEnd
      while cursor < bytes.count {
        let byte = bytes[cursor]
        if let open = quote {
          if byte == open { quote = nil }
        } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
          quote = byte
        } else if byte == UInt8(ascii: ">") {
          // A document element that ends here (`<a/>`) has no report request to pass over.
          return bytes[cursor - 1] == UInt8(ascii: "/") ? nil : (open..<(cursor + 1), next..<nameEnd)
        }
        cursor += 1
      }
      return nil
    }
    return nil
  }

  /// The offset of the first `needle` in `bytes` at or after `start`: memchr finds each candidate by the needle's
  /// `q` (rare in XML, so few candidates are compared) or its first byte.
  private static func find(_ needle: [UInt8], in bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
    guard let base = bytes.baseAddress, !needle.isEmpty else { return nil }
    let anchor = needle.firstIndex(of: UInt8(ascii: "q")) ?? 0
    var cursor = start + anchor
    while cursor < bytes.count,
      let hit = memchr(base + cursor, Int32(needle[anchor]), bytes.count - cursor)
    {
      let offset = base.distance(to: UnsafeRawPointer(hit))
      let candidate = offset - anchor
      if candidate + needle.count <= bytes.count
        && needle.withUnsafeBytes({ pattern in
          pattern.baseAddress.map { memcmp(base + candidate, $0, needle.count) == 0 } ?? false
        })
      {
        return candidate
      }
      cursor = offset + 1
    }
    return nil
  }

  private static let xccdf = [SCAPNamespace.xccdf12, SCAPNamespace.xccdf11]

  /// Reads up to the end of the first TestResult, passing over the report request.
  private static func summary(from reader: XMLStreamReader, path: String) throws -> ScanSummary {
    var assetNames: (host: String?, fqdn: String?) = (nil, nil)
    var testResult: (start: String?, end: String?, depth: Int)?
    var target: String?
    var benchmarkID = ""
    var profileID: String?
    var score: Double?
    var outcomes: [RuleOutcome] = []
    var more = try reader.read()
    while more {
      let namespace = reader.namespace
      let name = reader.localName
      if reader.kind == .endElement, let open = testResult, reader.depth == open.depth,
        xccdf.contains(namespace ?? "")
          && name == "TestResult"
      {
        return ScanSummary(
          path: path, hostName: assetNames.host ?? target ?? "", fullyQualifiedName: assetNames.fqdn,
          benchmarkID: benchmarkID, profileID: profileID, startTime: open.start, endTime: open.end, score: score,
          rules: RuleOutcome.merged(outcomes))
      }
      guard reader.kind == .startElement else {
        more = try reader.read()
        continue
      }
      switch (namespace, name) {
      case (SCAPNamespace.arf, "report-requests"):
        more = try reader.skipElement()
        continue
      case (SCAPNamespace.assetIdentification, "hostname") where assetNames.host == nil && testResult == nil:
        assetNames.host = try reader.elementText().trimmingCharacters(in: .whitespacesAndNewlines)
      case (SCAPNamespace.assetIdentification, "fqdn") where assetNames.fqdn == nil && testResult == nil:
        assetNames.fqdn = try reader.elementText().trimmingCharacters(in: .whitespacesAndNewlines)
      case (let space?, "TestResult") where xccdf.contains(space) && testResult == nil:
        testResult = (reader.attribute("start-time"), reader.attribute("end-time"), reader.depth)
        if reader.isEmptyElement {
          throw LocatedError("the TestResult holds no results", at: reader.location)
        }
      case (let space?, _) where testResult != nil && xccdf.contains(space):
        switch name {
        case "target" where target == nil:
          target = try reader.elementText().trimmingCharacters(in: .whitespacesAndNewlines)
        case "benchmark":
          benchmarkID = reader.attribute("id") ?? reader.attribute("href") ?? ""
        case "profile":
          profileID = reader.attribute("idref")
        case "score" where score == nil:
          score = Double(try reader.elementText().trimmingCharacters(in: .whitespacesAndNewlines))
        case "rule-result":
          outcomes.append(try ruleOutcome(reader))
        default:
          break
        }
      default:
        break
      }
      more = try reader.read()
    }
    throw LocatedError("no XCCDF TestResult in the ARF", at: SourceLocation(file: path, line: 1, column: 1))
  }

  /// A rule-result's id, version, severity and result; the reader ends on its end tag.
  private static func ruleOutcome(_ reader: XMLStreamReader) throws -> RuleOutcome {
    let location = reader.location
    let ruleID = reader.attribute("idref") ?? ""
    let version = reader.attribute("version")
    let severity = RuleSeverity(attribute: reader.attribute("severity"))
    var result: RuleResultValue?
    if !reader.isEmptyElement {
      let level = reader.depth
      while try reader.read() {
        if reader.kind == .endElement && reader.depth == level { break }
        if reader.kind == .startElement && reader.depth == level + 1 && reader.localName == "result" {
          let text = try reader.elementText().trimmingCharacters(in: .whitespacesAndNewlines)
          guard let value = RuleResultValue(rawValue: text) else {
            throw LocatedError("rule-result '\(ruleID)' has an unknown result '\(text)'", at: reader.location)
          }
          result = value
        }
      }
    }
    guard let result, !ruleID.isEmpty else {
      throw LocatedError("a rule-result without an idref or a result", at: location)
    }
    return RuleOutcome(ruleID: ruleID, title: nil, version: version, severity: severity, result: result)
  }
}
