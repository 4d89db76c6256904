import Foundation
import OVAL
import XMLSupport

/// `interface_object`: network interface addresses (OVAL 5.11.2 unix schema), one `interface_item` per IPv4 or IPv6
/// address of each interface the `name` entity selects, as OpenSCAP reports them from `getifaddrs`: the hardware
/// address in upper case, the type as an `ARPHRD_` name, an IPv6 address with its prefix length, and the flags.
/// Interfaces belong to the running kernel, so `--root` does not change them.
struct InterfaceProbe: Probe {
  let objectName = XMLName(OVALNamespace.definitions("unix"), "interface_object")

  func collect(_ request: ObjectRequest, in context: ProbeContext) -> CollectedObject {
    do {
      let name = try request.requiredSelection(of: "name")
      var outcome = context.outcome(for: request)
      var addresses: UnsafeMutablePointer<ifaddrs>?
      guard getifaddrs(&addresses) == 0 else { return .error("getifaddrs() failed: \(errnoReason())") }
      defer { freeifaddrs(addresses) }
      var cursor = addresses
      while let entry = cursor {
        cursor = entry.pointee.ifa_next
        guard let address = entry.pointee.ifa_addr else { continue }
        let family = Int32(address.pointee.sa_family)
        guard family == AF_INET || family == AF_INET6 else { continue }
        let interface = String(cString: entry.pointee.ifa_name)
        guard try name.selects(interface) else { continue }
        let flags = entry.pointee.ifa_flags
        let addressType: Datatype = family == AF_INET ? .ipv4Address : .ipv6Address
        var inet = ""
        var netmask = ""
        var broadcast = ""
        if family == AF_INET {
          inet = Self.numeric(address, length: MemoryLayout<sockaddr_in>.size)
          netmask = entry.pointee.ifa_netmask.map { Self.numeric($0, length: MemoryLayout<sockaddr_in>.size) } ?? ""
          if flags & UInt32(truncatingIfNeeded: IFF_BROADCAST) != 0,
            let broadcastAddress = entry.pointee.ifa_ifu.ifu_broadaddr
          {
            broadcast = Self.numeric(broadcastAddress, length: MemoryLayout<sockaddr_in>.size)
          }
        } else {
          inet = Self.ipv6WithPrefix(address, mask: entry.pointee.ifa_netmask)
        }
        var entities = [
          ItemEntity("name", interface), ItemEntity("type", Self.typeName(interface)),
          ItemEntity("hardware_addr", Self.hardwareAddress(interface)),
          ItemEntity("inet_addr", inet, datatype: addressType),
          ItemEntity("broadcast_addr", broadcast, datatype: addressType),
          ItemEntity("netmask", netmask, datatype: addressType),
        ]
        entities += Self.flagNames(flags).map { ItemEntity("flag", $0) }
        outcome.add(Item(type: "interface_item", family: "unix", entities: entities))
      }
      return outcome.collectedObject
    } catch {
      return error.outcome
    }
  }

  private static func numeric(_ address: UnsafeMutablePointer<sockaddr>, length: Int) -> String {
    var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
    guard getnameinfo(address, socklen_t(length), &host, socklen_t(host.count), nil, 0, NI_NUMERICHOST) == 0 else {
      return ""
    }
    return String(nulTerminated: host)
  }

  private static func ipv6WithPrefix(_ address: UnsafeMutablePointer<sockaddr>, mask: UnsafeMutablePointer<sockaddr>?)
    -> String
  {
    var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
    let host = address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { pointer -> String in
      var value = pointer.pointee.sin6_addr
      return inet_ntop(AF_INET6, &value, &text, socklen_t(text.count)) != nil ? String(nulTerminated: text) : ""
    }
    var prefix = 0
    if let mask {
      mask.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { pointer in
        withUnsafeBytes(of: pointer.pointee.sin6_addr) { bytes in
          for byte in bytes {
            if byte == 0xFF {
              prefix += 8
              continue
            }
            var bit: UInt8 = 0x80
            while byte & bit != 0 {
              prefix += 1
              bit >>= 1
            }
            break
          }
        }
      }
    }
    return "\(host)/\(prefix)"
  }

  private static func hardwareAddress(_ interface: String) -> String {
    guard let text = try? String(contentsOfFile: "/sys/class/net/\(interface)/address", encoding: .utf8) else {
      return "00:00:00:00:00:00"
    }
    let bytes = text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ":")
    let six = (bytes + Array(repeating: "00", count: 6)).prefix(6)
    return six.map { $0.uppercased().count == 1 ? "0" + $0.uppercased() : $0.uppercased() }.joined(separator: ":")
  }

  private static func typeName(_ interface: String) -> String {
    guard let text = try? String(contentsOfFile: "/sys/class/net/\(interface)/type", encoding: .utf8),
      let type = Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
    else { return "" }
    switch type {
    case 1: return "ARPHRD_ETHER"
    case 774: return "ARPHRD_FDDI"
    case 772: return "ARPHRD_LOOPBACK"
    case 512: return "ARPHRD_PPP"
    case 4: return "ARPHRD_PRONET"
    case 256: return "ARPHRD_SLIP"
    case 0xFFFF: return "ARPHRD_VOID"
    default: return ""
    }
  }

  /// Flag names in net/if.h order, spelled as OpenSCAP spells them (IFF_NOARP as `NOAPP`).
  static func flagNames(_ flags: UInt32) -> [String] {
    let names: [(Int, String)] = [
      (IFF_UP, "UP"), (IFF_BROADCAST, "BROADCAST"), (IFF_DEBUG, "DEBUG"),
      (IFF_LOOPBACK, "LOOPBACK"), (IFF_POINTOPOINT, "POINTOPOINT"),
      (IFF_NOTRAILERS, "NOTRAILERS"), (IFF_RUNNING, "RUNNING"), (IFF_NOARP, "NOAPP"),
      (IFF_PROMISC, "PROMISC"), (IFF_ALLMULTI, "ALLMULTI"), (IFF_MASTER, "MASTER"),
      (IFF_SLAVE, "SLAVE"), (IFF_MULTICAST, "MULTICAST"), (IFF_PORTSEL, "PORTSEL"),
      (IFF_AUTOMEDIA, "AUTOMEDIA"), (IFF_DYNAMIC, "DYNAMIC"),
    ]
    return names.filter { flags & UInt32(truncatingIfNeeded: $0.0) != 0 }.map(\.1)
  }
}
