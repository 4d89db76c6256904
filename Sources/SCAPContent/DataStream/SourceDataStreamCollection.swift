import Foundation
public import XMLSupport

/// A SCAP source data-stream collection (SCAP 1.2/1.3): data streams, their component references and the
/// components those refer to.
public struct SourceDataStreamCollection: Sendable {
  public let id: String
  public let dataStreams: [DataStream]
  /// Components by id.
  public let components: [String: XMLElement]
  /// Component references of every data stream, by id.
  public let componentRefs: [String: ComponentRef]
  /// The document element, copied into ARF as the report request.
  public let source: XMLElement
  public let path: String

  /// Loads a `data-stream-collection` element.
  /// - Throws: `LocatedError` when an id is missing or a component reference points nowhere.
  public init(parsing element: XMLElement, path: String) throws {
    guard element.name == XMLName(SCAPNamespace.sourceDataStream, "data-stream-collection") else {
      throw LocatedError(
        "expected a 'data-stream-collection' element, found '\(element.localName)'", at: element.location)
    }
    self.path = path
    source = element
    id = element[attribute: "id"] ?? ""
    var components: [String: XMLElement] = [:]
    for component in element.elements(named: "component", in: SCAPNamespace.sourceDataStream) {
      guard let id = component[attribute: "id"] else {
        throw LocatedError("'component' has no 'id' attribute", at: component.location)
      }
      components[id] = component
    }
    self.components = components
    var references: [String: ComponentRef] = [:]
    var streams: [DataStream] = []
    for stream in element.elements(named: "data-stream", in: SCAPNamespace.sourceDataStream) {
      guard let streamID = stream[attribute: "id"] else {
        throw LocatedError("'data-stream' has no 'id' attribute", at: stream.location)
      }
      var sections: [String: [String]] = [:]
      for section in stream.elements {
        for reference in section.elements(named: "component-ref", in: SCAPNamespace.sourceDataStream) {
          let parsed = try ComponentRef(parsing: reference)
          guard parsed.remoteResource != nil || parsed.externalFile != nil || components[parsed.componentID] != nil
          else {
            throw LocatedError(
              "component-ref '\(parsed.id)' points to missing component '\(parsed.componentID)'", at: reference.location
            )
          }
          references[parsed.id] = parsed
          sections[section.localName, default: []].append(parsed.id)
        }
      }
      streams.append(
        DataStream(
          id: streamID, scapVersion: stream[attribute: "scap-version"] ?? "",
          checklists: sections["checklists"] ?? [], checks: sections["checks"] ?? [],
          dictionaries: sections["dictionaries"] ?? []))
    }
    guard !streams.isEmpty else {
      throw LocatedError("the collection holds no data stream", at: element.location)
    }
    dataStreams = streams
    componentRefs = references
  }

  /// The content (first child element) of the component a reference points to; a reference to a component in
  /// another data-stream file (`file:other.xml#id`) reads that file, relative to this one.
  /// - Throws: `LocatedError` for a reference to a remote resource, which Palisade does not fetch.
  public func content(of reference: ComponentRef) throws -> XMLElement {
    if let resource = reference.remoteResource {
      throw LocatedError(
        "component-ref '\(reference.id)' points to the remote resource '\(resource)', which Palisade does not fetch",
        at: source.location)
    }
    if let file = reference.externalFile {
      let path = URL(fileURLWithPath: file, relativeTo: URL(fileURLWithPath: self.path).deletingLastPathComponent())
        .path
      let other = try SourceDataStreamCollection(parsing: try XMLDocument(contentsOf: path).rootElement(), path: path)
      return try other.content(of: ComponentRef(id: reference.id, componentID: reference.componentID, catalog: [:]))
    }
    guard let component = components[reference.componentID], let content = component.elements.first else {
      throw LocatedError(
        "component '\(reference.componentID)' is empty",
        at: components[reference.componentID]?.location ?? source.location)
    }
    return content
  }

  /// The content of the component a reference points to when it is OVAL definitions; nil for other content.
  /// - Throws: what `content(of:)` throws.
  public func ovalDefinitions(of reference: ComponentRef) throws -> XMLElement? {
    let content = try content(of: reference)
    return content.localName == "oval_definitions" ? content : nil
  }

  /// The OVAL definitions among the first data stream's checks, the first that is any.
  public var firstOVALDefinitions: XMLElement? {
    let references = dataStreams.first?.checks.compactMap { componentRefs[$0] } ?? []
    return references.lazy.compactMap { try? self.ovalDefinitions(of: $0) }.first
  }

  /// The component a checklist refers to by `href`, resolved through the checklist's catalog
  /// (SCAP 1.3, section on component references and catalogs). Nil when the href names nothing, or a remote
  /// resource: those are not fetched, and a check that needs one is not checked, as with OpenSCAP without
  /// `--fetch-remote-resources`.
  public func resolve(href: String, from checklist: ComponentRef) -> ComponentRef? {
    let target: String
    if let mapped = checklist.catalog[href] {
      target = mapped
    } else if href.hasPrefix("#") {
      target = href
    } else {
      return nil
    }
    return componentRefs[String(target.dropFirst())].flatMap { $0.remoteResource == nil ? $0 : nil }
  }
}

/// One data stream of a collection: component reference ids by role.
public struct DataStream: Sendable {
  public let id: String
  public let scapVersion: String
  public let checklists: [String]
  public let checks: [String]
  public let dictionaries: [String]
}

/// A `component-ref`: an id, the component it points to, and its catalog of names to other component-refs.
/// An `xlink:href` with a `#` names a component, in this file or another data-stream file; one without names a
/// remote resource (SCAP 1.3: SSG's RHEL data streams refer to Red Hat's patch feed by its https URL).
public struct ComponentRef: Sendable {
  public let id: String
  /// The component id (the `xlink:href` without its `#`); empty for a remote resource.
  public let componentID: String
  /// Catalog entries: a name used in the component (such as an OVAL file name) to `#component-ref-id`.
  public let catalog: [String: String]
  /// The data-stream file holding the component, when it is not this one.
  public let externalFile: String?
  /// The URI of a remote resource the reference points to instead of a component.
  public let remoteResource: String?

  init(id: String, componentID: String, catalog: [String: String]) {
    self.id = id
    self.componentID = componentID
    self.catalog = catalog
    externalFile = nil
    remoteResource = nil
  }

  init(parsing element: XMLElement) throws {
    guard let id = element[attribute: "id"] else {
      throw LocatedError("'component-ref' has no 'id' attribute", at: element.location)
    }
    guard let href = element[attribute: "href", namespace: SCAPNamespace.xlink], !href.isEmpty else {
      throw LocatedError("component-ref '\(id)' has no 'xlink:href' naming a component", at: element.location)
    }
    self.id = id
    if let hash = href.firstIndex(of: "#") {
      componentID = String(href[href.index(after: hash)...])
      let file = String(href[..<hash])
      externalFile = file.isEmpty ? nil : (file.hasPrefix("file:") ? String(file.dropFirst(5)) : file)
      remoteResource = nil
    } else {
      componentID = ""
      externalFile = nil
      remoteResource = href
    }
    var catalog: [String: String] = [:]
    for entry in element.firstElement(named: "catalog", in: SCAPNamespace.catalog)?.elements(named: "uri") ?? [] {
      if let name = entry[attribute: "name"], let uri = entry[attribute: "uri"] { catalog[name] = uri }
    }
    self.catalog = catalog
  }
}
