import Testing

@testable import Probes

/// The project's one JSON parser: values, order, exact numbers, escapes, and errors with their place.
@Suite struct JSONParserTests {
  static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
    try JSONParser.parse(Array(text.utf8))
  }

  @Test func readsEveryKindOfValueAndKeepsMemberOrder() throws {
    let value = try Self.parse(#" {"b": [1, -2.5e3, true, false, null], "a": "x\"\u00e9\ud83d\ude00\/", "c": {}} "#)
    guard case .object(let object) = value else {
      Issue.record("not an object: \(value)")
      return
    }
    #expect(object.keys == ["b", "a", "c"])
    #expect(value["b"] == .array([.number("1"), .number("-2.5e3"), .bool(true), .bool(false), .null]))
    #expect(value["a"]?.string == "x\"é😀/")
    #expect(value["c"] == .object(JSONObject(members: [])))
  }

  @Test func keepsLargeNumbersAsWritten() throws {
    #expect(try Self.parse("18446744073709551615") == .number("18446744073709551615"))
  }

  @Test func readsKeysOfAnyLength() throws {
    let key = String(repeating: "k", count: 100_000)
    #expect(try Self.parse(#"{"\#(key)": 1}"#)[key] == .number("1"))
  }

  @Test(
    "malformed JSON is an error with its line and column",
    arguments: [
      ("{\n  \"a\": [1,\n}", "3:1: expected a value, found '}'"),
      ("{\"a\": 1,\n \"a\": 2}", "2:2: duplicate key 'a' in an object"),
      ("[01]", "1:3: expected ',' or ']' after an array element"),
      ("{\"a\" 1}", "1:6: expected ':' after the member name"),
      ("\"tab\tinside\"", "1:5: a control character must be escaped in a string"),
      ("\"\\x\"", "1:2: unknown escape '\\'x'' in a string"),
      ("[1] 2", "1:5: unexpected text after the JSON value"),
      ("", "1:1: expected a value, found the end of the text"),
      ("\"é", "1:1: the string has no closing quote"),
      ("-", "1:2: expected a digit in a number"),
      ("1.", "1:3: expected a digit after the decimal point"),
    ])
  func malformed(text: String, message: String) {
    #expect(throws: JSONParseError.self) { try Self.parse(text) }
    do {
      _ = try Self.parse(text)
    } catch {
      #expect(error.description == message)
    }
  }

  @Test func nestingIsBounded() {
    let deep =
      String(repeating: "[", count: JSONParser.maximumDepth + 1)
      + String(repeating: "]", count: JSONParser.maximumDepth + 1)
    #expect(throws: JSONParseError.self) { try Self.parse(deep) }
    let allowed =
      String(repeating: "[", count: JSONParser.maximumDepth) + String(repeating: "]", count: JSONParser.maximumDepth)
    #expect((try? Self.parse(allowed)) != nil)
  }
}
