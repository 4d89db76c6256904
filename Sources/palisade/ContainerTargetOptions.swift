import ArgumentParser
import Engine
import Foundation
import Probes

/// `--container`, `--image`, `--all-containers`: scan a container's or an image's filesystem, read through the
/// Docker Engine API of the daemon `--docker-host` names, instead of this host (what oscap-docker does, without
/// running anything in the container).
struct ContainerTargetOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "Scan this container's filesystem (a name, or an id), read through the Docker Engine API.",
      valueName: "name|id"))
  var container: String?

  @Option(
    name: .long,
    help: ArgumentHelp("Scan this image's filesystem (its layers applied in order).", valueName: "reference"))
  var image: String?

  @Flag(
    name: .long,
    help: "Scan every running container, each into its own result folder; the exit status is the worst of them.")
  var allContainers = false

  @Option(
    name: .long,
    help: ArgumentHelp(
      "The most a container's export or an image's saved archive may weigh (bytes, or with K, M, G, T).",
      valueName: "size"))
  var targetSizeLimit: String = "4G"

  /// The CPE name of the bundled content's platform: the Docker Engine installed on the scanned host. It is also the
  /// platform of the rules that check the Docker daemon's own settings, which podman does not have.
  static let dockerEnginePlatform = "cpe:/a:docker:docker_engine"
  /// The CPE name of the bundled content's other platform: podman installed on the scanned host.
  static let podmanPlatform = "cpe:/a:podman_project:podman"

  /// Why the Docker host's rules do not apply to a container's or an image's filesystem, whatever it holds.
  static let dockerEngineAbsence =
    "the target is a container's or an image's filesystem: the Docker Engine's rules apply to the host that runs "
    + "the engine (palisade scan without --container or --image), not inside its containers"

  /// The container or image to scan; nil for this host (and for `--all-containers`, which scans each running
  /// container as a `--container` run of its own).
  var target: (kind: ContainerTarget.Kind, reference: String)? {
    if let container { return (.container, container) }
    if let image { return (.image, image) }
    return nil
  }

  /// The size limit in bytes.
  var sizeLimit: Int {
    // validate() has refused a limit that does not parse.
    Self.bytes(targetSizeLimit) ?? Int.max
  }

  func validate() throws {
    if [container != nil, image != nil, allContainers].filter({ $0 }).count > 1 {
      throw ValidationError("'--container', '--image' and '--all-containers' each choose the targets; give one")
    }
    guard let limit = Self.bytes(targetSizeLimit), limit > 0 else {
      throw ValidationError(
        "'--target-size-limit' must be a size in bytes, or with K, M, G or T (1024 each), not '\(targetSizeLimit)'")
    }
  }

  /// The container or image the options name, described by the daemon `docker` names; nil for this host.
  /// - Throws: `DockerTargetError` when the daemon cannot be asked or knows no such container or image.
  func resolvedTarget(from docker: DockerHostOption) throws -> ContainerTarget? {
    guard let (kind, reference) = target else { return nil }
    let source = DockerTargetSource(host: docker.host, requestTimeout: docker.requestTimeout)
    return try kind == .container ? source.container(reference) : source.image(reference)
  }

  /// Unpacks `target`'s filesystem into a private folder (see `DockerTargetSource.unpack`), telling `created` about
  /// the folder so that a stopped run removes it, and notes the entries refused on standard error.
  /// - Throws: `DockerTargetError`.
  func unpack(
    _ target: ContainerTarget, from docker: DockerHostOption, created: (String, UnpackStop) -> Void
  ) throws -> UnpackedTarget {
    let source = DockerTargetSource(host: docker.host, requestTimeout: docker.requestTimeout)
    let unpacked = try source.unpack(target, sizeLimit: sizeLimit, created: created)
    if !unpacked.refusals.isEmpty {
      StandardStreams.writeError(
        "palisade: note: \(target.targetName): \(unpacked.refusals.count) entries not unpacked: "
          + unpacked.refusals.prefix(5).joined(separator: "; ") + (unpacked.refusals.count > 5 ? "; ..." : ""))
    }
    return unpacked
  }

  /// `request` for a container or image target: the Docker host's platform does not hold inside it.
  static func forContainer(_ request: ScanRequest) -> ScanRequest {
    var request = request
    request.platformsNotOnTarget = [dockerEnginePlatform: dockerEngineAbsence, podmanPlatform: dockerEngineAbsence]
    return request
  }

  /// `4G` as 4 GiB, `512M`, `1000` bytes; nil for anything else or a size that does not fit.
  static func bytes(_ text: String) -> Int? {
    let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40]
    var digits = Substring(text.uppercased())
    var multiplier = 1
    if digits.hasSuffix("IB") || digits.hasSuffix("B") { digits = digits.dropLast(digits.hasSuffix("IB") ? 2 : 1) }
    if let last = digits.last, let unit = units[last] {
      multiplier = unit
      digits = digits.dropLast()
    }
    guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let value = Int(digits) else { return nil }
    let (product, overflow) = value.multipliedReportingOverflow(by: multiplier)
    return overflow ? nil : product
  }
}
