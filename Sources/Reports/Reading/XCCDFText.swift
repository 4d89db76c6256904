import Foundation
import SCAPContent
import XMLSupport

/// Turns XCCDF text elements (titles, descriptions, fix texts, check content) into plain text for reports.
///
/// XCCDF allows XHTML inside descriptions (SCAP Security Guide uses paragraphs, lists and code), and `sub`
/// elements standing for a Value (XCCDF 1.2 specification, section 6.4.5). Plain text keeps its line breaks;
/// XHTML is laid out as paragraphs and list items. Indentation that came from the XML's own layout is removed.
enum XCCDFText {
  /// The text of `element`, with each `sub` replaced by the value it names.
  static func plainText(of element: XMLElement, substitutions: [String: String] = [:]) -> String {
    let hasMarkup = element.elements.contains { $0.name.namespace == SCAPNamespace.xhtml }
    if hasMarkup {
      var builder = MarkupText()
      builder.append(element, substitutions: substitutions)
      return builder.finished()
    }
    var text = ""
    for child in element.children {
      switch child {
      case .text(let string): text += string
      case .element(let nested) where nested.localName == "sub":
        text += substitution(for: nested, substitutions: substitutions)
      case .element(let nested): text += nested.text
      case .comment: break
      }
    }
    return dedented(text)
  }

  /// The value a `sub` element stands for: the Value's value in the scan, else its id.
  static func substitution(for sub: XMLElement, substitutions: [String: String]) -> String {
    guard let idref = sub[attribute: "idref"] else { return "" }
    return substitutions[idref] ?? "[\(XCCDFIdentifier.shortForm(of: idref))]"
  }

  /// Removes the indentation every continuation line shares (the XML's layout) and surrounding blank space.
  /// Text laid out that way was wrapped by its author's editor, so its lines are joined back into paragraphs;
  /// blank lines and lines indented further than the rest keep their breaks. Text without such indentation
  /// (DISA's) keeps every line break as written.
  static func dedented(_ text: String) -> String {
    var lines = text.components(separatedBy: "\n").map { line in
      var trimmed = line
      while trimmed.last == " " || trimmed.last == "\t" { trimmed.removeLast() }
      return trimmed
    }
    let indents = lines.dropFirst().filter { !$0.isEmpty }.map { $0.prefix { $0 == " " || $0 == "\t" }.count }
    guard let common = indents.min(), common > 0 else {
      return lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }
    lines =
      [lines[0].trimmingCharacters(in: .whitespaces)]
      + lines.dropFirst().map {
        String($0.dropFirst(min(common, $0.count)))
      }
    var result = ""
    for (index, line) in lines.enumerated() {
      let previous = index > 0 ? lines[index - 1] : ""
      let continues =
        index > 0 && !line.isEmpty && !previous.isEmpty && !line.hasPrefix(" ") && !line.hasPrefix("\t")
        && !previous.hasPrefix(" ") && !previous.hasPrefix("\t")
      if index > 0 { result += continues ? " " : "\n" }
      result += line
    }
    return result.trimmingCharacters(in: .whitespacesAndNewlines)
  }
}

/// Lays XHTML out as text: blocks on their own lines, list items with a dash, preformatted text kept as it is.
private struct MarkupText {
  private var text = ""

  mutating func append(_ element: XMLElement, substitutions: [String: String]) {
    for child in element.children {
      switch child {
      case .text(let string):
        appendInline(string)
      case .comment:
        break
      case .element(let nested):
        switch nested.localName {
        case "sub":
          appendInline(XCCDFText.substitution(for: nested, substitutions: substitutions))
        case "br":
          text += "\n"
        case "pre":
          breakBlock()
          text += nested.text.trimmingCharacters(in: .newlines)
          breakBlock()
        case "li":
          breakLine()
          text += "- "
          append(nested, substitutions: substitutions)
          breakLine()
        case "p", "div", "ul", "ol", "table", "tr", "h1", "h2", "h3", "h4", "blockquote":
          breakBlock()
          append(nested, substitutions: substitutions)
          breakBlock()
        default:
          append(nested, substitutions: substitutions)
        }
      }
    }
  }

  /// Inline text: runs of white space become one space.
  private mutating func appendInline(_ string: String) {
    let collapsed = string.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    guard !collapsed.isEmpty else {
      if !string.isEmpty, let last = text.last, !last.isWhitespace { text += " " }
      return
    }
    if let first = string.first, first.isWhitespace, let last = text.last, !last.isWhitespace { text += " " }
    text += collapsed
    if let last = string.last, last.isWhitespace { text += " " }
  }

  private mutating func breakLine() {
    trimTrailingSpaces()
    if !text.isEmpty && !text.hasSuffix("\n") { text += "\n" }
  }

  private mutating func breakBlock() {
    trimTrailingSpaces()
    guard !text.isEmpty else { return }
    if !text.hasSuffix("\n") { text += "\n" }
    if !text.hasSuffix("\n\n") { text += "\n" }
  }

  private mutating func trimTrailingSpaces() {
    while text.last == " " { text.removeLast() }
  }

  func finished() -> String {
    text.components(separatedBy: "\n").map { line in
      var trimmed = line
      while trimmed.last == " " { trimmed.removeLast() }
      return trimmed
    }.joined(separator: "\n")
      .replacingOccurrences(of: "\n\n\n", with: "\n\n").trimmingCharacters(in: .whitespacesAndNewlines)
  }
}
