import OVAL

/// A file named by a path, split as item entities report it: the host path and its folder and name.
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
}
