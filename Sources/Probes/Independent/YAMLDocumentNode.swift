import Yams

/// A node of a document that a `YAMLPath` selects in and `YAMLValueRecords` turns into records: a YAML file's nodes
/// (Yams) or a JSON document's values, read alike so that JSON and YAML give the same items.
protocol YAMLDocumentNode {
  /// What the node holds, as the YAML parser's events report it.
  var yamlContent: YAMLNodeContent<Self> { get }
}

/// The shape of one node: a scalar, a mapping's pairs in document order, a sequence's elements, or an alias, which
/// OpenSCAP's probe ignores.
enum YAMLNodeContent<Node> {
  case scalar(YAMLScalar)
  case mapping([(key: Node, value: Node)])
  case sequence([Node])
  case alias
}

extension Node: YAMLDocumentNode {
  var yamlContent: YAMLNodeContent<Node> {
    switch self {
    case .scalar(let scalar):
      .scalar(YAMLScalar(text: scalar.string, tag: scalar.tag.description, isPlain: scalar.style == .plain))
    case .mapping(let mapping): .mapping(mapping.map { (key: $0.key, value: $0.value) })
    case .sequence(let sequence): .sequence(Array(sequence))
    case .alias: .alias
    }
  }
}
