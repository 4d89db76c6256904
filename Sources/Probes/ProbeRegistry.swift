public import OVAL
public import XMLSupport

/// Collects OVAL objects from a host through the probe registered for each object type.
///
/// Every probe reads the host through `root`, so the same collector scans the running system (`SystemRoot.host`)
/// or a mounted image (`SystemRoot("/mnt/image")`).
public struct SystemCollector: ObjectCollector {
  /// The root of the scanned host.
  public let root: SystemRoot

  /// A collector for the host below `root`.
  public init(root: SystemRoot = .host) {
    self.root = root
  }

  /// Collects the object with the probe for its element name; an object type without a probe is `not collected`.
  public func collect(_ request: ObjectRequest) async -> CollectedObject {
    guard let probe = ProbeRegistry.probes[request.object.name] else {
      return .notCollected("\(ProbeRegistry.describe(request.object.name)) is not supported yet")
    }
    return probe.collect(request, from: root)
  }

  /// The object element names that have a probe, sorted by namespace and local name.
  public static var supportedObjectNames: [XMLName] {
    ProbeRegistry.probes.keys.sorted { ($0.namespace ?? "", $0.localName) < ($1.namespace ?? "", $1.localName) }
  }
}

/// The probe for each OVAL object element name. Adding a probe is its own file plus one line here.
enum ProbeRegistry {
  static let probes: [XMLName: any Probe] = Dictionary(
    uniqueKeysWithValues: [
      FamilyProbe(),
      TextFileContent54Probe(),
      YamlFileContentProbe(),
    ].map { (probe: any Probe) in (probe.objectName, probe) })

  /// `object type 'rpminfo_object' (linux)`: the local name, and the platform family from the namespace.
  static func describe(_ name: XMLName) -> String {
    let namespace = name.namespace ?? ""
    if let hash = namespace.lastIndex(of: "#") {
      return "object type '\(name.localName)' (\(namespace[namespace.index(after: hash)...]))"
    }
    return "object type '\(name.localName)'" + (namespace.isEmpty ? "" : " (\(namespace))")
  }
}
