/// The JSON parser as the fuzz target (Sources/PalisadeFuzz) takes it: any bytes parse to a value or end in a
/// `JSONParseError` with a line and column; a crash or a hang is a bug.
public enum JSONFuzzCheck {
  /// Parses `bytes` as one JSON text.
  /// - Returns: nil for a JSON text, or the parser's message for anything else.
  public static func problem(in bytes: [UInt8]) -> String? {
    do {
      _ = try JSONParser.parse(bytes)
      return nil
    } catch {
      return error.description
    }
  }
}
