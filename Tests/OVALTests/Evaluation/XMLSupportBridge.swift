import XMLSupport

enum XMLSupportBridge {
  static func root(_ text: String) throws -> XMLElement {
    try XMLDocument(parsing: text, path: "test.xml").rootElement()
  }
}
