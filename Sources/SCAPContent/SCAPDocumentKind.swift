public import XMLSupport

/// What a document element is, by its qualified name: the kinds of SCAP content Palisade reads.
public enum SCAPDocumentKind: Sendable, Equatable {
  /// A source data stream collection (SCAP 1.2 and 1.3).
  case dataStreamCollection
  /// An XCCDF 1.1 or 1.2 `Benchmark`.
  case benchmark
  /// OVAL definitions.
  case ovalDefinitions

  /// The kind of `element`; nil for anything else.
  public init?(_ element: XMLElement) {
    switch (element.name.namespace, element.localName) {
    case (SCAPNamespace.sourceDataStream, "data-stream-collection"): self = .dataStreamCollection
    case (SCAPNamespace.xccdf12, "Benchmark"), (SCAPNamespace.xccdf11, "Benchmark"): self = .benchmark
    case (SCAPNamespace.ovalDefinitions, "oval_definitions"): self = .ovalDefinitions
    default: return nil
    }
  }
}
