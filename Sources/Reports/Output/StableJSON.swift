import Foundation

/// JSON as Palisade's reports write it: pretty-printed, keys sorted so that the same result gives the same bytes,
/// slashes left as they are.
enum StableJSON {
  static func encode(_ value: some Encodable) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(value)
  }
}
