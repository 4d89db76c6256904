import Foundation

/// Finds Palisade's own data stream, the default content of `palisade scan`.
enum BundledContent {
  static let fileName = "palisade-docker-stig-ds.xml"

  /// Where to look, in order: `$PALISADE_CONTENT`, `content/` in the current folder, `content/` in a folder above
  /// the executable (a source checkout's build tree), and the shared data folders of an installation.
  static func candidates(executablePath: String = CommandLine.arguments[0]) -> [String] {
    var paths: [String] = []
    if let variable = ProcessInfo.processInfo.environment["PALISADE_CONTENT"], !variable.isEmpty {
      paths.append(variable)
    }
    paths.append(FileManager.default.currentDirectoryPath + "/content/" + fileName)
    var folder = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
    for _ in 0..<6 {
      paths.append(folder.appendingPathComponent("content/\(fileName)").path)
      paths.append(folder.appendingPathComponent("share/palisade/\(fileName)").path)
      folder = folder.deletingLastPathComponent()
    }
    paths += ["/usr/local/share/palisade/\(fileName)", "/usr/share/palisade/\(fileName)"]
    return paths
  }

  /// The first candidate that exists, or nil.
  static func locate() -> String? {
    candidates().first { FileManager.default.isReadableFile(atPath: $0) }
  }
}
