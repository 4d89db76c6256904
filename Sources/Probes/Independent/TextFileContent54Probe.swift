import Foundation
import OVAL
import XMLSupport

/// `textfilecontent54_object`: the matches of a regular expression in text files, one item per match (OVAL 5.11.2
/// independent schema, textfilecontent54_object; items are `textfilecontent_item`s, as OpenSCAP writes them).
///
/// Files are named by `filepath`, or by `path` and `filename`, with any operation and the file `behaviors` (see
/// `FileSearch`). The pattern is applied to the whole file, not line by line; `behaviors` sets `multiline` (default
/// true), `singleline` (default false) and `ignore_case` (default false). Matches are numbered from 1 and the
/// `instance` entity chooses which become items. Capture groups that took no part in a match are left out of the
/// item's `subexpression`s, and the item's deprecated `line` repeats the pattern, as OpenSCAP does.
///
/// Files are streamed (see `TextStream`): memory follows the longest match, not the file. Bytes that are not UTF-8
/// read as U+FFFD, so the rest of the file can still be searched. Only regular files are read.
struct TextFileContent54Probe: Probe {
  let objectName = XMLName(OVALNamespace.definitions("independent"), "textfilecontent54_object")

  func collect(_ request: ObjectRequest, in context: ProbeContext) -> CollectedObject {
    do {
      let search = try FileSearch(request)
      let patterns = try Self.patterns(for: request)
      let instances = try InstanceSelection(request)
      var outcome = context.outcome(for: request)
      search.forEachRegularFile(in: context, outcome: &outcome) { found, file, outcome in
        for (index, pattern) in patterns.enumerated() where !outcome.isFull {
          var stream = TextStream(file)
          if index > 0, !file.rewind() {
            outcome.fail("\(found.hostPath): cannot read file again: \(errnoReason())")
            return
          }
          do throws(TextSearchError) {
            try stream.forEachMatch(of: pattern.compiled) { match in
              if instances.includes(match.instance) {
                outcome.add(Self.item(file: found, pattern: pattern.source, match: match))
              }
              return !outcome.isFull
            }
          } catch {
            outcome.fail(error.description)
          }
        }
      }
      return outcome.collectedObject
    } catch {
      return error.outcome
    }
  }

  /// The object's patterns (a variable may give several), compiled with the object's behaviors.
  private static func patterns(for request: ObjectRequest) throws(CollectionStop) -> [TextPattern] {
    guard request.object.entity("pattern") != nil else {
      throw .error("\(request.objectLabel): needs a 'pattern'")
    }
    var options: TextPatternOptions = []
    if try request.behavior("ignore_case", default: false) { options.insert(.caseInsensitive) }
    if try request.behavior("multiline", default: true) { options.insert(.multiline) }
    if try request.behavior("singleline", default: false) { options.insert(.singleline) }
    var patterns: [TextPattern] = []
    for source in request.values(of: "pattern") {
      do {
        patterns.append(try TextPattern(source, options: options))
      } catch {
        throw .error("\(request.objectLabel): \(error.description)")
      }
    }
    return patterns
  }

  private static func item(file: FoundFile, pattern: String, match: StreamMatch) -> Item {
    var entities = file.itemEntities
    entities.append(ItemEntity("pattern", pattern))
    entities.append(ItemEntity("instance", String(match.instance), datatype: .int))
    entities.append(ItemEntity("line", pattern))
    entities.append(ItemEntity("text", match.text))
    entities += match.groups.compactMap { $0 }.map { ItemEntity("subexpression", $0) }
    return Item(type: "textfilecontent_item", family: "independent", entities: entities)
  }
}

/// Which match numbers the object's `instance` entity asks for, such as `greater than or equal` 1 for every match.
struct InstanceSelection {
  let operation: OVAL.Operation
  let values: [Int]
  let check: CheckEnumeration

  init(_ request: ObjectRequest) throws(CollectionStop) {
    guard let entity = request.object.entity("instance") else {
      throw .error("\(request.objectLabel): needs an 'instance'")
    }
    switch entity.operation {
    case .equals, .notEqual, .greaterThan, .greaterThanOrEqual, .lessThan, .lessThanOrEqual: break
    default:
      throw .error(
        "\(request.objectLabel): operation '\(entity.operation.rawValue)' is not defined for the int 'instance'")
    }
    var values: [Int] = []
    for raw in request.values(of: "instance") {
      guard let value = Self.integer(raw) else {
        throw .error("\(request.objectLabel): instance '\(raw)' is not an int")
      }
      values.append(value)
    }
    operation = entity.operation
    self.values = values
    check = entity.varCheck
  }

  /// Whether match number `instance` (from 1) becomes an item; with no values (an empty variable), none does.
  func includes(_ instance: Int) -> Bool {
    guard !values.isEmpty else { return false }
    let satisfied = values.filter { compare(instance, $0) }.count
    switch check {
    case .all: return satisfied == values.count
    case .atLeastOne: return satisfied >= 1
    case .onlyOne: return satisfied == 1
    case .noneSatisfy, .noneExist: return satisfied == 0
    }
  }

  private func compare(_ instance: Int, _ value: Int) -> Bool {
    switch operation {
    case .equals: instance == value
    case .notEqual: instance != value
    case .greaterThan: instance > value
    case .greaterThanOrEqual: instance >= value
    case .lessThan: instance < value
    case .lessThanOrEqual: instance <= value
    default: false
    }
  }

  /// OVAL ints are decimal, or hexadecimal with a 0x prefix.
  private static func integer(_ raw: String) -> Int? {
    let text = raw.trimmingCharacters(in: .whitespaces)
    if text.hasPrefix("0x") || text.hasPrefix("0X") { return Int(text.dropFirst(2), radix: 16) }
    return Int(text)
  }
}
