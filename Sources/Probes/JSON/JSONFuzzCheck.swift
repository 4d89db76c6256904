/// The JSON parser as the fuzz target (Sources/PalisadeFuzz) takes it: any bytes parse to a value or end in a
/// `JSONParseError` with a line and column; a crash or a hang is a bug. A value that parses is also walked by the
/// selections yamlfilecontent and dockerapi objects make in such documents.
public enum JSONFuzzCheck {
  /// Selections of each kind: the whole document, a key, every element of a sequence, one element.
  static let paths = ["$", ".log-driver", ".SecurityOptions[:]", "[0].Id"]

  /// Parses `bytes` as one JSON text and, when it parses, selects `paths` in it.
  /// - Returns: nil for a JSON text, or the parser's message for anything else.
  public static func problem(in bytes: [UInt8]) -> String? {
    let value: JSONValue
    do {
      value = try JSONParser.parse(bytes)
    } catch {
      return error.description
    }
    for source in paths {
      // A selection OpenSCAP refuses (a mapping where a scalar is expected) is an error of the object: fine here.
      guard let path = try? YAMLPath(parsing: source) else { continue }
      _ = try? YAMLValueRecords.records(selectedBy: path, in: [value])
    }
    return nil
  }
}
