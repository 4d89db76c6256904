/// Which engine answered the Docker Engine API, from its `GET /version` reply: Docker names its component `Engine`
/// (and its platform, `Docker Engine - Community`, when the build sets one), podman `Podman Engine`.
enum DockerEngineIdentity {
  /// The engine's name and version in a `/version` reply; nil when it names no engine.
  static func nameAndVersion(in reply: JSONValue) -> (name: String, version: String)? {
    let components = reply["Components"]?.elements ?? []
    // The engine is the component whose version is the reply's own; others are containerd, runc, conmon, ...
    let topVersion = reply["Version"]?.string
    let engine = components.first { $0["Version"]?.string == topVersion } ?? components.first
    guard let componentName = engine?["Name"]?.string ?? reply["Platform"]?["Name"]?.string,
      let version = engine?["Version"]?.string ?? topVersion
    else { return nil }
    let platform = reply["Platform"]?["Name"]?.string ?? ""
    // Docker's component is plainly `Engine`; its platform name, when the build sets one, says whose.
    let name =
      componentName == "Engine" ? (platform.hasPrefix("Docker") ? platform : "Docker Engine") : componentName
    return (name, version)
  }
}

extension SystemCollector {
  /// The engine that answered the Engine API during the scan (`Podman Engine`, `4.3.1`, and the address asked), when
  /// the content asked for `/version`; nil when it did not, or the daemon did not answer. Never asks the daemon.
  public var dockerEngine: (name: String, version: String, address: String)? {
    guard let reply = session.dockerAPI.fetchedDocument(at: "/version"),
      let (name, version) = DockerEngineIdentity.nameAndVersion(in: reply)
    else { return nil }
    return (name, version, session.dockerAPI.host.description)
  }
}

extension SystemCollector {
  /// The engine that answers the Engine API, asking for `/version` if the scan has not yet: the reply is kept for the
  /// scan, so the content's own request for it asks nothing more. nil when no engine answers or none is named.
  public func answeringDockerEngine() -> (name: String, version: String, address: String)? {
    _ = try? session.dockerAPI.document(at: "/version")
    return dockerEngine
  }
}
