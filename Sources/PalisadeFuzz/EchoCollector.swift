import OVAL

/// Answers each object from the object itself, so that the evaluator's state comparisons (datatypes, operations,
/// records, variables, sets and filters) run on values the fuzzer chose, and nothing on the machine is read.
///
/// Which answer an object gets depends only on its id: items made of its own entity values (one or two), no item,
/// or a collection error, so that every existence and check path is reached.
struct EchoCollector: ObjectCollector {
  func collect(_ request: ObjectRequest) async -> CollectedObject {
    let entities = request.values.sorted { $0.key < $1.key }.flatMap { name, values in
      values.map { ItemEntity(name, $0) }
    }
    let object = request.object
    let type =
      object.name.localName.hasSuffix("_object")
      ? String(object.name.localName.dropLast("_object".count)) + "_item" : object.name.localName
    let family = object.name.namespace?.split(separator: "#").last.map(String.init) ?? "independent"
    let item = Item(type: type, family: family, entities: entities)
    switch object.id.utf8.reduce(0, { ($0 &+ Int($1)) & 0xFFFF }) % 4 {
    case 0: return .found([])
    case 1: return .error("echo collector: an error for \(object.id)")
    case 2: return .found([item, item])
    default: return .found([item])
    }
  }
}
