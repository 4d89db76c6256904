import Foundation
import OVAL
import XMLSupport
import Yams

/// `yamlfilecontent_object`: values selected by a YAML path in a YAML or JSON file (OVAL 5.11.3 independent schema,
/// yamlfilecontent_object, as OpenSCAP 1.3.7 collects it).
///
/// Files are named as for every file-based object (see `FileSearch`). Each file with a selection gives one
/// `yamlfilecontent_item` with `filepath`, `path`, `filename`, `yamlpath` and one `value` record per selected group
/// (see `YAMLValueRecords` for OpenSCAP's shapes). A missing file, an empty file and a path that selects nothing give
/// `does not exist`; an unreadable file, a folder, FIFO, socket or device, a link that loops, a file that does not
/// parse, an invalid path and a selection that cannot be a record give `error`, with a message naming the file or the
/// path.
struct YamlFileContentProbe: Probe {
  let objectName = XMLName(OVALNamespace.definitions("independent"), "yamlfilecontent_object")

  func collect(_ request: ObjectRequest, in context: ProbeContext) -> CollectedObject {
    do {
      var search = try FileSearch(request)
      // daemon.json must be decided: a folder, FIFO, socket or device where the file should be is an error.
      search.findsFoldersNamedExactly = true
      let paths = try Self.yamlPaths(for: request)
      var outcome = context.outcome(for: request)
      search.forEachRegularFile(in: context, outcome: &outcome, nonRegularFiles: .fail) { found, file, outcome in
        let documents: FileDocuments
        do throws(DocumentProblem) {
          documents = try Self.documents(in: file, at: found.hostPath)
        } catch {
          if let message = error.message { outcome.fail(message) }
          return
        }
        for path in paths {
          do throws(YAMLStructureError) {
            let records = try documents.records(selectedBy: path)
            if !records.isEmpty { outcome.add(Self.item(file: found, path: path, records: records)) }
          } catch {
            outcome.fail("\(found.hostPath): \(error.description)")
          }
        }
      }
      return outcome.collectedObject
    } catch {
      return error.outcome
    }
  }

  private static func yamlPaths(for request: ObjectRequest) throws(CollectionStop) -> [YAMLPath] {
    guard request.object.entity("yamlpath") != nil else {
      throw .error("\(request.objectLabel): needs a 'yamlpath'")
    }
    var paths: [YAMLPath] = []
    for source in try request.exactValues(of: "yamlpath", needing: "a search of every path in the document") {
      do {
        paths.append(try YAMLPath(parsing: source))
      } catch {
        throw .error("\(request.objectLabel): \(error.description)")
      }
    }
    return paths
  }

  /// The largest YAML or JSON file read; documents are parsed whole.
  static let maximumFileSize = 64 << 20

  /// The documents of a YAML or JSON file; none for an empty file. A file named `*.json` is JSON and read by
  /// `JSONParser` (libyaml refuses JSON that YAML does not allow, such as keys over 1024 characters); any other is
  /// YAML.
  private static func documents(in file: OpenedFile, at hostPath: String) throws(DocumentProblem) -> FileDocuments {
    let bytes: [UInt8]
    do {
      bytes = try file.readAll(limit: maximumFileSize + 1)
    } catch {
      throw DocumentProblem(message: error.description)
    }
    guard bytes.count <= maximumFileSize else {
      throw DocumentProblem(message: "\(hostPath): the file is larger than \(maximumFileSize >> 20) MiB")
    }
    if hostPath.hasSuffix(".json") {
      guard !JSONParser.isBlank(bytes) else { return .json([]) }
      do {
        return .json([try JSONParser.parse(bytes)])
      } catch {
        throw DocumentProblem(message: "\(hostPath):\(error.description)")
      }
    }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw DocumentProblem(message: "\(hostPath): cannot parse YAML: the file is not UTF-8 text")
    }
    do {
      let parser = try Parser(yaml: text)
      var documents: [Node] = []
      while let document = try parser.nextRoot() { documents.append(document) }
      return .yaml(documents)
    } catch {
      throw DocumentProblem(message: Self.describe(error, in: hostPath, text: text))
    }
  }

  /// `/etc/docker/daemon.json:3:1: did not find expected ',' or ']' (while parsing a flow sequence at 2:9)`.
  private static func describe(_ error: any Error, in path: String, text: String) -> String {
    guard let error = error as? YamlError else { return "\(path): cannot parse YAML: \(error)" }
    func located(_ mark: (line: Int, column: Int), _ problem: String, _ context: YamlError.Context?) -> String {
      let within = context.map { " (\($0.text) at \($0.mark.line):\($0.mark.column))" } ?? ""
      return "\(path):\(mark.line):\(mark.column): \(problem)\(within)"
    }
    switch error {
    case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      return located((mark.line, mark.column), problem, context)
    case .reader(let problem, let offset, _, _):
      guard let offset, let mark = Self.mark(atCharacterOffset: offset, in: text) else {
        return "\(path): \(problem)"
      }
      return located(mark, problem, nil)
    case .duplicatedKeysInMapping(let duplicates, let context):
      let keys = duplicates.sorted().map { "'\($0)'" }.joined(separator: ", ")
      return located((context.mark.line, context.mark.column), "duplicate key \(keys) in a mapping", nil)
    default:
      return "\(path): cannot parse YAML: \(error)"
    }
  }

  /// The 1-based line and column of a character offset, as libyaml counts them.
  private static func mark(atCharacterOffset offset: Int, in text: String) -> (line: Int, column: Int)? {
    guard let index = text.index(text.startIndex, offsetBy: offset, limitedBy: text.endIndex) else { return nil }
    let before = text[..<index]
    let line = before.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
    let lineStart = before.lastIndex(of: "\n").map(before.index(after:)) ?? before.startIndex
    return (line, before.distance(from: lineStart, to: before.endIndex) + 1)
  }

  private static func item(file: FoundFile, path: YAMLPath, records: [YAMLValueRecord]) -> Item {
    var entities = file.itemEntities
    entities.append(ItemEntity("yamlpath", path.description))
    entities += records.map(\.itemEntity)
    return Item(type: "yamlfilecontent_item", family: "independent", entities: entities)
  }
}

/// The documents of one file, parsed by the parser its kind needs.
private enum FileDocuments {
  case yaml([Node])
  case json([JSONValue])

  func records(selectedBy path: YAMLPath) throws(YAMLStructureError) -> [YAMLValueRecord] {
    switch self {
    case .yaml(let documents): try YAMLValueRecords.records(selectedBy: path, in: documents)
    case .json(let documents): try YAMLValueRecords.records(selectedBy: path, in: documents)
    }
  }
}

/// A file that gives no documents: `message` nil when it does not exist, else why it cannot be read or parsed.
private struct DocumentProblem: Error {
  let message: String?
}
