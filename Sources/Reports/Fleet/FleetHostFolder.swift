import Foundation

/// Where one host's results are, as `palisade fleet` finds them among the folders it is given: the run to show
/// (`latest`, or a run folder given itself) and the run before it in the same host folder.
public struct FleetHostFolder: Sendable, Equatable {
  /// The host folder's name (the run folder's, when it has no host folder): the host's name until its ARF is read.
  public let name: String
  /// The run folder shown.
  public let runFolder: String
  /// The run folder of the host's previous run, when the host folder holds one.
  public let previousRunFolder: String?

  /// The host folders `paths` name, each path being a results folder (holding HOST folders, as `palisade scan
  /// --output-dir` and what Ansible fetches do), a host folder (holding `latest` and run folders) or a run folder
  /// (holding `arf.xml`). In a results folder, a folder holding neither is a host without a scan.
  /// - Throws: `FleetInputError` naming a path that is missing or not a folder.
  public static func hosts(in paths: [String]) throws(FleetInputError) -> [FleetHostFolder] {
    var hosts: [FleetHostFolder] = []
    for path in paths {
      let folder = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
      var isFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
        throw FleetInputError(path: path)
      }
      if let host = host(at: folder, insideResults: false) {
        hosts.append(host)
        continue
      }
      let children = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
      for child in children where !child.hasPrefix(".") && isDirectory(folder + "/" + child) {
        if let host = host(at: folder + "/" + child, insideResults: true) { hosts.append(host) }
      }
    }
    return hosts
  }

  /// The host a folder stands for: a run folder, a host folder, or (inside a results folder) a host without a scan.
  private static func host(at folder: String, insideResults: Bool) -> FleetHostFolder? {
    let name = URL(fileURLWithPath: folder).lastPathComponent
    if exists(folder + "/arf.xml") {
      let hostFolder = URL(fileURLWithPath: folder).deletingLastPathComponent().path
      let isLatest = name == "latest"
      return FleetHostFolder(
        name: isLatest ? URL(fileURLWithPath: hostFolder).lastPathComponent : name, runFolder: folder,
        previousRunFolder: previousRun(in: hostFolder, before: folder))
    }
    if exists(folder + "/latest") || insideResults {
      return FleetHostFolder(
        name: name, runFolder: folder + "/latest",
        previousRunFolder: previousRun(in: folder, before: folder + "/latest"))
    }
    return nil
  }

  /// The newest run folder of `hostFolder` older than `run` (run folders are named by their time, which sorts).
  private static func previousRun(in hostFolder: String, before run: String) -> String? {
    let runName =
      ((try? FileManager.default.destinationOfSymbolicLink(atPath: run)) ?? run).split(separator: "/").last.map(
        String.init) ?? ""
    // A `latest` that is a folder of its own (copied, as Ansible fetches it) has no run folders beside it.
    guard runName != "latest" else { return nil }
    let runs = ((try? FileManager.default.contentsOfDirectory(atPath: hostFolder)) ?? []).filter {
      $0 != "latest" && !$0.hasPrefix(".") && $0 < runName && exists(hostFolder + "/" + $0 + "/arf.xml")
    }
    return runs.max().map { hostFolder + "/" + $0 }
  }

  private static func exists(_ path: String) -> Bool {
    var status = stat()
    return lstat(path, &status) == 0
  }

  private static func isDirectory(_ path: String) -> Bool {
    var isFolder: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
  }
}

/// A path given to `palisade fleet` that is not a folder.
public struct FleetInputError: Error, Sendable, CustomStringConvertible {
  public let path: String
  public var description: String { "'\(path)' is not a folder of scan results" }
}
