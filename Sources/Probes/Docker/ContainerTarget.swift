/// A container or an image of a Docker daemon, scanned as a filesystem (`palisade scan --container`, `--image`): what
/// the results name it by.
public struct ContainerTarget: Sendable, Equatable {
  public enum Kind: String, Sendable {
    case container, image
  }

  public let kind: Kind
  /// The container's full id, or the image's id (`sha256:...`, the digest of its configuration).
  public let id: String
  /// The container's name (without Docker's leading `/`), or the image reference as given (`debian:11`).
  public let name: String
  /// The image the container was created from, as it was named (`debian:11`); the reference itself for an image.
  public let image: String
  /// The image's id (`sha256:...`).
  public let imageID: String
  /// The image's repository digest (`debian@sha256:...`) when it came from a registry; nil for an image made
  /// locally (`docker import`, `docker build`), which has none.
  public let imageDigest: String?

  public init(kind: Kind, id: String, name: String, image: String, imageID: String, imageDigest: String?) {
    self.kind = kind
    self.id = id
    self.name = name
    self.image = image
    self.imageID = imageID
    self.imageDigest = imageDigest
  }

  /// `docker-container://web01`, `docker-image://debian:11`: how oscap-docker names its evaluation target.
  public var targetName: String { "docker-\(kind.rawValue)://\(name)" }

  /// The name as a host name (letters, digits, `-`, `_` and `.`, as Asset Identification's hostname allows), and
  /// the name of the target's result folder: `container-web01`, `image-debian_11`.
  public var hostName: String {
    "\(kind.rawValue)-\(HostNameCleaning.replacingOthers(in: name))"
  }
}
