@testable import OVAL

/// A collector that answers from a fixed table, counting how often each object is asked for.
actor CountingCollector: ObjectCollector {
  private let answers: [String: CollectedObject]
  private(set) var requests: [String: Int] = [:]
  private(set) var lastValues: [String: [String: [String]]] = [:]

  init(_ answers: [String: CollectedObject]) {
    self.answers = answers
  }

  func collect(_ request: ObjectRequest) async -> CollectedObject {
    requests[request.object.id, default: 0] += 1
    lastValues[request.object.id] = request.values
    return answers[request.object.id] ?? .notCollected("no answer for \(request.object.id)")
  }
}

/// Builds an OVAL definitions document from a test's own snippets.
enum OVALDocument {
  static func parse(
    definitions: String, tests: String, objects: String, states: String = "", variables: String = ""
  ) throws -> OVALDefinitions {
    let text = """
      <oval_definitions xmlns="http://oval.mitre.org/XMLSchema/oval-definitions-5"
          xmlns:ind="http://oval.mitre.org/XMLSchema/oval-definitions-5#independent">
        <definitions>\(definitions)</definitions>
        <tests>\(tests)</tests>
        <objects>\(objects)</objects>
        \(states.isEmpty ? "" : "<states>\(states)</states>")
        \(variables.isEmpty ? "" : "<variables>\(variables)</variables>")
      </oval_definitions>
      """
    return try OVALDefinitions(parsing: try XMLSupportBridge.root(text), path: "test.xml")
  }
}

extension OVALEvaluator {
  /// Collects an object through the evaluator, for tests of sets and filters.
  func collectedObject(_ id: String) async -> CollectedObjectRecord? {
    await collect(objectID: id)
  }

  /// A variable's values, or nil when it has none.
  func variableValues(_ id: String) async -> [String]? {
    try? await values(ofVariable: id).get()
  }
}
