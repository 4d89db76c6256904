public import XMLSupport

/// A CPE dictionary (2.0 format, with or without the 2.3 extension): CPE names and the checks that decide whether
/// the target matches them.
public struct CPEDictionary: Sendable {
  /// A dictionary entry: its name and the check, if it has one.
  public struct Entry: Sendable {
    public let name: String
    public let title: String
    public let checks: [(system: String, href: String, idRef: String)]
  }

  public let entries: [String: Entry]

  public init(entries: [String: Entry]) {
    self.entries = entries
  }

  /// Loads a `cpe-list` element.
  public init(parsing element: XMLElement) throws {
    var entries: [String: Entry] = [:]
    for item in element.elements(named: "cpe-item") {
      guard let name = item[attribute: "name"] else {
        throw LocatedError("'cpe-item' has no 'name' attribute", at: item.location)
      }
      let checks = item.elements(named: "check").map {
        ($0[attribute: "system"] ?? "", $0[attribute: "href"] ?? "", $0.trimmedText)
      }
      var names = [name]
      // A CPE 2.3 formatted string, when the dictionary carries one, names the same item.
      if let formatted = item.firstElement(named: "cpe23-item")?[attribute: "name"] { names.append(formatted) }
      for alias in names {
        entries[alias] = Entry(
          name: name, title: item.firstElement(named: "title")?.trimmedText ?? "", checks: checks)
      }
    }
    self.entries = entries
  }
}
