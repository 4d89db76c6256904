import OVAL

/// The `behaviors` of file-based objects (OVAL 5.11.2 unix schema, FileBehaviors; the same attributes in
/// textfilecontent54, filehash58 and xmlfilecontent), with OpenSCAP's defaults.
struct FileBehaviors: Sendable {
  enum Direction: String, Sendable {
    case none, down, up
  }

  enum FileSystemScope: String, Sendable {
    /// Every filesystem.
    case all
    /// Only local filesystems: not network ones, not proc or sysfs.
    case local
    /// Only the filesystem the search starts on.
    case defined
  }

  /// How deep a recursion goes: -1 without a limit, 0 no recursion, 1 one folder level, ...
  let maximumDepth: Int
  let direction: Direction
  /// Whether recursion enters folders, and whether it follows symbolic links to folders.
  let entersFolders: Bool
  let followsSymbolicLinks: Bool
  let fileSystem: FileSystemScope

  init(_ request: ObjectRequest) throws(CollectionStop) {
    let behaviors = request.object.behaviors
    let depthText = behaviors["max_depth"] ?? "-1"
    guard let depth = Int(depthText.trimmingCharacters(in: .whitespaces)), depth >= -1 else {
      throw .error("\(request.objectLabel): behavior max_depth must be an integer of -1 or more, not '\(depthText)'")
    }
    maximumDepth = depth
    let directionText = behaviors["recurse_direction"] ?? "none"
    guard let direction = Direction(rawValue: directionText) else {
      throw .error(
        "\(request.objectLabel): behavior recurse_direction must be none, down or up, not '\(directionText)'")
    }
    self.direction = direction
    switch behaviors["recurse"] ?? "symlinks and directories" {
    case "directories", "files and directories":
      (entersFolders, followsSymbolicLinks) = (true, false)
    case "symlinks":
      (entersFolders, followsSymbolicLinks) = (false, true)
    case "symlinks and directories":
      (entersFolders, followsSymbolicLinks) = (true, true)
    case let other:
      throw .error(
        "\(request.objectLabel): behavior recurse must be directories, symlinks or symlinks and directories, "
          + "not '\(other)'")
    }
    let scopeText = behaviors["recurse_file_system"] ?? "all"
    guard let scope = FileSystemScope(rawValue: scopeText) else {
      throw .error(
        "\(request.objectLabel): behavior recurse_file_system must be all, local or defined, not '\(scopeText)'")
    }
    fileSystem = scope
  }

  /// Whether `depth` (0 for the starting folder) is within `max_depth`.
  func allows(depth: Int) -> Bool { maximumDepth == -1 || depth <= maximumDepth }
}
