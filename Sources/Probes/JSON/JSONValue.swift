/// A JSON value as `JSONParser` reads it: numbers keep their text (64-bit integers and decimals survive exactly, and
/// typing follows the text as a YAML scalar's would) and objects keep their members in document order.
package enum JSONValue: Sendable, Equatable {
  case null
  case bool(Bool)
  case number(String)
  case string(String)
  case array([JSONValue])
  case object(JSONObject)

  /// The member named `key` of an object; nil for a missing member or a value that is not an object.
  package subscript(key: String) -> JSONValue? {
    if case .object(let object) = self { return object[key] }
    return nil
  }

  /// The text of a string value.
  package var string: String? {
    if case .string(let text) = self { return text }
    return nil
  }

  /// The elements of an array value.
  package var elements: [JSONValue]? {
    if case .array(let elements) = self { return elements }
    return nil
  }
}

/// A JSON object's members in document order; the parser refuses duplicate names.
package struct JSONObject: Sendable, Equatable {
  package struct Member: Sendable, Equatable {
    package let name: String
    package let value: JSONValue
  }

  package let members: [Member]

  /// The names in document order.
  package var keys: [String] { members.map(\.name) }

  /// The value of the member named `name`; a linear search, as objects are looked up by a few names at a time.
  package subscript(name: String) -> JSONValue? {
    members.first { $0.name == name }?.value
  }
}
