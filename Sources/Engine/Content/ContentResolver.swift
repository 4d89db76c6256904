import Foundation
import OVAL
import SCAPContent
import XMLSupport

/// The parts of a content document a scan uses: the data stream, the benchmark, the tailoring, the CPE
/// dictionaries, and every check document the benchmark or the dictionaries refer to by href.
final class ContentResolver {
  let document: SCAPDocument
  let benchmark: Benchmark
  let dataStreamID: String?
  /// The component id of the benchmark inside a data stream, for the TestResult's `benchmark href`.
  let benchmarkComponentID: String?
  let tailoring: Tailoring?
  let dictionaries: [CPEDictionary]
  private let checklistRef: ComponentRef?
  private let dictionaryRefs: [ComponentRef]
  private var definitionsCache: [String: OVALDefinitions] = [:]

  /// Picks the data stream, checklist and tailoring the options name.
  /// - Parameters:
  ///   - dataStreamID: a data-stream id; the first one when nil.
  ///   - checklistID: a benchmark id, or the id of the checklist's component-ref (oscap's --xccdf-id); the first
  ///     checklist holding a benchmark when nil.
  ///   - tailoringID: the component-ref id of a tailoring component in the data stream.
  ///   - tailoringPath: a tailoring file.
  init(
    document: SCAPDocument, dataStreamID requestedStream: String?, checklistID: String?, tailoringID: String?,
    tailoringPath: String?
  ) throws {
    self.document = document
    var tailoring: Tailoring?
    switch document {
    case .dataStreamCollection(let collection):
      let stream: DataStream
      if let requestedStream {
        guard let found = collection.dataStreams.first(where: { $0.id == requestedStream }) else {
          let known = collection.dataStreams.map(\.id).joined(separator: ", ")
          throw ScanError("no data stream '\(requestedStream)' in \(collection.path); it has: \(known)")
        }
        stream = found
      } else if let checklistID,
        let holding = collection.dataStreams.first(where: { stream in
          stream.checklists.contains { ref in
            ref == checklistID
              || (collection.componentRefs[ref].flatMap { try? collection.content(of: $0) })?[attribute: "id"]
                == checklistID
          }
        })
      {
        stream = holding
      } else {
        stream = collection.dataStreams[0]
      }
      let checklists = stream.checklists.compactMap { collection.componentRefs[$0] }
      var chosen: (ComponentRef, Benchmark)?
      for reference in checklists {
        guard let content = try? collection.content(of: reference), content.localName == "Benchmark" else { continue }
        if let checklistID, reference.id != checklistID, content[attribute: "id"] != checklistID { continue }
        chosen = (reference, try Benchmark(parsing: content))
        break
      }
      guard let (reference, benchmark) = chosen else {
        throw ScanError(
          checklistID.map { "no benchmark or checklist '\($0)' in data stream '\(stream.id)' of \(collection.path)" }
            ?? "data stream '\(stream.id)' in \(collection.path) has no benchmark")
      }
      self.benchmark = benchmark
      dataStreamID = stream.id
      benchmarkComponentID = reference.componentID
      checklistRef = reference
      if let tailoringID {
        guard let tailoringRef = collection.componentRefs[tailoringID],
          let content = try? collection.content(of: tailoringRef), content.localName == "Tailoring"
        else { throw ScanError("no tailoring component-ref '\(tailoringID)' in \(collection.path)") }
        tailoring = try Tailoring(parsing: content)
      }
      dictionaryRefs = stream.dictionaries.compactMap { collection.componentRefs[$0] }
      dictionaries = try dictionaryRefs.compactMap { reference in
        let content = try collection.content(of: reference)
        return content.localName == "cpe-list" ? try CPEDictionary(parsing: content) : nil
      }
    case .benchmark(let benchmark, _, _):
      self.benchmark = benchmark
      dataStreamID = nil
      benchmarkComponentID = nil
      checklistRef = nil
      dictionaryRefs = []
      dictionaries = []
    case .ovalDefinitions(_, let path):
      throw ScanError("\(path) is an OVAL definitions file; evaluate it with 'palisade oval eval'")
    }
    if let tailoringPath {
      tailoring = try Tailoring(parsing: try XMLDocument(contentsOf: tailoringPath).rootElement())
    }
    self.tailoring = tailoring
  }

  /// The OVAL document a benchmark check's href names: through the checklist's catalog in a data stream, or as a
  /// file beside a standalone benchmark. Nil when the href does not resolve (the check is then tried further).
  func ovalDefinitions(forCheckHref href: String) throws -> (key: String, definitions: OVALDefinitions)? {
    switch document {
    case .dataStreamCollection(let collection):
      guard let checklistRef, let reference = collection.resolve(href: href, from: checklistRef) else { return nil }
      return try definitions(of: reference, in: collection)
    case .benchmark(_, _, let path):
      let file = URL(fileURLWithPath: href, relativeTo: URL(fileURLWithPath: path).deletingLastPathComponent()).path
      guard FileManager.default.fileExists(atPath: file) else { return nil }
      if let cached = definitionsCache[file] { return (file, cached) }
      let definitions = try OVALDefinitions(parsing: try XMLDocument(contentsOf: file).rootElement(), path: file)
      definitionsCache[file] = definitions
      return (file, definitions)
    case .ovalDefinitions:
      return nil
    }
  }

  /// The OVAL document a CPE check's href names, through the catalogs of the dictionaries' component-refs, or the
  /// benchmark's catalog (applicability-language check-fact-refs).
  func ovalDefinitions(forPlatformCheckHref href: String) throws -> (key: String, definitions: OVALDefinitions)? {
    guard case .dataStreamCollection(let collection) = document else { return try ovalDefinitions(forCheckHref: href) }
    for reference in dictionaryRefs {
      if let target = collection.resolve(href: href, from: reference) {
        return try definitions(of: target, in: collection)
      }
    }
    return try ovalDefinitions(forCheckHref: href)
  }

  private func definitions(of reference: ComponentRef, in collection: SourceDataStreamCollection) throws -> (
    key: String, definitions: OVALDefinitions
  )? {
    if let cached = definitionsCache[reference.componentID] { return (reference.componentID, cached) }
    guard let content = try collection.ovalDefinitions(of: reference) else { return nil }
    let definitions = try OVALDefinitions(parsing: content, path: collection.path)
    definitionsCache[reference.componentID] = definitions
    return (reference.componentID, definitions)
  }
}
