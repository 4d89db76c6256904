/// JSON read as the YAML parser reads the same text (JSON is YAML's flow style): strings are quoted scalars, numbers,
/// `true`, `false` and `null` are plain scalars typed by their text, so a JSON document gives the records and types
/// its text would give through yamlfilecontent in OpenSCAP.
extension JSONValue: YAMLDocumentNode {
  var yamlContent: YAMLNodeContent<JSONValue> {
    switch self {
    case .null: .scalar(YAMLScalar(text: "null", tag: "", isPlain: true))
    case .bool(let flag): .scalar(YAMLScalar(text: flag ? "true" : "false", tag: "", isPlain: true))
    case .number(let text): .scalar(YAMLScalar(text: text, tag: "", isPlain: true))
    case .string(let text): .scalar(YAMLScalar(text: text, tag: "", isPlain: false))
    case .array(let elements): .sequence(elements)
    case .object(let object): .mapping(object.members.map { (key: .string($0.name), value: $0.value) })
    }
  }
}
