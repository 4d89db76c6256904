import Foundation
import OVAL
import SCAPContent
import XMLSupport

/// The benchmark chosen from a content document, and the OVAL documents its checks can refer to.
struct ChecklistSelection {
  let benchmark: Benchmark
  let dataStreamID: String?
  let benchmarkComponentID: String?
  private let document: SCAPDocument
  private let checklistRef: ComponentRef?

  init(document: SCAPDocument, dataStreamID requestedStreamID: String?) throws {
    self.document = document
    switch document {
    case .dataStreamCollection(let collection):
      let stream: DataStream
      if let requestedStreamID {
        guard let found = collection.dataStreams.first(where: { $0.id == requestedStreamID }) else {
          let known = collection.dataStreams.map(\.id).joined(separator: ", ")
          throw ScanError("no data stream '\(requestedStreamID)' in \(collection.path); it has: \(known)")
        }
        stream = found
      } else {
        stream = collection.dataStreams[0]
      }
      guard let checklistID = stream.checklists.first, let reference = collection.componentRefs[checklistID] else {
        throw ScanError("data stream '\(stream.id)' in \(collection.path) has no checklist")
      }
      benchmark = try Benchmark(parsing: try collection.content(of: reference))
      self.dataStreamID = stream.id
      benchmarkComponentID = reference.componentID
      checklistRef = reference
    case .benchmark(let benchmark, _, _):
      self.benchmark = benchmark
      dataStreamID = nil
      benchmarkComponentID = nil
      checklistRef = nil
    case .ovalDefinitions(_, let path):
      throw ScanError("\(path) is an OVAL definitions file; scan it with 'palisade oval eval'")
    }
  }

  /// Loads the OVAL document a check's href names: through the data stream's catalog, or as a file beside a
  /// standalone benchmark.
  func ovalDefinitions(href: String) throws -> OVALDefinitions {
    switch document {
    case .dataStreamCollection(let collection):
      guard let checklistRef, let reference = collection.resolve(href: href, from: checklistRef) else {
        throw ScanError("check href '\(href)' is not in the catalog of the data stream in \(collection.path)")
      }
      return try OVALDefinitions(parsing: try collection.content(of: reference), path: collection.path)
    case .benchmark(_, _, let path):
      let file = URL(fileURLWithPath: href, relativeTo: URL(fileURLWithPath: path).deletingLastPathComponent()).path
      return try OVALDefinitions(parsing: try XMLDocument(contentsOf: file).rootElement(), path: file)
    case .ovalDefinitions(let source, let path):
      return try OVALDefinitions(parsing: source, path: path)
    }
  }
}
