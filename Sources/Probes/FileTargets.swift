import OVAL

/// A file named by an object, as item entities report it: the host path and its folder and name.
struct FileTarget: Sendable, Equatable {
  /// The absolute path on the scanned host, such as `/etc/docker/daemon.json`.
  let filepath: String
  /// The folder part, such as `/etc/docker`.
  let path: String
  /// The name part, such as `daemon.json`.
  let filename: String

  /// A target from a whole path: the folder is everything before the last slash (`/` for a file at the top).
  init(filepath: String) {
    self.filepath = filepath
    if let slash = filepath.lastIndex(of: "/") {
      let folder = String(filepath[..<slash])
      path = folder.isEmpty ? "/" : folder
      filename = String(filepath[filepath.index(after: slash)...])
    } else {
      path = ""
      filename = filepath
    }
  }

  /// A target from a folder and a name, joined with one slash.
  init(path: String, filename: String) {
    self.path = path
    self.filename = filename
    filepath = path.hasSuffix("/") ? path + filename : path + "/" + filename
  }

  /// The `filepath`, `path` and `filename` item entities, in the order the OVAL item schemas list them.
  var itemEntities: [ItemEntity] {
    [ItemEntity("filepath", filepath), ItemEntity("path", path), ItemEntity("filename", filename)]
  }
}

extension ObjectRequest {
  /// The files an object names with `filepath`, or with `path` and `filename`, each value of a variable in turn.
  ///
  /// Only exact names are collected for now: other operations, and `path` with a recursive `recurse_direction`
  /// behavior, need a walk of the filesystem and give `not collected`.
  /// - Throws: `CollectionStop` for an object that names no file or asks for a walk.
  func fileTargets() throws(CollectionStop) -> [FileTarget] {
    let walk = "a walk of the filesystem"
    if object.entity("filepath") != nil {
      return try exactValues(of: "filepath", needing: walk).map(FileTarget.init(filepath:))
    }
    guard let filenameEntity = object.entity("filename"), object.entity("path") != nil else {
      throw .error("\(objectLabel): needs a 'filepath', or a 'path' and a 'filename'")
    }
    if filenameEntity.isNil {
      throw .notCollected("\(objectLabel): a nil 'filename' (the folder itself) is not supported yet")
    }
    if let direction = object.behaviors["recurse_direction"], direction != "none" {
      throw .notCollected(
        "\(objectLabel): behavior recurse_direction '\(direction)' needs \(walk), which is not supported yet")
    }
    let paths = try exactValues(of: "path", needing: walk)
    let filenames = try exactValues(of: "filename", needing: walk)
    return paths.flatMap { path in filenames.map { FileTarget(path: path, filename: $0) } }
  }
}
