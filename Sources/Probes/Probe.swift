import OVAL
import XMLSupport

/// Collects the items of one OVAL object type from a scanned host (one type per file, like swift-format's rules).
///
/// A probe never throws: a problem with the host or with the object becomes a `CollectedObject` flag with a message.
protocol Probe: Sendable {
  /// The object element this probe collects, such as `{...#independent}family_object`.
  var objectName: XMLName { get }

  /// Collects the object's items from the host that `context` reads.
  func collect(_ request: ObjectRequest, in context: ProbeContext) -> CollectedObject
}

/// What one collection works with: the scan's shared state (the root, the filesystem walk, tables read once) and
/// what this object asks of its items (the filters it may apply early, the most items it may keep).
struct ProbeContext: Sendable {
  /// State shared by every collection of the scan.
  let session: CollectionSession
  /// The object's filters, when the evaluator let the collector apply them while collecting.
  let filter: ItemFilter?

  /// The root of the scanned host.
  var root: SystemRoot { session.root }

  /// A fresh outcome for one object's collection, applying this context's filter and item limit.
  func outcome(for request: ObjectRequest) -> CollectionOutcome {
    CollectionOutcome(filter: filter, limit: session.itemLimit, objectLabel: request.objectLabel)
  }
}

/// A problem that ends a collection early; `outcome` is what the object reports.
struct CollectionStop: Error {
  let outcome: CollectedObject

  static func error(_ message: String) -> CollectionStop { CollectionStop(outcome: .error(message)) }
  static func notCollected(_ message: String) -> CollectionStop { CollectionStop(outcome: .notCollected(message)) }
  static func notApplicable(_ message: String) -> CollectionStop {
    CollectionStop(outcome: CollectedObject(flag: .notApplicable, messages: [CollectionMessage(.info, message)]))
  }
}

/// Gathers items and problems while a probe works through an object, then decides the object's flag: `error` when
/// anything failed (with the items found elsewhere), `incomplete` when the item limit stopped it, else `complete` or
/// `does not exist`. Items the object's filters drop are left out as they arrive.
struct CollectionOutcome {
  private(set) var items: [Item] = []
  private(set) var errors: [String] = []
  private(set) var notes: [CollectionMessage] = []
  private let filter: ItemFilter?
  private let limit: Int
  private let objectLabel: String
  /// True once the item limit is reached: probes stop looking for more.
  private(set) var isFull = false

  init(filter: ItemFilter? = nil, limit: Int = .max, objectLabel: String = "") {
    self.filter = filter
    self.limit = limit
    self.objectLabel = objectLabel
  }

  /// The item entity names the filter reads, for probes that can decide before building a whole item.
  var filterEntityNames: Set<String>? { filter?.entityNames }

  /// Whether the filter keeps an item built with (at least) `filterEntityNames`; always true without a filter.
  func keeps(_ item: Item) -> Bool {
    filter?.keeps(item) ?? true
  }

  /// Whether the filter keeps an item whose entities `lookup` gives by name, as the filter asks for them.
  func keeps(entities lookup: (String) -> [ItemEntity]) -> Bool {
    filter?.keeps(entities: lookup) ?? true
  }

  mutating func add(_ item: Item) {
    guard !isFull, keeps(item) else { return }
    accept(item)
  }

  /// Adds an item the probe already checked with `keeps`.
  mutating func addKept(_ item: Item) {
    guard !isFull else { return }
    accept(item)
  }

  mutating func add(_ newItems: [Item]) {
    for item in newItems { add(item) }
  }

  mutating func fail(_ message: String) { errors.append(message) }

  /// A message that explains the outcome without changing its flag.
  mutating func note(_ message: String, level: CollectionMessage.Level = .info) {
    notes.append(CollectionMessage(level, message))
  }

  private mutating func accept(_ item: Item) {
    items.append(item)
    if items.count >= limit {
      isFull = true
      notes.append(
        CollectionMessage(
          .warning, "\(objectLabel): collection stopped at \(limit) items; the object has more (incomplete)"))
    }
  }

  var collectedObject: CollectedObject {
    guard errors.isEmpty else {
      return CollectedObject(
        flag: .error, items: items, messages: errors.map { CollectionMessage(.error, $0) } + notes)
    }
    if isFull { return CollectedObject(flag: .incomplete, items: items, messages: notes) }
    return .found(items, messages: notes)
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

  /// The values of an entity that a probe can only look up exactly (`equals`), such as a YAML path.
  /// - Throws: `CollectionStop` with `not collected` for any other operation, naming what is missing.
  func exactValues(of entityName: String, needing capability: String) throws(CollectionStop) -> [String] {
    if let entity = object.entity(entityName), entity.operation != .equals {
      throw .notCollected(
        "\(objectLabel): '\(entityName)' with operation '\(entity.operation.rawValue)' needs \(capability), "
          + "which is not supported yet")
    }
    return values(of: entityName)
  }

  /// How an entity selects collected values; nil when the object has no such entity (any value is selected).
  /// A nil entity (`xsi:nil`) selects nothing but an empty value.
  func selection(of entityName: String) -> EntitySelection? {
    object.entity(entityName).map { EntitySelection(entity: $0, values: values(of: entityName)) }
  }

  /// The entity that must be present, as a selection.
  /// - Throws: `CollectionStop` with an error naming the missing entity.
  func requiredSelection(of entityName: String) throws(CollectionStop) -> EntitySelection {
    guard let selection = selection(of: entityName) else { throw .error("\(objectLabel): needs a '\(entityName)'") }
    return selection
  }
}

/// An object entity as a test on values a probe finds (package names, sysctl names, process ids): the entity's
/// operation and datatype against its values, combined by its var_check.
struct EntitySelection: Sendable {
  let entity: Entity
  let values: [String]
  private let match: ObjectEntityMatch

  init(entity: Entity, values: [String]) {
    self.entity = entity
    self.values = values
    match = ObjectEntityMatch(entity, values: values)
  }

  /// Whether the entity is `xsi:nil`.
  var isNil: Bool { entity.isNil }

  /// The values a probe can look up directly instead of listing everything: those of an `equals` entity (only the
  /// ones the var_check lets through); nil for any other operation.
  var exactValues: [String]? {
    guard entity.operation == .equals, !entity.isNil else { return nil }
    var seen: Set<String> = []
    return values.filter { seen.insert($0).inserted && match.matches($0) }
  }

  /// Whether a found value is selected; a nil entity selects only the empty value.
  /// - Throws: `CollectionStop` with an error when the comparison cannot be decided (a pattern match PCRE2 cannot
  ///   finish, a value that is not of the entity's datatype): the object is an error, not an object without it.
  func selects(_ value: String) throws(CollectionStop) -> Bool {
    let (result, message) = self.result(for: value)
    if result == .error {
      throw .error(message ?? "cannot compare '\(value)' with entity '\(entity.name)'")
    }
    return result == .true
  }

  /// The candidates whose value (`key`) the entity selects, in order.
  /// - Throws: `CollectionStop` as `selects` does.
  func selected<Candidate>(
    _ candidates: some Sequence<Candidate>, by key: (Candidate) -> String
  ) throws(CollectionStop) -> [Candidate] {
    var kept: [Candidate] = []
    for candidate in candidates where try selects(key(candidate)) { kept.append(candidate) }
    return kept
  }

  /// The comparison with a message when it cannot be decided (an invalid pattern, a value of the wrong type).
  func result(for value: String) -> (result: OVALResult, message: String?) {
    if entity.isNil { return (value.isEmpty ? .true : .false, nil) }
    return match.result(for: value)
  }
}
