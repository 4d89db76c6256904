import Foundation
public import XMLSupport

/// Finds the result file a path names: the file itself, the `arf.xml` of a run folder (`results/HOST/TIMESTAMP`),
/// or the latest run of a host folder (`results/HOST`, through its `latest` link).
public enum ResultFileLocation {
  /// The result file `path` names.
  /// - Throws: `FileReadError` naming the path when it does not exist or a folder holds no result.
  public static func resultFile(named path: String) throws(FileReadError) -> String {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
      throw FileReadError(path: path, reason: "no such file or directory")
    }
    guard isFolder.boolValue else { return path }
    let prefix = path.hasSuffix("/") ? path : path + "/"
    let candidates = [prefix + "arf.xml", prefix + "latest/arf.xml"]
    if let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) { return found }
    throw FileReadError(
      path: path, reason: "is a folder without a scan result (no arf.xml, and no 'latest' run with one)")
  }
}
