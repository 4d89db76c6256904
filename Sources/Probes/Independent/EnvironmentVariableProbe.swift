import Foundation
import OVAL
import XMLSupport

/// `environmentvariable_object` (deprecated in OVAL 5.8): the variables of the scanner's own environment whose names
/// the `name` entity selects, one `environmentvariable_item` (`name`, `value`) each, as OpenSCAP reads its own.
struct EnvironmentVariableProbe: Probe {
  let objectName = XMLName(OVALNamespace.definitions("independent"), "environmentvariable_object")

  func collect(_ request: ObjectRequest, in context: ProbeContext) -> CollectedObject {
    do {
      let name = try request.requiredSelection(of: "name")
      var outcome = context.outcome(for: request)
      for (variable, value) in EnvironmentBlock.ofThisProcess() where try name.selects(variable) {
        outcome.add(
          Item(
            type: "environmentvariable_item", family: "independent",
            entities: [ItemEntity("name", variable), ItemEntity("value", value)]))
      }
      return outcome.collectedObject
    } catch {
      return error.outcome
    }
  }
}

/// A process environment as `/proc/PID/environ` holds it: `NAME=value` strings, each ended by a NUL byte.
enum EnvironmentBlock {
  /// The pairs of a block, in order; strings without `=` are left out.
  static func pairs(in bytes: [UInt8]) -> [(String, String)] {
    var pairs: [(String, String)] = []
    for entry in bytes.split(separator: 0, omittingEmptySubsequences: true) {
      guard let equals = entry.firstIndex(of: UInt8(ascii: "=")) else { continue }
      pairs.append(
        (
          String(decoding: entry[entry.startIndex..<equals], as: UTF8.self),
          String(decoding: entry[(equals + 1)...], as: UTF8.self)
        ))
    }
    return pairs
  }

  /// The environment this process started with (`/proc/self/environ`), or, where that cannot be read, its current one.
  static func ofThisProcess() -> [(String, String)] {
    if let data = FileManager.default.contents(atPath: "/proc/self/environ"), !data.isEmpty {
      return pairs(in: [UInt8](data))
    }
    return ProcessInfo.processInfo.environment.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
  }
}
