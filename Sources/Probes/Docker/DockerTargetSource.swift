public import Foundation
import XMLSupport

/// Containers and images of a Docker daemon, made scannable: each is read through the Engine API (a container's
/// export, `GET /containers/{id}/export`; an image's `docker save` archive, `GET /images/{name}/get`) and unpacked
/// into a private temporary folder that a `SystemRoot` then reads, as `--root` reads a mounted tree. Nothing runs in
/// the container and no container is created.
///
/// The archive is spooled to a file in that folder (`0700`), bounded by `sizeLimit`, then unpacked whole by
/// `TreeUnpacker` (which refuses what would write outside the tree); the spooled file is removed once unpacked.
public struct DockerTargetSource: Sendable {
  private let api: DockerEngineAPI

  /// - Parameter requestTimeout: each request's deadline; for a download, the longest the daemon may send nothing.
  public init(host: DockerHost, requestTimeout: Duration) {
    api = DockerEngineAPI(host: host, requestTimeout: requestTimeout)
  }

  /// The ids of the running containers, in the daemon's order.
  /// - Throws: `DockerTargetError` when the daemon cannot be asked.
  public func runningContainerIDs() throws(DockerTargetError) -> [String] {
    let list = try document(at: "/containers/json")
    return (list.elements ?? []).compactMap { $0["Id"]?.string }
  }

  /// The container named or numbered `reference` (a name, a full id or an id prefix, as `docker` takes them).
  /// - Throws: `DockerTargetError` when the daemon cannot be asked or knows no such container.
  public func container(_ reference: String) throws(DockerTargetError) -> ContainerTarget {
    let inspect = try document(at: "/containers/\(Self.pathComponent(reference))/json")
    guard let id = inspect["Id"]?.string, let imageID = inspect["Image"]?.string else {
      throw DockerTargetError("the daemon at \(api.host) described container '\(reference)' without its id or image")
    }
    let name = String((inspect["Name"]?.string ?? id).trimmingPrefix("/"))
    let image = inspect["Config"]?["Image"]?.string ?? imageID
    return ContainerTarget(
      kind: .container, id: id, name: name, image: image, imageID: imageID, imageDigest: try repositoryDigest(imageID))
  }

  /// The image named `reference` (`debian:11`, an id).
  /// - Throws: `DockerTargetError` when the daemon cannot be asked or knows no such image.
  public func image(_ reference: String) throws(DockerTargetError) -> ContainerTarget {
    let inspect = try document(at: "/images/\(Self.pathComponent(reference))/json")
    guard let id = inspect["Id"]?.string else {
      throw DockerTargetError("the daemon at \(api.host) described image '\(reference)' without its id")
    }
    return ContainerTarget(
      kind: .image, id: id, name: reference, image: reference, imageID: id,
      imageDigest: inspect["RepoDigests"]?.elements?.first?.string)
  }

  /// Unpacks the target's filesystem into a new private temporary folder.
  /// - Parameters:
  ///   - sizeLimit: the most bytes the export or saved image may have.
  ///   - temporaryFolder: where the private folder is made (`$TMPDIR`, else /tmp, by default).
  ///   - created: called with the private folder as soon as it exists, and what stops the unpacking into it, so that
  ///     a run stopped by a signal or its deadline can stop it and remove the folder.
  /// - Throws: `DockerTargetError` when the daemon cannot send it, it is larger than `sizeLimit`, or it cannot be
  ///   unpacked; the private folder is removed first.
  public func unpack(
    _ target: ContainerTarget, sizeLimit: Int, temporaryFolder: String = NSTemporaryDirectory(),
    created: (String, UnpackStop) -> Void = { _, _ in }
  ) throws(DockerTargetError) -> UnpackedTarget {
    var template = Array(
      (URL(fileURLWithPath: temporaryFolder).appendingPathComponent("palisade-target-XXXXXX").path).utf8CString)
    guard let made = mkdtemp(&template) else {
      throw DockerTargetError("cannot create a private folder in \(temporaryFolder): \(errnoReason())")
    }
    let folder = String(cString: made)
    let stop = UnpackStop()
    created(folder, stop)
    do throws(DockerTargetError) {
      let refusals = try fill(folder, with: target, sizeLimit: sizeLimit, stoppedBy: stop)
      return UnpackedTarget(target: target, folder: folder, refusals: refusals)
    } catch {
      UnpackedTarget.remove(folder: folder)
      throw error
    }
  }

  /// Downloads the target's archive into `folder` and unpacks it into `folder/rootfs`.
  /// - Returns: the entries refused.
  private func fill(_ folder: String, with target: ContainerTarget, sizeLimit: Int, stoppedBy stop: UnpackStop)
    throws(DockerTargetError)
    -> [String]
  {
    let tree = folder + "/" + UnpackedTarget.treeName
    let archivePath = folder + "/archive.tar"
    let archive = open(archivePath, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
    guard archive >= 0 else { throw DockerTargetError("cannot create \(archivePath): \(errnoReason())") }
    defer {
      close(archive)
      unlink(archivePath)
    }
    let path =
      target.kind == .container
      ? "/containers/\(Self.pathComponent(target.id))/export" : "/images/\(Self.pathComponent(target.name))/get"
    do {
      try api.download(path, into: archive, limit: sizeLimit)
    } catch {
      guard !error.exceedsLimit else {
        throw DockerTargetError(
          "\(target.kind.rawValue) '\(target.name)' is larger than the size limit (\(sizeLimit) bytes; "
            + "--target-size-limit raises it)")
      }
      throw DockerTargetError(error.description)
    }
    var status = stat()
    guard fstat(archive, &status) == 0 else { throw DockerTargetError("cannot read \(archivePath): \(errnoReason())") }
    guard mkdir(tree, 0o700) == 0 else { throw DockerTargetError("cannot create \(tree): \(errnoReason())") }
    do throws(TarError) {
      let unpacker = try TreeUnpacker(into: tree, stoppedBy: stop)
      let whole = TarArchive(
        descriptor: archive, start: 0, length: Int64(status.st_size),
        name: "\(target.kind.rawValue) '\(target.name)'" + (target.kind == .container ? "'s export" : "'s saved image"))
      if target.kind == .container {
        try unpacker.unpack(whole, appliesWhiteouts: false)
      } else {
        for layer in try SavedImageArchive(whole).layers() {
          try unpacker.unpack(layer, appliesWhiteouts: true)
        }
      }
      unpacker.finish()
      return unpacker.refusals
    } catch {
      throw DockerTargetError(error.description)
    }
  }

  private func document(at path: String) throws(DockerTargetError) -> JSONValue {
    do {
      return try api.document(at: path)
    } catch {
      throw DockerTargetError(error.description)
    }
  }

  /// The first repository digest of the image with id `imageID`; nil when it has none.
  private func repositoryDigest(_ imageID: String) throws(DockerTargetError) -> String? {
    try document(at: "/images/\(Self.pathComponent(imageID))/json")["RepoDigests"]?.elements?.first?.string
  }

  /// A name or reference as one URL path segment: the API routes `{name}` up to the next known suffix, so `/` stays.
  private static func pathComponent(_ text: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~:@/")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
  }
}

/// A container's or image's filesystem unpacked in a private temporary folder; `remove()` deletes it.
public struct UnpackedTarget: Sendable {
  public let target: ContainerTarget
  /// The private folder (`0700`), holding the tree in `rootfs`.
  public let folder: String
  /// The entries that were not unpacked, and why (see `TreeUnpacker`).
  public let refusals: [String]

  static let treeName = "rootfs"

  /// The unpacked tree, for the probes.
  public var root: SystemRoot { SystemRoot(folder + "/" + Self.treeName) }

  /// Removes the private folder and everything in it, never following a link in it.
  public func remove() {
    Self.remove(folder: folder)
  }

  /// Removes `folder` and everything in it, never following a link in it; callable from a signal's thread.
  public static func remove(folder: String) {
    let url = URL(fileURLWithPath: folder)
    let parent = open(url.deletingLastPathComponent().path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard parent >= 0 else { return }
    defer { close(parent) }
    TreeUnpacker.removeEntry(named: Array(url.lastPathComponent.utf8), in: parent)
  }
}

/// Why a container or image cannot be scanned.
public struct DockerTargetError: Error, Sendable, CustomStringConvertible {
  public let description: String

  init(_ description: String) {
    self.description = description
  }
}
