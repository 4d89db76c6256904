public import OVAL
public import XMLSupport

/// Collects OVAL objects from a host through the probe registered for each object type.
///
/// Every probe reads the host through `root`, so the same collector scans the running system (`SystemRoot.host`)
/// or a mounted image (`SystemRoot("/mnt/image")`). One collector serves one scan: what probes share (the walk of the
/// filesystem, the package database, objects already collected under another id) lives as long as it does.
public struct SystemCollector: FilteringObjectCollector {
  /// The root of the scanned host.
  public var root: SystemRoot { session.root }
  let session: CollectionSession

  /// The most items an object keeps unless told otherwise.
  public static let defaultItemLimit = 100_000

  /// A collector for the host below `root`.
  /// - Parameter itemLimit: the most items one object may keep; an object with more is `incomplete`.
  /// - Parameter dockerHost: the Docker daemon whose Engine API the Docker objects read.
  /// - Parameter dockerRequestTimeout: the deadline of each Engine API request (the scan spends at most a few).
  public init(
    root: SystemRoot = .host, itemLimit: Int = SystemCollector.defaultItemLimit, dockerHost: DockerHost = .standard,
    dockerRequestTimeout: Duration = .seconds(5)
  ) {
    session = CollectionSession(
      root: root, itemLimit: max(itemLimit, 1),
      dockerAPI: DockerEngineAPI(host: dockerHost, requestTimeout: dockerRequestTimeout))
  }

  /// A collector sharing an existing session (tests inspect what the session did).
  init(session: CollectionSession) {
    self.session = session
  }

  /// Collects the object with the probe for its element name; an object type without a probe is `not collected`.
  public func collect(_ request: ObjectRequest) async -> CollectedObject {
    collect(request, filter: nil)
  }

  /// Collects the object, leaving out the items its filters drop.
  public func collect(_ request: ObjectRequest, keeping filter: ItemFilter) async -> CollectedObject {
    collect(request, filter: filter)
  }

  private func collect(_ request: ObjectRequest, filter: ItemFilter?) -> CollectedObject {
    guard let probe = ProbeRegistry.probes[request.object.name] else {
      return .notCollected("\(ProbeRegistry.describe(request.object.name)) is not supported yet")
    }
    let key = ObjectContentKey(request, filtered: filter != nil).text
    if let known = session.collectedObject(for: key) { return known }
    guard let statistics = RunStatistics.current else {
      let collected = probe.collect(request, in: ProbeContext(session: session, filter: filter))
      session.remember(collected, for: key)
      return collected
    }
    let start = ContinuousClock.now
    let collected = probe.collect(request, in: ProbeContext(session: session, filter: filter))
    session.remember(collected, for: key)
    statistics.recordCollection(
      objectType: request.object.name.localName, family: ProbeRegistry.family(of: request.object.name),
      items: collected.items.count, time: ContinuousClock.now - start)
    return collected
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
      // docker (Palisade's extension)
      DockerAPIProbe(),
      DockerContainerProbe(),
      // independent
      EnvironmentVariableProbe(),
      EnvironmentVariable58Probe(),
      FamilyProbe(),
      FileHashProbe(),
      FileHash58Probe(),
      TextFileContentProbe(),
      TextFileContent54Probe(),
      XMLFileContentProbe(),
      YamlFileContentProbe(),
      // unix
      FileProbe(),
      InetdProbe(),
      InterfaceProbe(),
      PasswordProbe(),
      Process58Probe(),
      ProcessProbe(),
      RunlevelProbe(),
      ShadowProbe(),
      SymlinkProbe(),
      SysctlProbe(),
      UnameProbe(),
      XinetdProbe(),
      // linux
      DpkgInfoProbe(),
      IflistenersProbe(),
      InetListeningServersProbe(),
      PartitionProbe(),
      RpmInfoProbe(objectName: "rpminfo_object"),
      RpmInfoProbe(objectName: "rpmverify_object"),  // deprecated
      RpmInfoProbe(objectName: "rpmverifyfile_object"),
      RpmInfoProbe(objectName: "rpmverifypackage_object"),
      SELinuxBooleanProbe(),
      SELinuxSecurityContextProbe(),
      SystemdUnitDependencyProbe(),
      SystemdUnitPropertyProbe(),
    ].map { (probe: any Probe) in (probe.objectName, probe) })

  /// `object type 'rpminfo_object' (linux)`: the local name, and the platform family from the namespace.
  static func describe(_ name: XMLName) -> String {
    let family = family(of: name)
    return "object type '\(name.localName)'" + (family.isEmpty ? "" : " (\(family))")
  }

  /// The platform family of an object's namespace (`linux` for `...oval-definitions-5#linux`), or the namespace
  /// itself when it names none.
  static func family(of name: XMLName) -> String {
    let namespace = name.namespace ?? ""
    guard let hash = namespace.lastIndex(of: "#") else { return namespace }
    return String(namespace[namespace.index(after: hash)...])
  }
}

/// An object's whole content (type, entities with their operations and values, behaviors, and whether its filters
/// were applied), so that two objects that differ only in id are collected once.
private struct ObjectContentKey {
  let text: String

  init(_ request: ObjectRequest, filtered: Bool) {
    let object = request.object
    var text = "\(object.name.namespace ?? "")#\(object.name.localName)"
    for entity in object.entities {
      text += "\u{1}\(entity.name)\u{2}\(entity.operation.rawValue)\u{2}\(entity.datatype.rawValue)"
      text += "\u{2}\(entity.varCheck.rawValue)\u{2}\(entity.isNil)\u{2}\(entity.mask)"
      for value in request.values(of: entity.name) { text += "\u{3}\(value)" }
    }
    for (name, value) in object.behaviors.sorted(by: { $0.key < $1.key }) { text += "\u{4}\(name)=\(value)" }
    if filtered {
      // Filtered items depend on the filters, which belong to this object alone.
      text += "\u{5}\(object.id)"
    }
    self.text = text
  }
}
