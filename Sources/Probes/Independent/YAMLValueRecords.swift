import Foundation
import OVAL

/// One typed scalar of a `value` record, such as `3` (int) or `true` (boolean).
struct YAMLScalarValue: Sendable, Equatable {
  let text: String
  let datatype: Datatype
}

/// One `value` entity of a yamlfilecontent_item: a record whose fields are named after mapping keys, or `#` for
/// scalars that are not in a mapping. A name may carry several values (a key whose value is a sequence).
struct YAMLValueRecord: Sendable, Equatable {
  struct Field: Sendable, Equatable {
    let name: String
    var values: [YAMLScalarValue]
  }

  /// Fields in the order their names first appear in the document.
  private(set) var fields: [Field] = []
  /// Where each name's field is in `fields`, so a mapping with many keys is recorded in linear time.
  private var fieldIndex: [String: Int] = [:]

  var isEmpty: Bool { fields.isEmpty }

  mutating func append(_ value: YAMLScalarValue, to name: String) {
    if let index = fieldIndex[name] {
      fields[index].values.append(value)
    } else {
      fieldIndex[name] = fields.count
      fields.append(Field(name: name, values: [value]))
    }
  }

  /// The record as an item entity: a `value` of datatype record with one `field` per value.
  var itemEntity: ItemEntity {
    let fieldEntities = fields.flatMap { field in
      field.values.map { ItemEntity(field.name, $0.text, datatype: $0.datatype) }
    }
    return ItemEntity("value", "", datatype: .record, fields: fieldEntities)
  }
}

/// A selection that OpenSCAP cannot express as records, such as a map inside a map.
struct YAMLStructureError: Error, Sendable, Equatable, CustomStringConvertible {
  let description: String
}

/// Turns the nodes a YAML path selects into `value` records exactly as OpenSCAP 1.3.7's yamlfilecontent probe does
/// (src/OVAL/probes/independent/yamlfilecontent_probe.c), so that existing content gets the same answers:
/// - a scalar is a record with one field `#`; the scalars selected in one sequence, or by one slice, share a record;
/// - a mapping of scalars is one record with a field per key; a key whose value is a sequence of scalars gives that
///   field several values; upper-case letters in keys become `^` plus the lower-case letter (`Max-File` is
///   `^max-^file`) and `^` becomes `^^`, because OVAL field names are lower case;
/// - a sequence of mappings, or of sequences, gives a record per element;
/// - a mapping inside a mapping, and deeper nesting, is an error;
/// - types follow YAML 1.2's core schema on the scalar's tag and style: plain `true`/`false` (any of three cases) are
///   booleans, plain decimal, `0o` octal and `0x` hexadecimal numbers are ints (in decimal), plain floats (with
///   `.inf`, `.nan`) are floats (as printf's `%f` writes them), plain `null`/`~`/empty are the string `(null)`, and
///   anything else (quoted, `yes`, ...) is a string.
/// The probe reads an event stream; this walks the composed document as the same events, through the same states.
enum YAMLValueRecords {
  /// The records for what `path` selects in each document of a file, in order.
  /// - Throws: `YAMLStructureError` for a selection OpenSCAP refuses.
  static func records<Node: YAMLDocumentNode>(
    selectedBy path: YAMLPath, in documents: [Node]
  ) throws(YAMLStructureError) -> [YAMLValueRecord] {
    var builder = RecordBuilder(path: path.description)
    for document in documents {
      let selected = path.select(in: document)
      guard !selected.isEmpty else { continue }
      var events: [YAMLEvent] = []
      // yaml-path passes on the sequence events of the first slice's sequence, so the selected elements arrive as a
      // sequence of their own.
      if path.hasSlice { events.append(.sequenceStart) }
      var budget = maximumEvents
      for node in selected { try appendEvents(of: node, to: &events, budget: &budget) }
      if path.hasSlice { events.append(.sequenceEnd) }
      for event in events { try builder.consume(event) }
    }
    return builder.finish()
  }

  /// The most values one selection may expand to. Aliases let a few lines of YAML stand for more values than any
  /// machine holds (YAML's own billion laughs); a document past this bound is refused instead of expanded.
  static let maximumEvents = 1_000_000

  private static func appendEvents<Node: YAMLDocumentNode>(
    of node: Node, to events: inout [YAMLEvent], budget: inout Int
  ) throws(YAMLStructureError) {
    budget -= 1
    guard budget >= 0 else {
      throw YAMLStructureError(
        description:
          "the selection expands to more than \(maximumEvents) values (aliases nested too deep); not expanded")
    }
    switch node.yamlContent {
    case .scalar(let scalar):
      events.append(.scalar(scalar))
    case .mapping(let mapping):
      events.append(.mappingStart)
      for pair in mapping {
        try appendEvents(of: pair.key, to: &events, budget: &budget)
        try appendEvents(of: pair.value, to: &events, budget: &budget)
      }
      events.append(.mappingEnd)
    case .sequence(let sequence):
      events.append(.sequenceStart)
      for element in sequence { try appendEvents(of: element, to: &events, budget: &budget) }
      events.append(.sequenceEnd)
    case .alias:
      // Yams replaces aliases by the nodes they name while composing; OpenSCAP's probe ignores alias events.
      break
    }
  }
}

/// A scalar as the parser reports it: the text, the tag written in the document ("" when none) and the style.
struct YAMLScalar {
  let text: String
  let tag: String
  let isPlain: Bool

  private static let tagPrefix = "tag:yaml.org,2002:"

  /// The scalar's typed value; nil when an explicit `!!bool`, `!!int` or `!!float` tag does not fit the text.
  var value: YAMLScalarValue? {
    // A scalar without a tag is "?" when plain, so its type follows its text, and a string when quoted.
    let tag: String
    switch self.tag {
    case "": tag = isPlain ? "?" : Self.tagPrefix + "str"
    case "!": tag = Self.tagPrefix + "str"
    default: tag = self.tag
    }
    let untyped = tag == "?"
    if untyped || tag == Self.tagPrefix + "null", ["null", "Null", "NULL", "~", ""].contains(text) {
      return YAMLScalarValue(text: "(null)", datatype: .string)
    }
    if untyped || tag == Self.tagPrefix + "bool" {
      if ["true", "True", "TRUE"].contains(text) { return YAMLScalarValue(text: "true", datatype: .boolean) }
      if ["false", "False", "FALSE"].contains(text) { return YAMLScalarValue(text: "false", datatype: .boolean) }
      if !untyped { return nil }
    }
    if untyped || tag == Self.tagPrefix + "int" {
      if let integer = Self.integer(text) { return YAMLScalarValue(text: String(integer), datatype: .int) }
      if !untyped { return nil }
    }
    if untyped || tag == Self.tagPrefix + "float" {
      if let number = Self.float(text) { return YAMLScalarValue(text: Self.describe(number), datatype: .float) }
      if !untyped { return nil }
    }
    return YAMLScalarValue(text: text, datatype: .string)
  }

  /// `[+-]?[0-9]+`, `0o[0-7]+` or `0x[0-9a-fA-F]+` (YAML 1.2 core schema).
  private static func integer(_ text: String) -> Int? {
    if text.hasPrefix("0o") { return digits(text.dropFirst(2), radix: 8) }
    if text.hasPrefix("0x") { return digits(text.dropFirst(2), radix: 16) }
    let unsigned = text.first == "+" || text.first == "-" ? text.dropFirst() : Substring(text)
    guard let magnitude = digits(unsigned, radix: 10) else { return nil }
    return text.first == "-" ? -magnitude : magnitude
  }

  private static func digits(_ text: Substring, radix: Int) -> Int? {
    guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.hexDigitValue.map { $0 < radix } == true }) else {
      return nil
    }
    return Int(text, radix: radix)
  }

  /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, `[-+]?.inf` (three cases) or `.nan` (three cases).
  private static func float(_ text: String) -> Double? {
    let isDigit: (Character) -> Bool = { $0.isASCII && $0.isNumber }
    var body = Substring(text)
    var sign = ""
    if let first = body.first, first == "-" || first == "+" {
      sign = first == "-" ? "-" : ""
      body = body.dropFirst()
    }
    if [".inf", ".Inf", ".INF"].contains(body) { return sign == "-" ? -.infinity : .infinity }
    if [".nan", ".NaN", ".NAN"].contains(text) { return .nan }
    let exponentStart = body.firstIndex { $0 == "e" || $0 == "E" }
    let mantissa = body[..<(exponentStart ?? body.endIndex)]
    let parts = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    let whole = parts[0]
    let fraction = parts.count > 1 ? parts[1] : ""
    // `5`, `5.` and `.5` are numbers; `.` and `` are not.
    guard whole.allSatisfy(isDigit), fraction.allSatisfy(isDigit), !(whole.isEmpty && fraction.isEmpty) else {
      return nil
    }
    var exponent = ""
    if let exponentStart {
      var digits = body[body.index(after: exponentStart)...]
      var exponentSign = ""
      if let first = digits.first, first == "-" || first == "+" {
        exponentSign = String(first)
        digits = digits.dropFirst()
      }
      guard !digits.isEmpty, digits.allSatisfy(isDigit) else { return nil }
      exponent = "e" + exponentSign + digits
    }
    return Double(sign + (whole.isEmpty ? "0" : whole) + "." + fraction + "0" + exponent)
  }

  /// The float as OpenSCAP writes it (printf's `%f`: `1.500000`), so string comparisons give the same answers.
  private static func describe(_ number: Double) -> String {
    if number.isNaN { return "nan" }
    if number.isInfinite { return number < 0 ? "-inf" : "inf" }
    return String(format: "%f", number)
  }
}

private enum YAMLEvent {
  case scalar(YAMLScalar)
  case sequenceStart, sequenceEnd, mappingStart, mappingEnd
}

/// The states of OpenSCAP's `yaml_path_query`, event for event.
private struct RecordBuilder {
  let path: String
  private var inSequence = false
  private var inMapping = false
  /// A sequence inside a sequence, whose scalars form a record of their own.
  private var inInnerSequence = false
  /// Counts a mapping's keys and values, so even positions are keys.
  private var mappingPosition = 0
  private var key = "#"
  private var record: YAMLValueRecord?
  private var records: [YAMLValueRecord] = []

  init(path: String) {
    self.path = path
  }

  mutating func consume(_ event: YAMLEvent) throws(YAMLStructureError) {
    let isSequenceStart = if case .sequenceStart = event { true } else { false }
    let isSequenceEnd = if case .sequenceEnd = event { true } else { false }
    let isMappingStart = if case .mappingStart = event { true } else { false }
    let isMappingEnd = if case .mappingEnd = event { true } else { false }

    if inSequence {
      if isSequenceEnd {
        if inInnerSequence {
          inInnerSequence = false
          closeRecord()
        } else {
          inSequence = false
        }
      } else if isSequenceStart {
        if inMapping || inInnerSequence {
          throw problem("points to a multi-dimensional structure (a map or a sequence containing other sequences)")
        }
        inInnerSequence = true
        record = YAMLValueRecord()
      }
    } else if isSequenceStart {
      inSequence = true
      if inMapping { mappingPosition += 1 }
    }

    if inMapping {
      if isMappingEnd {
        inMapping = false
        closeRecord()
      } else if isMappingStart {
        throw problem("points to a multi-dimensional structure (map containing another map)")
      }
    } else if isMappingStart {
      if record != nil { throw problem("points to an invalid structure (map containing another map)") }
      if inInnerSequence {
        throw problem("points to a multi-dimensional structure (two-dimensional sequence containing a map)")
      }
      inMapping = true
      inSequence = false
      mappingPosition = 0
      record = YAMLValueRecord()
    }

    guard case .scalar(let scalar) = event else { return }
    if inMapping && !inSequence {
      let isKey = mappingPosition % 2 == 0
      mappingPosition += 1
      if isKey {
        key = Self.fieldName(scalar.text)
        return
      }
    }
    guard let value = scalar.value else {
      throw problem("has a value '\(scalar.text)' that does not fit its tag '\(scalar.tag)'")
    }
    // Appended in place: a copy of the record per value made long sequences quadratic.
    if record == nil { record = YAMLValueRecord() }
    record?.append(value, to: key)
  }

  mutating func finish() -> [YAMLValueRecord] {
    closeRecord()
    return records
  }

  private mutating func closeRecord() {
    if let record, !record.isEmpty { records.append(record) }
    record = nil
  }

  private func problem(_ text: String) -> YAMLStructureError {
    YAMLStructureError(description: "yamlpath '\(path)' \(text)")
  }

  /// OVAL field names are lower case: `A` becomes `^a` and `^` becomes `^^` (OpenSCAP's escape_key).
  static func fieldName(_ key: String) -> String {
    var name = ""
    for character in key {
      if character == "^" {
        name += "^^"
      } else if character.isASCII && character.isUppercase {
        name += "^" + character.lowercased()
      } else {
        name.append(character)
      }
    }
    return name
  }
}
