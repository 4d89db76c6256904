import OVAL
import XMLSupport

/// Collects the items of one OVAL object type from a scanned host (one type per file, like swift-format's rules).
///
/// A probe never throws: a problem with the host or with the object becomes a `CollectedObject` flag with a message.
protocol Probe: Sendable {
  /// The object element this probe collects, such as `{...#independent}family_object`.
  var objectName: XMLName { get }

  /// Collects the object's items from the host below `root`.
  func collect(_ request: ObjectRequest, from root: SystemRoot) -> CollectedObject
}

/// A problem that ends a collection early; `outcome` is what the object reports.
struct CollectionStop: Error {
  let outcome: CollectedObject

  static func error(_ message: String) -> CollectionStop { CollectionStop(outcome: .error(message)) }
  static func notCollected(_ message: String) -> CollectionStop { CollectionStop(outcome: .notCollected(message)) }
}

/// Gathers items and problems while a probe works through an object's files, then decides the object's flag:
/// `error` when anything failed (with the items found elsewhere), else `complete` or `does not exist`.
struct CollectionOutcome {
  private(set) var items: [Item] = []
  private(set) var errors: [String] = []

  mutating func add(_ item: Item) { items.append(item) }
  mutating func add(_ newItems: [Item]) { items += newItems }
  mutating func fail(_ message: String) { errors.append(message) }

  var collectedObject: CollectedObject {
    guard errors.isEmpty else {
      return CollectedObject(flag: .error, items: items, messages: errors.map { CollectionMessage(.error, $0) })
    }
    return .found(items)
  }
}

extension ObjectRequest {
  /// The object's element name as messages show it: `textfilecontent54_object 'oval:x:obj:1'`.
  var objectLabel: String { "\(object.name.localName) '\(object.id)'" }

  /// A boolean attribute of the object's `behaviors` element, or `defaultValue` when it is absent.
  /// - Throws: `CollectionStop` with an error when the attribute is neither true nor false.
  func behavior(_ name: String, default defaultValue: Bool) throws(CollectionStop) -> Bool {
    guard let raw = object.behaviors[name] else { return defaultValue }
    switch raw {
    case "true", "1": return true
    case "false", "0": return false
    default: throw .error("\(objectLabel): behavior '\(name)' must be true or false, not '\(raw)'")
    }
  }

  /// The values of an entity that probes can only look up exactly (`equals`), such as a file path.
  /// - Throws: `CollectionStop` with `not collected` for any other operation, naming what is missing.
  func exactValues(of entityName: String, needing capability: String) throws(CollectionStop) -> [String] {
    if let entity = object.entity(entityName), entity.operation != .equals {
      throw .notCollected(
        "\(objectLabel): '\(entityName)' with operation '\(entity.operation.rawValue)' needs \(capability), "
          + "which is not supported yet")
    }
    return values(of: entityName)
  }
}
