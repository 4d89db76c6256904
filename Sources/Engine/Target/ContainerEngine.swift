/// The container engine whose Engine API the scan read (Docker, podman), as its `/version` reply names it.
public struct ContainerEngine: Sendable, Equatable {
  /// `Docker Engine`, `Podman Engine`, ...
  public let name: String
  public let version: String
  /// The API address the scan asked (`unix:///var/run/docker.sock`, `tcp://host:2376`).
  public let address: String

  public init(name: String, version: String, address: String) {
    self.name = name
    self.version = version
    self.address = address
  }

  /// Whether it is podman's Docker-compatible API (`podman system service`), which names itself `Podman Engine`.
  public var isPodman: Bool { name == "Podman Engine" }

  /// `Podman Engine 4.3.1 at unix:///run/podman/podman.sock`.
  public var summary: String { "\(name) \(version) at \(address)" }

  /// The names of the ARF target facts that carry it.
  public enum FactName {
    public static let name = "urn:xccdf:fact:palisade:container_engine:name"
    public static let version = "urn:xccdf:fact:palisade:container_engine:version"
    public static let address = "urn:xccdf:fact:palisade:container_engine:address"
  }
}
