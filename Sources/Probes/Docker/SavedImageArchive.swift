import Foundation

/// An image as `docker save` writes it (`GET /images/{name}/get`): a tar archive holding `manifest.json`, which lists
/// the image's layers, bottom first, each an uncompressed tar archive inside the outer one (`ID/layer.tar` in the
/// legacy layout, `blobs/sha256/DIGEST` in the OCI layout Docker 25 and later write).
struct SavedImageArchive {
  let archive: TarArchive

  init(_ archive: TarArchive) {
    self.archive = archive
  }

  /// The layers of the first image the manifest lists, bottom first, each read in place inside the outer archive.
  /// - Throws: `TarError` when the archive, its manifest or a layer is missing or unreadable, or a layer is
  ///   compressed.
  func layers() throws(TarError) -> [TarArchive] {
    var entries: [String: TarEntry] = [:]
    for entry in try archive.entries() {
      guard let components = TreeUnpacker.components(of: entry.path) else { continue }
      entries[Self.key(components)] = entry
    }
    guard let manifestEntry = entries["manifest.json"], manifestEntry.kind == .regularFile,
      manifestEntry.size <= 16 << 20
    else {
      throw TarError(archive: archive.name, offset: 0, reason: "no manifest.json (not a saved image?)")
    }
    let manifest: JSONValue
    do {
      manifest = try JSONParser.parse(try archive.data(of: manifestEntry))
    } catch {
      throw TarError(archive: archive.name, offset: manifestEntry.dataOffset, reason: "manifest.json: \(error)")
    }
    guard let layerPaths = manifest.elements?.first?["Layers"]?.elements?.compactMap(\.string) else {
      throw TarError(archive: archive.name, offset: manifestEntry.dataOffset, reason: "manifest.json lists no layers")
    }
    return try layerPaths.enumerated().map { (index, path) throws(TarError) -> TarArchive in
      let entry = try layerEntry(path, in: entries)
      let layer = TarArchive(
        descriptor: archive.descriptor, start: archive.start + entry.dataOffset, length: entry.size,
        name: "\(archive.name), layer \(index + 1) (\(path))")
      if entry.size >= 2, try layer.bytes(at: 0, count: 2) == [0x1F, 0x8B] {
        throw TarError(archive: layer.name, offset: 0, reason: "a compressed layer, which a saved image does not hold")
      }
      return layer
    }
  }

  /// The regular file a manifest's layer path names, following the links the legacy layout uses between layers that
  /// are the same (a few hops, inside the archive).
  private func layerEntry(_ path: String, in entries: [String: TarEntry]) throws(TarError) -> TarEntry {
    var components = TreeUnpacker.components(of: Array(path.utf8)) ?? []
    for _ in 0..<8 {
      guard let entry = entries[Self.key(components)] else { break }
      switch entry.kind {
      case .regularFile: return entry
      case .symbolicLink:
        let base = entry.linkTarget.first == UInt8(ascii: "/") ? [] : Array(components.dropLast())
        guard let resolved = Self.resolve(entry.linkTarget, from: base) else { break }
        components = resolved
        continue
      default: break
      }
      break
    }
    throw TarError(archive: archive.name, offset: 0, reason: "manifest.json names layer '\(path)', not in the archive")
  }

  /// `target` taken from the folder `base`, `..` climbing inside the archive; nil when it would climb out of it.
  private static func resolve(_ target: [UInt8], from base: [[UInt8]]) -> [[UInt8]]? {
    var components = base
    for component in target.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true) {
      if component.elementsEqual(".".utf8) { continue }
      if component.elementsEqual("..".utf8) {
        guard components.popLast() != nil else { return nil }
        continue
      }
      components.append(Array(component))
    }
    return components
  }

  private static func key(_ components: [[UInt8]]) -> String {
    String(decoding: Array(components.joined(separator: [UInt8(ascii: "/")])), as: UTF8.self)
  }
}
