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
      guard let folder = try? root.resolve(hostPath: "/proc/\(process.pid)/fd"),
        let descriptors = try? FileManager.default.contentsOfDirectory(atPath: folder)
      else { continue }
      for descriptor in descriptors {
        guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: folder + "/" + descriptor) else {
          continue
        }
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
