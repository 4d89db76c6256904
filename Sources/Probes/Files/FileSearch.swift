import Foundation
import OVAL

/// A file or folder an object names, as the search found it. Paths are joined, and the folder holding the file is
/// opened, only when asked for: a walk finds hundreds of thousands of files that filters then drop.
struct FoundFile {
  /// The folder, as the item's `path` entity reports it.
  let path: String
  /// The name in the folder; nil when the object asks for folders themselves (a nil `filename`).
  let filename: String?
  /// `lstat` of the file: a symbolic link is reported as a link.
  let status: FileStatus
  private let place: Place

  /// Where a found file is: located already, or a name in a folder of the walk, opened when first asked for.
  private enum Place {
    case located(HostLocation)
    case entry(String, in: FolderHandle)
  }

  /// A file in a folder of a walk, which opens the folder only if `location` is asked for.
  fileprivate init(path: String, filename: String, in folder: FolderHandle, status: FileStatus) {
    self.path = path
    self.filename = filename
    place = .entry(filename, in: folder)
    self.status = status
  }

  /// A file named by a path, where `SystemRoot.locate` found it.
  init(path: String, filename: String, location: HostLocation, status: FileStatus) {
    self.path = path
    self.filename = filename
    place = .located(location)
    self.status = status
  }

  /// A folder found for a nil `filename`.
  init(folder hostPath: String, location: HostLocation, status: FileStatus) {
    path = hostPath
    filename = nil
    place = .located(location)
    self.status = status
  }

  /// Where the file is: a name in an open folder (the link itself, when it is one); nil when the folder that held it
  /// is gone, or is no longer the folder the walk found.
  var location: HostLocation? {
    switch place {
    case .located(let location): location
    case .entry(let name, let folder): folder.open().map { HostLocation(folder: $0, name: name) }
    }
  }

  /// The path on the scanned host, as content names it (links in it are not resolved).
  var hostPath: String { filepath ?? path }

  /// The item's `filepath` entity: the folder and the name joined with one slash.
  var filepath: String? {
    guard let filename else { return nil }
    return path.hasSuffix("/") ? path + filename : path + "/" + filename
  }

  /// `filepath` (when there is a name), `path` and `filename` item entities, in the order the item schemas list them;
  /// a folder has an empty `filename`, as OpenSCAP reports it. Names that are not UTF-8 are escaped
  /// (`HostFileName.visible`).
  var itemEntities: [ItemEntity] {
    var entities: [ItemEntity] = []
    if let filepath { entities.append(ItemEntity("filepath", HostFileName.visible(filepath))) }
    entities.append(ItemEntity("path", HostFileName.visible(path)))
    entities.append(ItemEntity("filename", HostFileName.visible(filename ?? "")))
    return entities
  }
}

/// Finds the files a file-based object names (`filepath`, or `path` and `filename`, with any operation, and the
/// recursion `behaviors`), the way OpenSCAP's walk finds them, through the scan's shared `FileTree`.
///
/// - `equals` looks paths up directly; `pattern match` walks from the longest fixed folder at the start of the
///   pattern and prunes folders whose path cannot lead to a match; other operations walk from `/`.
/// - Recursion goes down (or up) from each matching folder as `recurse_direction`, `max_depth`, `recurse` and
///   `recurse_file_system` say. A nil `filename` asks for folders, including the starting one.
/// - Symbolic links are resolved inside the root, never outside; loops are noticed and left. `/proc` and `/sys` are
///   not entered unless the object starts inside them.
struct FileSearch: Sendable {
  private enum Target: Sendable {
    case filepath(EntitySelection)
    case folder(path: EntitySelection, filename: EntitySelection?)
  }

  private let target: Target
  let behaviors: FileBehaviors
  let objectLabel: String
  /// Whether a folder named exactly by `filepath` is found too (for probes that report it as an error rather than
  /// pass over it, as OpenSCAP does).
  var findsFoldersNamedExactly = false

  /// The search an object asks for.
  /// - Throws: `CollectionStop` with an error for an object that names no file, or invalid behaviors.
  init(_ request: ObjectRequest) throws(CollectionStop) {
    objectLabel = request.objectLabel
    behaviors = try FileBehaviors(request)
    if let filepath = request.selection(of: "filepath") {
      guard !filepath.isNil else { throw .error("\(request.objectLabel): 'filepath' must not be nil") }
      target = .filepath(filepath)
      return
    }
    guard let path = request.selection(of: "path"), let filename = request.selection(of: "filename") else {
      throw .error("\(request.objectLabel): needs a 'filepath', or a 'path' and a 'filename'")
    }
    guard !path.isNil else { throw .error("\(request.objectLabel): 'path' must not be nil") }
    target = .folder(path: path, filename: filename.isNil ? nil : filename)
  }

  /// Whether the object asks for folders (a nil `filename`) rather than files.
  var findsFolders: Bool {
    if case .folder(_, nil) = target { return true }
    return false
  }

  /// Calls `visit` for each file found, until it returns false.
  /// - Returns: problems that make the collection an error (a comparison that could not be decided).
  func run(in session: CollectionSession, _ visit: (FoundFile) -> Bool) -> [String] {
    withoutActuallyEscaping(visit) { visit in
      let run = SearchRun(
        session: session, behaviors: behaviors, findsFoldersNamedExactly: findsFoldersNamedExactly, visit: visit)
      switch target {
      case .filepath(let selection):
        run.findFiles(selection)
      case .folder(let path, let filename):
        run.forEachMatchingFolder(path) { folder in run.recurse(from: folder, filename: filename) }
      }
      return run.problems
    }
  }
}

/// A folder on the way: its path on the host and its real location and status (after following links).
private struct Folder {
  let hostPath: String
  /// Where the folder is (links followed), opened only when needed.
  let handle: FolderHandle
  /// `stat` of the folder itself (links followed).
  let status: FileStatus
  /// `lstat` of the host path: a link when the folder was reached through one.
  let linkStatus: FileStatus
  let depth: Int
  /// Identities of the folders above, to notice a link that loops back.
  let ancestors: [FileIdentity]
}

/// A folder of a walk, opened the first time something needs it (a listing not in memory, a file found in it, a link
/// or a folder below it that is opened): a walk over listings already read opens nothing, and pending folders hold
/// no descriptor of their own.
private final class FolderHandle {
  private let parent: FolderHandle?
  private let name: String
  private let located: HostLocation?
  private let identity: FileIdentity
  private var opened: HostFolder?
  private var failed = false

  /// The folder `name` in `parent`.
  init(parent: FolderHandle, name: String, identity: FileIdentity) {
    self.parent = parent
    self.name = name
    located = nil
    self.identity = identity
  }

  /// A folder found from the root (a starting folder, or a link's target).
  init(located: HostLocation, identity: FileIdentity) {
    parent = nil
    name = ""
    self.located = located
    self.identity = identity
  }

  /// Where the folder is: a name in its open parent, or where it was located.
  var location: HostLocation? {
    if let located { return located }
    return parent?.open().map { HostLocation(folder: $0, name: name) }
  }

  /// The folder, opened; nil when it is gone or is no longer the folder found.
  func open() -> HostFolder? {
    if let opened { return opened }
    guard !failed, case .success(let folder)? = location?.openFolder(), folder.status()?.identity == identity else {
      failed = true
      return nil
    }
    opened = folder
    return folder
  }
}

/// One run of a search: the walk, what it found and what went wrong.
private final class SearchRun {
  let session: CollectionSession
  let behaviors: FileBehaviors
  let findsFoldersNamedExactly: Bool
  let visit: (FoundFile) -> Bool
  private(set) var problems: [String] = []
  private var stopped = false
  private lazy var local = session.localFileSystems

  init(
    session: CollectionSession, behaviors: FileBehaviors, findsFoldersNamedExactly: Bool,
    visit: @escaping (FoundFile) -> Bool
  ) {
    self.session = session
    self.behaviors = behaviors
    self.findsFoldersNamedExactly = findsFoldersNamedExactly
    self.visit = visit
  }

  private var root: SystemRoot { session.root }

  private func emit(_ file: FoundFile) {
    guard !stopped else { return }
    if !visit(file) { stopped = true }
  }

  private func problem(_ message: String?) {
    guard let message, !problems.contains(message) else { return }
    problems.append(message)
  }

  /// Whether an entity selects a value, noting comparisons that cannot be decided.
  private func selects(_ selection: EntitySelection, _ value: String) -> Bool {
    let (result, message) = selection.result(for: value)
    if result == .error {
      problem(message ?? "cannot compare '\(HostFileName.visible(value))' with entity '\(selection.entity.name)'")
    }
    return result == .true
  }

  // MARK: Starting points

  /// The folder at a host path, following links inside the root; nil when it is missing or not a folder.
  private func folder(at hostPath: String) -> Folder? {
    guard let (location, status) = try? root.status(ofHostPath: hostPath), status.isDirectory else { return nil }
    let linkStatus = (try? root.linkStatus(ofHostPath: hostPath))?.status ?? status
    return Folder(
      hostPath: hostPath, handle: FolderHandle(located: location, identity: status.identity), status: status,
      linkStatus: linkStatus, depth: 0, ancestors: [])
  }

  /// `stat` of the host file at `hostPath`, links resolved inside the root; nil when it cannot be reached.
  private func targetStatus(_ hostPath: String) -> FileStatus? {
    (try? root.status(ofHostPath: hostPath))?.status
  }

  /// `stat` of the entry `name` of the folder `parent`, links resolved inside the root; nil when it cannot be reached.
  private func targetStatus(of name: String, in parent: Folder) -> FileStatus? {
    guard let folder = parent.handle.open() else { return nil }
    return (try? root.status(ofEntry: name, in: folder, hostPath: Self.join(parent.hostPath, name)))?.status
  }

  /// A file `entry` of the folder `parent` (which is opened only if the file's location is asked for).
  private func foundFile(_ entry: DirectoryEntry, in parent: Folder) -> FoundFile {
    FoundFile(path: parent.hostPath, filename: entry.name, in: parent.handle, status: entry.status)
  }

  private func isOutsideScope(device: UInt64, startDevice: UInt64) -> Bool {
    switch behaviors.fileSystem {
    case .all: false
    case .local: !local.isLocal(device: device)
    case .defined: device != startDevice
    }
  }

  // MARK: Matching folders (`path`)

  /// Calls `body` for each folder the `path` entity selects.
  func forEachMatchingFolder(_ selection: EntitySelection, _ body: (Folder) -> Void) {
    if let exact = selection.exactValues {
      for value in exact where !stopped {
        guard let folder = folder(at: value) else { continue }
        if behaviors.fileSystem == .local && !local.isLocal(device: folder.status.device) { continue }
        body(folder)
      }
      return
    }
    let pruning = PathPruning(selection)
    guard let start = folder(at: pruning.start) else { return }
    let startDevice = start.status.device
    walk(from: start, startedInside: Self.isPseudoFileSystemPath(start.hostPath)) { _, entry in
      // Only folders matter here; links are followed to see whether they lead to one.
      guard entry.status.isDirectory || entry.status.isSymbolicLink else { return .skip }
      return .descendIfFolder(followingLink: true)
    } enter: { folder in
      if behaviors.fileSystem != .all && self.isOutsideScope(device: folder.status.device, startDevice: startDevice) {
        return false
      }
      switch pruning.outcome(for: folder.hostPath) {
      case .prune: return false
      case .descend: return true
      case .compare:
        if self.selects(selection, folder.hostPath) { body(folder) }
        return true
      }
    }
  }

  // MARK: Matching files (`filepath`)

  func findFiles(_ selection: EntitySelection) {
    if let exact = selection.exactValues {
      for value in exact where !stopped { findFile(atHostPath: value) }
      return
    }
    let pruning = PathPruning(selection)
    guard let start = folder(at: pruning.start) else { return }
    let startDevice = start.status.device
    walk(from: start, startedInside: Self.isPseudoFileSystemPath(start.hostPath)) { parent, entry in
      if entry.status.isDirectory { return .descendIfFolder(followingLink: false) }
      let childPath = Self.join(parent.hostPath, entry.name)
      if entry.status.isSymbolicLink {
        // A link to a folder is walked through; a link to anything else (or to nothing) is a candidate.
        if let status = self.targetStatus(of: entry.name, in: parent), status.isDirectory {
          return .descendIfFolder(followingLink: true)
        }
      }
      if self.behaviors.fileSystem == .local {
        let device = self.targetStatus(of: entry.name, in: parent)?.device ?? entry.status.device
        if !self.local.isLocal(device: device) { return .skip }
      }
      if self.selects(selection, childPath) { self.emit(self.foundFile(entry, in: parent)) }
      return .skip
    } enter: { folder in
      if self.behaviors.fileSystem != .all
        && self.isOutsideScope(device: folder.status.device, startDevice: startDevice)
      {
        return false
      }
      return pruning.outcome(for: folder.hostPath) != .prune
    }
  }

  /// A file named exactly: the link itself when it is one, unless it leads to a folder (a folder is never a
  /// `filepath` match, as in OpenSCAP).
  private func findFile(atHostPath hostPath: String) {
    guard let (location, status) = try? root.linkStatus(ofHostPath: hostPath) else { return }
    guard !status.isDirectory || findsFoldersNamedExactly else { return }
    var device = status.device
    if status.isSymbolicLink, let targetStatus = targetStatus(hostPath) {
      guard !targetStatus.isDirectory || findsFoldersNamedExactly else { return }
      device = targetStatus.device
    }
    if behaviors.fileSystem == .local && !local.isLocal(device: device) { return }
    let file = FileTarget(filepath: hostPath)
    emit(FoundFile(path: file.path, filename: file.filename, location: location, status: status))
  }

  // MARK: Recursion from a folder

  /// The files (or, with a nil `filename`, the folders) that recursion from `start` reaches.
  func recurse(from start: Folder, filename: EntitySelection?) {
    switch behaviors.direction {
    case .up: recurseUp(from: start, filename: filename)
    case .none, .down: recurseDown(from: start, filename: filename)
    }
  }

  private func folderFile(_ folder: Folder) -> FoundFile? {
    folder.handle.location.map { FoundFile(folder: folder.hostPath, location: $0, status: folder.linkStatus) }
  }

  private func recurseDown(from start: Folder, filename: EntitySelection?) {
    let direction = behaviors.direction
    if filename == nil {
      // The folder itself is the first folder found (depth 0).
      if behaviors.allows(depth: 0), let found = folderFile(start) { emit(found) }
      if direction == .none { return }
    }
    let startDevice = start.status.device
    walk(from: start, startedInside: Self.isPseudoFileSystemPath(start.hostPath)) { parent, entry in
      let depth = parent.depth + 1
      let isFolder = entry.status.isDirectory
      var leadsToFolder = false
      if entry.status.isSymbolicLink && self.behaviors.followsSymbolicLinks && direction != .none
        && self.behaviors.allows(depth: depth)
      {
        leadsToFolder = self.targetStatus(of: entry.name, in: parent)?.isDirectory ?? false
      }
      if let filename {
        if !isFolder && self.selects(filename, entry.name) { self.emit(self.foundFile(entry, in: parent)) }
      } else if (isFolder || leadsToFolder) && self.behaviors.allows(depth: depth),
        let opened = parent.handle.open()
      {
        // Folders are found whether or not the walk goes into them (a folder on another filesystem is reported,
        // not entered), as OpenSCAP reports them.
        self.emit(
          FoundFile(
            folder: Self.join(parent.hostPath, entry.name), location: HostLocation(folder: opened, name: entry.name),
            status: entry.status))
      }
      if direction == .none || !self.behaviors.allows(depth: depth) { return .skip }
      if isFolder { return self.behaviors.entersFolders ? .descendIfFolder(followingLink: false) : .skip }
      if leadsToFolder { return .descendIfFolder(followingLink: true) }
      return .skip
    } enter: { folder in
      !self.isOutsideScope(device: folder.status.device, startDevice: startDevice)
    }
  }

  private func recurseUp(from start: Folder, filename: EntitySelection?) {
    let startDevice = start.status.device
    var hostPath = start.hostPath
    var depth = 0
    while !stopped && behaviors.allows(depth: depth) {
      guard let current = folder(at: hostPath) else { return }
      if isOutsideScope(device: current.status.device, startDevice: startDevice) { return }
      if let filename {
        let listing = session.fileTree.listing(identity: current.status.identity) { current.handle.open() }
        for entry in listing where !entry.status.isDirectory && !stopped {
          guard selects(filename, entry.name) else { continue }
          emit(foundFile(entry, in: current))
        }
      } else {
        if let found = folderFile(current) { emit(found) }
      }
      let normalized = Self.normalized(hostPath)
      guard normalized != "/" else { return }
      hostPath = FileTarget(filepath: normalized).path
      depth += 1
    }
  }

  // MARK: The walk

  enum EntryStep {
    case skip
    /// Enter the entry if it is a folder (or, following links, leads to one).
    case descendIfFolder(followingLink: Bool)
  }

  /// Depth-first walk below `start` (not calling `entry` for `start` itself): `entry` sees every entry of every
  /// folder entered and says whether to enter it; `enter` is asked before a folder's entries are read (including
  /// `start`'s) and may refuse. Folders are read through the scan's `FileTree`.
  private func walk(
    from start: Folder, startedInside: Bool,
    entry: (Folder, DirectoryEntry) -> EntryStep,
    enter: (Folder) -> Bool
  ) {
    var stack = [start]
    while let folder = stack.popLast(), !stopped {
      guard enter(folder) else { continue }
      let listing = session.fileTree.listing(identity: folder.status.identity) { folder.handle.open() }
      var children: [Folder] = []
      let ancestors = folder.ancestors + [folder.status.identity]
      for item in listing {
        if stopped { return }
        guard case .descendIfFolder(let followingLink) = entry(folder, item) else { continue }
        let childPath = Self.join(folder.hostPath, item.name)
        if !startedInside && Self.isPseudoFileSystemPath(childPath) { continue }
        var handle = FolderHandle(parent: folder.handle, name: item.name, identity: item.status.identity)
        var status = item.status
        if item.status.isSymbolicLink {
          guard followingLink, let opened = folder.handle.open(),
            let (target, targetStatus) = try? root.status(ofEntry: item.name, in: opened, hostPath: childPath),
            targetStatus.isDirectory
          else { continue }
          handle = FolderHandle(located: target, identity: targetStatus.identity)
          status = targetStatus
        } else if !item.status.isDirectory {
          continue
        }
        // A folder met again below itself (through a link, or a bind mount) would loop: it is left, as fts does.
        guard !ancestors.contains(status.identity) else { continue }
        children.append(
          Folder(
            hostPath: childPath, handle: handle, status: status, linkStatus: item.status,
            depth: folder.depth + 1, ancestors: ancestors))
      }
      stack.append(contentsOf: children.reversed())
    }
  }

  static func join(_ folder: String, _ name: String) -> String {
    folder.hasSuffix("/") ? folder + name : folder + "/" + name
  }

  static func normalized(_ hostPath: String) -> String {
    var path = hostPath
    while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
    return path.isEmpty ? "/" : path
  }

  /// `/proc` and `/sys` (and what is below them): kernel views that a walk from above does not enter.
  static func isPseudoFileSystemPath(_ hostPath: String) -> Bool {
    let path = normalized(hostPath)
    return path == "/proc" || path == "/sys" || path.hasPrefix("/proc/") || path.hasPrefix("/sys/")
  }
}

/// Where a `pattern match` on paths starts walking, and which folders cannot lead to a match.
///
/// As in OpenSCAP, a pattern anchored with `^` (or starting with `/`) starts at its longest fixed folder
/// (`^/etc/ssh/sshd_config$` at `/etc/ssh`), and a folder is entered only when its path could still grow into a match
/// (PCRE2 partial matching); any other pattern, or any operation other than `pattern match`, walks from `/` and
/// compares every path.
struct PathPruning {
  enum Outcome { case prune, descend, compare }

  let start: String
  private let searcher: PCRESearcher?

  init(_ selection: EntitySelection) {
    let entity = selection.entity
    guard entity.operation == .patternMatch, selection.values.count == 1, var source = selection.values.first,
      source.hasPrefix("^") || source.hasPrefix("/")
    else {
      start = "/"
      searcher = nil
      return
    }
    // A pattern that starts with a slash is walked as if anchored (`/etc/cron\.d` from /etc), as OpenSCAP walks it:
    // content writes such patterns meaning absolute paths, and a walk of the whole host for each would be ruinous.
    let fixedFolder = Self.fixedFolder(of: source.hasPrefix("^") ? source : "^" + source)
    if !source.hasPrefix("^") { source = "^(?:" + source + ")" }
    guard let compiled = try? PatternCache.shared.pattern(source) else {
      start = "/"
      searcher = nil
      return
    }
    start = fixedFolder
    searcher = try? compiled.makeSearcher()
  }

  func outcome(for hostPath: String) -> Outcome {
    guard let searcher else { return .compare }
    var path = hostPath
    let result = path.withUTF8 { bytes in
      try? searcher.search(UnsafeRawBufferPointer(bytes), from: 0, partial: .soft)
    }
    switch result {
    case .none?: return .prune
    case .partial?: return .descend
    case .match?, nil: return .compare
    }
  }

  /// The folder part of the literal text at the start of an anchored pattern: `^/etc/sudoers\.d/.*$` gives
  /// `/etc/sudoers.d`; a pattern with an alternation, or that does not start with `/`, gives `/`.
  static func fixedFolder(of pattern: String) -> String {
    var literal = ""
    var characters = pattern.dropFirst()[...]
    var hasAlternation = false
    var previousWasQuantifiable = false
    scan: while let character = characters.first {
      characters = characters.dropFirst()
      switch character {
      case "\\":
        guard let escaped = characters.first else { break scan }
        if escaped.isLetter || escaped.isNumber { break scan }
        characters = characters.dropFirst()
        literal.append(escaped)
        previousWasQuantifiable = true
      case "?", "*", "{":
        // The character before is optional or repeated: it is not fixed.
        if previousWasQuantifiable { literal.removeLast() }
        break scan
      case "+":
        break scan
      case ".", "[", "(", ")", "$", "^":
        break scan
      case "|":
        hasAlternation = true
        break scan
      default:
        literal.append(character)
        previousWasQuantifiable = true
      }
    }
    if pattern.contains("|") { hasAlternation = true }
    guard !hasAlternation, literal.hasPrefix("/"), let slash = literal.lastIndex(of: "/") else { return "/" }
    let folder = String(literal[..<slash])
    return folder.isEmpty ? "/" : folder
  }
}
