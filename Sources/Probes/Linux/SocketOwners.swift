import Foundation

/// Which process holds each socket (by inode), from the `socket:[INODE]` links of `/proc/PID/fd` under the root, as
/// OpenSCAP's inetlisteningservers and iflisteners probes find them. Kernel threads are left out.
struct SocketOwners: Sendable {
  struct Owner: Sendable {
    let pid: Int
    let effectiveUserID: Int
    let name: String
  }

  let byInode: [UInt64: Owner]

  static func read(under root: SystemRoot, processes: ProcessTable) -> SocketOwners {
    var owners: [UInt64: Owner] = [:]
    for process in processes.processes {
      guard let folder = try? root.folder(atHostPath: "/proc/\(process.pid)/fd") else { continue }
      var targets: [String] = []
      _ = folder.forEachEntry { name, _ in
        let entry = HostLocation(folder: folder, name: HostFileName.string(cString: name))
        if case .success(let target) = entry.linkTarget() { targets.append(String(decoding: target, as: UTF8.self)) }
      }
      for target in targets {
        var inodeText: Substring?
        if target.hasPrefix("socket:["), target.hasSuffix("]") {
          inodeText = target.dropFirst(8).dropLast()
        } else if target.hasPrefix("[0000]:") {
          inodeText = target.dropFirst(7)
        }
        guard let inodeText, let inode = UInt64(inodeText), owners[inode] == nil else { continue }
        owners[inode] = Owner(pid: process.pid, effectiveUserID: process.effectiveUserID, name: process.name)
      }
    }
    return SocketOwners(byInode: owners)
  }
}
