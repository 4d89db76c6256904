public import XMLSupport

/// A content file as given on the command line: a source data stream, a standalone XCCDF benchmark, or an
/// OVAL definitions file.
public enum SCAPDocument: Sendable {
  case dataStreamCollection(SourceDataStreamCollection)
  case benchmark(Benchmark, source: XMLElement, path: String)
  case ovalDefinitions(source: XMLElement, path: String)

  /// Reads and recognises a content file.
  /// - Throws: `LocatedError` naming the file (and place) when it cannot be read, is not XML, or is not SCAP.
  public init(contentsOf path: String) throws {
    try self.init(parsing: try XMLDocument(contentsOf: path).rootElement(), path: path)
  }

  /// Recognises a parsed content document; `path` names it in diagnostics and locates the files it refers to.
  /// - Throws: `LocatedError` naming the place when it is not SCAP content or its content is malformed.
  public init(parsing root: XMLElement, path: String) throws {
    switch SCAPDocumentKind(root) {
    case .dataStreamCollection:
      self = .dataStreamCollection(try SourceDataStreamCollection(parsing: root, path: path))
    case .benchmark:
      self = .benchmark(try Benchmark(parsing: root), source: root, path: path)
    case .ovalDefinitions:
      self = .ovalDefinitions(source: root, path: path)
    case nil:
      throw LocatedError(
        "'\(root.name)' is not a SCAP source data stream, XCCDF benchmark or OVAL definitions document",
        at: root.location)
    }
  }

  /// The document element, as parsed.
  public var source: XMLElement {
    switch self {
    case .dataStreamCollection(let collection): collection.source
    case .benchmark(_, let source, _): source
    case .ovalDefinitions(let source, _): source
    }
  }
}
