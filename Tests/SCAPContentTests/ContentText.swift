import XMLSupport

/// The document element of XML text, named `path` in diagnostics.
func rootElement(_ text: String, path: String = "test.xml") throws -> XMLElement {
  try XMLDocument(parsing: text, path: path).rootElement()
}

/// The text of a thrown error, for `#expect(... .contains(...))`.
func errorText(_ body: () throws -> Void) -> String {
  do {
    try body()
    return ""
  } catch {
    return String(describing: error)
  }
}
