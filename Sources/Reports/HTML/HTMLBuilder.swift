/// Accumulates HTML text with escaping helpers.
struct HTMLBuilder {
  private(set) var text = ""

  mutating func raw(_ html: String) { text += html }

  mutating func text(_ string: String) { text += HTMLEscaping.escape(string) }

  mutating func element(_ name: String, _ content: String, className: String? = nil) {
    text += className.map { "<\(name) class=\"\(HTMLEscaping.escape($0))\">" } ?? "<\(name)>"
    text += HTMLEscaping.escape(content)
    text += "</\(name)>"
  }

  mutating func list(_ items: [String]) {
    guard !items.isEmpty else { return }
    text += "<ul>"
    for item in items { element("li", item) }
    text += "</ul>"
  }

  mutating func codeList(_ items: [String]) {
    text += items.map { "<code>\(HTMLEscaping.escape($0))</code>" }.joined(separator: ", ")
  }
}
