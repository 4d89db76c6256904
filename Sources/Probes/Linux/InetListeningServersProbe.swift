import Foundation
import OVAL
import XMLSupport

/// `inetlisteningservers_object`: TCP and UDP sockets (OVAL 5.11.2 linux schema), one
/// `inetlisteningservers_item` per socket of `/proc/net/{tcp,tcp6,udp,udp6,raw,raw6}` (under the root) whose
/// protocol, local address and local port the object selects, with the owning process when it is found.
///
/// As OpenSCAP reports them: every socket of those tables counts (not only those in the LISTEN state), raw sockets
/// count as `udp`, and addresses are written as `inet_ntop` writes them.
struct InetListeningServersProbe: Probe {
  let objectName = XMLName(OVALNamespace.definitions("linux"), "inetlisteningservers_object")

  func collect(_ request: ObjectRequest, in context: ProbeContext) -> CollectedObject {
    do {
      let protocolSelection = try request.requiredSelection(of: "protocol")
      let address = try request.requiredSelection(of: "local_address")
      let port = try request.requiredSelection(of: "local_port")
      let root = context.root
      let processes = context.session.table("processes") { ProcessTable.read(under: root) }
      let owners = context.session.table("socket owners") { SocketOwners.read(under: root, processes: processes) }
      var outcome = context.outcome(for: request)
      let tables = [
        ("tcp", "tcp"), ("tcp6", "tcp"), ("udp", "udp"), ("udp6", "udp"), ("raw", "udp"), ("raw6", "udp"),
      ]
      for (file, protocolName) in tables {
        for socket in SocketTable.read("/proc/net/\(file)", under: root) {
          guard try protocolSelection.selects(protocolName), try address.selects(socket.localAddress),
            try port.selects(String(socket.localPort))
          else { continue }
          var entities = [
            ItemEntity("protocol", protocolName), ItemEntity("local_address", socket.localAddress),
            ItemEntity("local_port", String(socket.localPort), datatype: .int),
            ItemEntity("local_full_address", "\(socket.localAddress):\(socket.localPort)"),
          ]
          let owner = owners.byInode[socket.inode]
          if let owner { entities.append(ItemEntity("program_name", owner.name)) }
          entities += [
            ItemEntity("foreign_address", socket.remoteAddress),
            ItemEntity("foreign_port", String(socket.remotePort), datatype: .int),
            ItemEntity("foreign_full_address", "\(socket.remoteAddress):\(socket.remotePort)"),
          ]
          if let owner {
            entities.append(ItemEntity("pid", String(owner.pid), datatype: .int))
            entities.append(ItemEntity("user_id", String(owner.effectiveUserID), datatype: .int))
          }
          outcome.add(Item(type: "inetlisteningserver_item", family: "linux", entities: entities))
        }
      }
      return outcome.collectedObject
    } catch {
      return error.outcome
    }
  }
}

/// A socket table of `/proc/net` (tcp, udp, raw and their IPv6 forms).
enum SocketTable {
  struct Socket {
    let localAddress: String
    let localPort: Int
    let remoteAddress: String
    let remotePort: Int
    let inode: UInt64
  }

  static func read(_ hostPath: String, under root: SystemRoot) -> [Socket] {
    guard let file = try? root.openRegularFile(atHostPath: hostPath), let bytes = try? file.readAll(limit: 64 << 20)
    else { return [] }
    var sockets: [Socket] = []
    for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n").dropFirst() {
      let fields = line.split(separator: " ", omittingEmptySubsequences: true)
      guard fields.count >= 10 else { continue }
      let local = fields[1].split(separator: ":")
      let remote = fields[2].split(separator: ":")
      guard local.count == 2, remote.count == 2, let localPort = Int(local[1], radix: 16),
        let remotePort = Int(remote[1], radix: 16), let inode = UInt64(fields[9])
      else { continue }
      sockets.append(
        Socket(
          localAddress: address(hex: local[0]), localPort: localPort, remoteAddress: address(hex: remote[0]),
          remotePort: remotePort, inode: inode))
    }
    return sockets
  }

  /// `0100007F` is 127.0.0.1: the kernel prints each 32-bit word in host byte order.
  static func address(hex: Substring) -> String {
    var bytes: [UInt8] = []
    var index = hex.startIndex
    while index < hex.endIndex, let next = hex.index(index, offsetBy: 8, limitedBy: hex.endIndex) {
      guard let word = UInt32(hex[index..<next], radix: 16) else { return "" }
      withUnsafeBytes(of: word) { bytes += $0 }
      index = next
    }
    var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
    let family = bytes.count == 4 ? AF_INET : AF_INET6
    guard bytes.count == 4 || bytes.count == 16 else { return "" }
    return bytes.withUnsafeBytes { raw in
      inet_ntop(family, raw.baseAddress, &text, socklen_t(text.count)) != nil ? String(nulTerminated: text) : ""
    }
  }
}
