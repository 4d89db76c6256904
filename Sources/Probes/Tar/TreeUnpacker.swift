import Foundation
import XMLSupport

/// Unpacks tar archives from a possibly hostile image into a folder of this machine, keeping each file's mode, owner,
/// group and modification time, and never writing outside the folder:
///
/// - a path is taken relative to the folder (a leading `/` is dropped) and one with a `..` component is refused;
/// - every folder on the way is opened below the one before with `O_NOFOLLOW`, so a symbolic link in the tree (even
///   one unpacked from an earlier entry) is never followed while unpacking: an entry below a link is refused;
/// - symbolic links are created as they are, with their targets unchanged: the scan resolves them inside the tree
///   (`SystemRoot`), wherever they point;
/// - a hard link must name a file already unpacked in the tree; device nodes and types this reader does not know are
///   refused (not created); FIFOs are created, and never opened by the scan.
///
/// Refused entries are skipped and listed in `refusals`. With `appliesWhiteouts` (an image's layers, applied in
/// order), `.wh.NAME` removes NAME from the layers below and `.wh..wh..opq` empties its folder of them, as Docker's
/// overlay layers mean. Folders are created `0700` while unpacking; their own modes and times are set by `finish()`.
final class TreeUnpacker {
  /// The folder unpacked into, open.
  private let root: Int32
  /// How messages name the archive being unpacked.
  private var archiveName = ""
  private let setsOwners = geteuid() == 0
  /// Entries skipped, with why: `'dev/sda': a block device, not created`.
  private(set) var refusals: [String] = []
  /// Folders whose mode, owner and times are set at the end, when nothing more is created in them.
  private var folderSettings: [(components: [[UInt8]], entry: TarEntry)] = []
  /// Paths created by the layer being unpacked, which its opaque-folder markers keep.
  private var createdByThisLayer: Set<[UInt8]> = []

  private static let whiteoutPrefix = Array(".wh.".utf8)
  private static let opaqueMarker = Array(".wh..wh..opq".utf8)

  /// Stops the unpacking from another thread (see `UnpackStop`).
  private let stop: UnpackStop

  /// Unpacks into the folder at `path`, which must exist and be this process's own.
  /// - Throws: `TarError` when the folder cannot be opened.
  init(into path: String, stoppedBy stop: UnpackStop = UnpackStop()) throws(TarError) {
    self.stop = stop
    root = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
    guard root >= 0 else { throw TarError(archive: path, offset: 0, reason: "cannot open: \(errnoReason())") }
  }

  deinit {
    close(root)
  }

  /// Unpacks every entry of `archive`.
  /// - Parameter appliesWhiteouts: whether the archive is an image layer, whose whiteout entries remove files.
  /// - Throws: `TarError` when the archive cannot be read, or a file cannot be written (a full disk).
  func unpack(_ archive: TarArchive, appliesWhiteouts: Bool) throws(TarError) {
    archiveName = archive.name
    createdByThisLayer = []
    for entry in try archive.entries() {
      try stop.unlessStopped(archive: archive.name) { () throws(TarError) in
        try unpack(entry, from: archive, appliesWhiteouts: appliesWhiteouts)
      }
    }
  }

  /// Sets the folders' own modes, owners and times, deepest first (creating a file changes its folder's time).
  func finish() {
    try? stop.unlessStopped(archive: archiveName) { () throws(TarError) in applyFolderSettings() }
  }

  private func applyFolderSettings() {
    let ordered = folderSettings.enumerated().sorted {
      ($0.element.components.count, $1.offset) > ($1.element.components.count, $0.offset)
    }
    for (_, setting) in ordered {
      guard let parent = try? openParent(of: setting.components, creating: false) else { continue }
      defer { if parent != root { close(parent) } }
      guard let name = setting.components.last else {
        applyMetadata(setting.entry, to: root)
        continue
      }
      let folder = withName(name) { openat(parent, $0, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) }
      guard folder >= 0 else { continue }
      applyMetadata(setting.entry, to: folder)
      close(folder)
    }
    folderSettings = []
  }

  private func unpack(_ entry: TarEntry, from archive: TarArchive, appliesWhiteouts: Bool) throws(TarError) {
    guard let components = Self.components(of: entry.path) else {
      return refuse(entry.path, "a '..' component would leave the tree")
    }
    guard let name = components.last else {
      // The tree's own root ("./"): only its mode, owner and times.
      if entry.kind == .folder { folderSettings.append(([], entry)) }
      return
    }
    if appliesWhiteouts, name.starts(with: Self.whiteoutPrefix) {
      return try applyWhiteout(name, in: Array(components.dropLast()), entryPath: entry.path)
    }
    switch entry.kind {
    case .characterDevice: return refuse(entry.path, "a character device, not created")
    case .blockDevice: return refuse(entry.path, "a block device, not created")
    case .unsupported(let type):
      return refuse(entry.path, "an entry of type '\(String(decoding: [type], as: UTF8.self))', not unpacked")
    default: break
    }
    let parent: Int32
    do {
      parent = try openParent(of: components, creating: true)
    } catch {
      return refuse(entry.path, error.reason)
    }
    defer { if parent != root { close(parent) } }
    createdByThisLayer.insert(components.joined(separator: [UInt8(ascii: "/")]).map { $0 })
    var existing = stat()
    let exists = withName(name) { fstatat(parent, $0, &existing, AT_SYMLINK_NOFOLLOW) } == 0
    if exists && !(entry.kind == .folder && existing.st_mode & S_IFMT == S_IFDIR) {
      Self.removeEntry(named: name, in: parent)
    }
    switch entry.kind {
    case .folder:
      if !exists || existing.st_mode & S_IFMT != S_IFDIR {
        guard withName(name, { mkdirat(parent, $0, 0o700) }) == 0 else { throw failure(entry, "cannot create") }
      }
      folderSettings.append((components, entry))
    case .regularFile:
      let file = withName(name) { openat(parent, $0, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600) }
      guard file >= 0 else { throw failure(entry, "cannot create") }
      defer { close(file) }
      try copyData(of: entry, from: archive, to: file)
      applyMetadata(entry, to: file)
    case .symbolicLink:
      let created = withName(name) { name in
        withName(entry.linkTarget) { target in symlinkat(target, parent, name) }
      }
      guard created == 0 else { throw failure(entry, "cannot create the link") }
      applyLinkMetadata(entry, name: name, in: parent)
    case .hardLink:
      guard let targetComponents = Self.components(of: entry.linkTarget), let targetName = targetComponents.last,
        let targetParent = try? openParent(of: targetComponents, creating: false)
      else {
        return refuse(entry.path, "a hard link to a file outside the tree or not unpacked before it")
      }
      defer { if targetParent != root { close(targetParent) } }
      let linked = withName(targetName) { target in withName(name) { linkat(targetParent, target, parent, $0, 0) } }
      guard linked == 0 else { return refuse(entry.path, "a hard link to a file not in the tree") }
    case .fifo:
      guard withName(name, { mkfifoat(parent, $0, 0o600) }) == 0 else { throw failure(entry, "cannot create") }
      applyLinkMetadata(entry, name: name, in: parent)
      withName(name) { _ = fchmodat(parent, $0, mode_t(entry.mode), 0) }
    case .characterDevice, .blockDevice, .unsupported: break
    }
  }

  /// `.wh..wh..opq` empties `folder` of what the layers below put there; `.wh.NAME` removes NAME.
  private func applyWhiteout(_ name: [UInt8], in folder: [[UInt8]], entryPath: [UInt8]) throws(TarError) {
    let parent: Int32
    do {
      parent = try openParent(of: folder + [[UInt8(ascii: ".")]], creating: false)
    } catch {
      // Nothing below to hide.
      return
    }
    defer { if parent != root { close(parent) } }
    if name == Self.opaqueMarker {
      let prefix = folder.isEmpty ? [] : folder.joined(separator: [UInt8(ascii: "/")]) + [UInt8(ascii: "/")]
      for child in Self.entryNames(of: parent) where !createdByThisLayer.contains(prefix + child) {
        Self.removeEntry(named: child, in: parent)
      }
      return
    }
    let hidden = Array(name.dropFirst(Self.whiteoutPrefix.count))
    guard !hidden.isEmpty, hidden != [UInt8(ascii: ".")], hidden != [UInt8(ascii: "."), UInt8(ascii: ".")] else {
      return refuse(entryPath, "a whiteout of no file")
    }
    Self.removeEntry(named: hidden, in: parent)
  }

  /// The folder that holds the last of `components`, opened below the tree's root without following links; the
  /// missing folders on the way are created (`0755`, root's, as Docker creates them) when `creating`.
  /// - Returns: a descriptor to close, or `root` itself.
  /// - Throws: `UnpackRefusal` when a folder on the way is a link or not a folder.
  private func openParent(of components: [[UInt8]], creating: Bool) throws(UnpackRefusal) -> Int32 {
    var current = root
    for (index, component) in components.dropLast().enumerated() {
      var next = withName(component) { openat(current, $0, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) }
      if next < 0 && errno == ENOENT && creating {
        withName(component) { _ = mkdirat(current, $0, 0o700) }
        let path = Array(components.prefix(index + 1))
        folderSettings.append(
          (
            path,
            TarEntry(
              path: [], kind: .folder, linkTarget: [], mode: 0o755, userID: 0, groupID: 0,
              modificationTime: Int64(time(nil)), size: 0, dataOffset: 0)
          ))
        next = withName(component) { openat(current, $0, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) }
      }
      let code = errno
      if current != root { close(current) }
      guard next >= 0 else {
        let folder = String(
          decoding: Array(components.prefix(index + 1).joined(separator: [UInt8(ascii: "/")])), as: UTF8.self)
        let reason = errnoReason(code)
        throw UnpackRefusal(
          reason: code == ELOOP || code == ENOTDIR
            ? "its folder '\(HostFileName.visible(folder))' is a symbolic link or not a folder, not followed"
            : "its folder '\(HostFileName.visible(folder))' cannot be opened: \(reason)")
      }
      current = next
    }
    return current
  }

  private func copyData(of entry: TarEntry, from archive: TarArchive, to file: Int32) throws(TarError) {
    var buffer = [UInt8](repeating: 0, count: 1 << 20)
    var done: Int64 = 0
    while done < entry.size {
      let count = Int(min(Int64(buffer.count), entry.size - done))
      let read = buffer.withUnsafeMutableBytes { raw in
        pread(archive.descriptor, raw.baseAddress, count, off_t(archive.start + entry.dataOffset + done))
      }
      if read < 0 && errno == EINTR { continue }
      guard read > 0 else {
        throw TarError(archive: archiveName, offset: entry.dataOffset + done, reason: "cannot read the archive")
      }
      var written = 0
      while written < read {
        let result = buffer.withUnsafeBytes { raw in
          Glibc.write(file, raw.baseAddress.map { $0 + written }, read - written)
        }
        if result < 0 && errno == EINTR { continue }
        guard result > 0 else { throw failure(entry, "cannot write") }
        written += result
      }
      done += Int64(read)
    }
  }

  /// Owner and group (when running as root, the only user who may give files away), then the mode (after the
  /// owner: `chown` clears set-id bits), then the times.
  private func applyMetadata(_ entry: TarEntry, to descriptor: Int32) {
    if setsOwners { _ = fchown(descriptor, entry.userID, entry.groupID) }
    _ = fchmod(descriptor, mode_t(entry.mode))
    var times = Self.times(of: entry)
    _ = futimens(descriptor, &times)
  }

  /// Owner, group and times of a link or FIFO itself, not following it.
  private func applyLinkMetadata(_ entry: TarEntry, name: [UInt8], in parent: Int32) {
    var times = Self.times(of: entry)
    withName(name) { name in
      if setsOwners { _ = fchownat(parent, name, entry.userID, entry.groupID, AT_SYMLINK_NOFOLLOW) }
      _ = utimensat(parent, name, &times, AT_SYMLINK_NOFOLLOW)
    }
  }

  private static func times(of entry: TarEntry) -> [timespec] {
    let time = timespec(tv_sec: Int(entry.modificationTime), tv_nsec: 0)
    return [time, time]
  }

  private func refuse(_ path: [UInt8], _ reason: String) {
    refusals.append("'\(HostFileName.visible(String(decoding: path, as: UTF8.self)))': \(reason)")
  }

  private func failure(_ entry: TarEntry, _ action: String) -> TarError {
    TarError(
      archive: archiveName, offset: entry.dataOffset,
      reason: "\(action) '\(HostFileName.visible(String(decoding: entry.path, as: UTF8.self)))': \(errnoReason())")
  }

  /// The components of an archive path relative to the tree: empty components and `.` dropped (so a leading `/` is
  /// too); nil when one is `..`.
  static func components(of path: [UInt8]) -> [[UInt8]]? {
    var components: [[UInt8]] = []
    for component in path.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true) {
      if component.elementsEqual([UInt8(ascii: ".")]) { continue }
      if component.elementsEqual([UInt8(ascii: "."), UInt8(ascii: ".")]) { return nil }
      components.append(Array(component))
    }
    return components
  }

  /// Removes the entry `name` of the open folder `parent`, and everything below it when it is a folder, never
  /// following a link.
  static func removeEntry(named name: [UInt8], in parent: Int32) {
    var status = stat()
    guard withName(name, { fstatat(parent, $0, &status, AT_SYMLINK_NOFOLLOW) }) == 0 else { return }
    guard status.st_mode & S_IFMT == S_IFDIR else {
      withName(name) { _ = unlinkat(parent, $0, 0) }
      return
    }
    let folder = withName(name) { openat(parent, $0, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) }
    if folder >= 0 {
      // A folder the tree made read-only is still this process's to empty.
      _ = fchmod(folder, 0o700)
      for child in entryNames(of: folder) { removeEntry(named: child, in: folder) }
      close(folder)
    }
    withName(name) { _ = unlinkat(parent, $0, AT_REMOVEDIR) }
  }

  /// The names in the open folder, without `.` and `..`.
  static func entryNames(of folder: Int32) -> [[UInt8]] {
    let listed = openat(folder, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard listed >= 0, let stream = fdopendir(listed) else {
      if listed >= 0 { close(listed) }
      return []
    }
    defer { closedir(stream) }
    var names: [[UInt8]] = []
    while let entry = readdir(stream) {
      let name = withUnsafeBytes(of: &entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
      if name == [UInt8(ascii: ".")] || name == [UInt8(ascii: "."), UInt8(ascii: ".")] { continue }
      names.append(name)
    }
    return names
  }

  private func withName<Result>(_ name: [UInt8], _ body: (UnsafePointer<CChar>) -> Result) -> Result {
    Self.withName(name, body)
  }

  /// Calls `body` with the NUL-terminated `name`.
  private static func withName<Result>(_ name: [UInt8], _ body: (UnsafePointer<CChar>) -> Result) -> Result {
    // swift-format-ignore: NeverForceUnwrap
    // The buffer of a non-empty array has a base address.
    (name + [0]).withUnsafeBufferPointer { bytes in
      bytes.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) }
    }
  }
}

/// Why an entry is not unpacked.
struct UnpackRefusal: Error {
  let reason: String
}
