import Foundation
import OVAL
import XMLSupport

/// `iflisteners_object`: processes listening on network interfaces through packet sockets (OVAL 5.11.2 linux schema),
/// one `iflisteners_item` per socket of `/proc/net/packet` whose interface the `interface_name` entity selects and
/// whose owning process is found, as OpenSCAP reports them.
struct IflistenersProbe: Probe {
  let objectName = XMLName(OVALNamespace.definitions("linux"), "iflisteners_object")

  func collect(_ request: ObjectRequest, in context: ProbeContext) -> CollectedObject {
    do {
      let interfaceName = try request.requiredSelection(of: "interface_name")
      let root = context.root
      let processes = context.session.table("processes") { ProcessTable.read(under: root) }
      let owners = context.session.table("socket owners") { SocketOwners.read(under: root, processes: processes) }
      var outcome = context.outcome(for: request)
      guard let file = try? root.openRegularFile(atHostPath: "/proc/net/packet"),
        let bytes = try? file.readAll(limit: 16 << 20)
      else { return outcome.collectedObject }
      let interfaces = Self.interfaces()
      for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n").dropFirst() {
        // sk RefCnt Type Proto Iface R Rmem User Inode
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count >= 9, let proto = Int(fields[3], radix: 16), let index = Int(fields[4]),
          let inode = UInt64(fields[8]), let owner = owners.byInode[inode], let interface = interfaces[index],
          try interfaceName.selects(interface.name)
        else { continue }
        outcome.add(
          Item(
            type: "iflisteners_item", family: "linux",
            entities: [
              ItemEntity("interface_name", interface.name), ItemEntity("protocol", Self.protocolName(proto)),
              ItemEntity("hw_address", interface.address), ItemEntity("program_name", owner.name),
              ItemEntity("pid", String(owner.pid), datatype: .int),
              ItemEntity("user_id", String(owner.effectiveUserID), datatype: .int),
            ]))
      }
      return outcome.collectedObject
    } catch {
      return error.outcome
    }
  }

  private static func interfaces() -> [Int: (name: String, address: String)] {
    var found: [Int: (String, String)] = [:]
    for name in (try? FileManager.default.contentsOfDirectory(atPath: "/sys/class/net")) ?? [] {
      guard
        let index = (try? String(contentsOfFile: "/sys/class/net/\(name)/ifindex", encoding: .utf8)).flatMap({
          Int($0.trimmingCharacters(in: .whitespacesAndNewlines))
        })
      else { continue }
      let address =
        (try? String(contentsOfFile: "/sys/class/net/\(name)/address", encoding: .utf8))?.trimmingCharacters(
          in: .whitespacesAndNewlines) ?? ""
      found[index] = (name, address)
    }
    return found
  }

  /// Ethernet protocol ids as OVAL's EntityItemProtocolType names them.
  static func protocolName(_ number: Int) -> String {
    let names: [Int: String] = [
      0x0001: "ETH_P_802_3", 0x0002: "ETH_P_AX25", 0x0003: "ETH_P_ALL", 0x0004: "ETH_P_802_2", 0x0005: "ETH_P_SNAP",
      0x0006: "ETH_P_DDCMP", 0x0007: "ETH_P_WAN_PPP", 0x0008: "ETH_P_PPP_MP", 0x0009: "ETH_P_LOCALTALK",
      0x0010: "ETH_P_PPPTALK", 0x0011: "ETH_P_TR_802_2", 0x0015: "ETH_P_MOBITEX", 0x0016: "ETH_P_CONTROL",
      0x0017: "ETH_P_IRDA", 0x0018: "ETH_P_ECONET", 0x0019: "ETH_P_HDLC", 0x001A: "ETH_P_ARCNET", 0x0200: "ETH_P_PUP",
      0x0201: "ETH_P_PUPAT", 0x0800: "ETH_P_IP", 0x0805: "ETH_P_X25", 0x0806: "ETH_P_ARP", 0x08FF: "ETH_P_BPQ",
      0x0A00: "ETH_P_IEEEPUP", 0x0A01: "ETH_P_IEEEPUPAT", 0x6000: "ETH_P_DEC", 0x6001: "ETH_P_DNA_DL",
      0x6002: "ETH_P_DNA_RC", 0x6003: "ETH_P_DNA_RT", 0x6004: "ETH_P_LAT", 0x6005: "ETH_P_DIAG", 0x6006: "ETH_P_CUST",
      0x6007: "ETH_P_SCA", 0x8035: "ETH_P_RARP", 0x809B: "ETH_P_ATALK", 0x80F3: "ETH_P_AARP", 0x8100: "ETH_P_8021Q",
      0x8137: "ETH_P_IPX", 0x86DD: "ETH_P_IPV6", 0x8863: "ETH_P_PPP_DISC", 0x8864: "ETH_P_PPP_SES",
      0x884C: "ETH_P_ATMMPOA", 0x8884: "ETH_P_ATMFATE",
    ]
    return names[number] ?? ""
  }
}
