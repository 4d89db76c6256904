import Foundation
public import Probes

/// Who and what the scan ran on: the host's names and network addresses, and the user running it.
public struct TargetIdentity: Sendable {
  public let hostname: String
  public let fullyQualifiedName: String
  public let ipAddresses: [String]
  public let macAddresses: [String]
  /// Each interface's name with one of its addresses and its hardware address.
  public let interfaces: [NetworkInterface]
  public let userName: String
  public let isPrivileged: Bool
  /// From uname(2): kernel name, release and version, machine.
  public let operatingSystem: String
  public let operatingSystemRelease: String
  public let operatingSystemVersion: String
  public let architecture: String
  /// The container or image scanned, when the target is one (`palisade scan --container`, `--image`); its host name is
  /// then the container's (`container-web01`), and it has no network interfaces of its own.
  public private(set) var container: ContainerTarget?
  /// The container engine whose API the scan read, when one answered.
  public var containerEngine: ContainerEngine?
  /// The host's `/etc/machine-id`, when known.
  public var machineID: String?

  public init(
    hostname: String, fullyQualifiedName: String, ipAddresses: [String], macAddresses: [String],
    interfaces: [NetworkInterface], userName: String, isPrivileged: Bool, operatingSystem: String,
    operatingSystemRelease: String, operatingSystemVersion: String, architecture: String
  ) {
    self.hostname = hostname
    self.fullyQualifiedName = fullyQualifiedName
    self.ipAddresses = ipAddresses
    self.macAddresses = macAddresses
    self.interfaces = interfaces
    self.userName = userName
    self.isPrivileged = isPrivileged
    self.operatingSystem = operatingSystem
    self.operatingSystemRelease = operatingSystemRelease
    self.operatingSystemVersion = operatingSystemVersion
    self.architecture = architecture
  }

  /// Reads the identity of the machine the scanner runs on.
  public static func ofThisHost() -> TargetIdentity {
    var buffer = [CChar](repeating: 0, count: 256)
    let hostname = gethostname(&buffer, buffer.count) == 0 ? string(buffer) : "localhost"
    let interfaces = networkInterfaces()
    let uid = geteuid()
    let userName = getpwuid(uid).map { String(cString: $0.pointee.pw_name) } ?? String(uid)
    var names = utsname()
    uname(&names)
    func field<T>(_ value: T) -> String {
      withUnsafeBytes(of: value) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }
    return TargetIdentity(
      hostname: hostname, fullyQualifiedName: canonicalName(of: hostname),
      ipAddresses: Array(Set(interfaces.map(\.ipAddress))).sorted(),
      macAddresses: Array(Set(interfaces.map(\.macAddress).filter { $0 != "00:00:00:00:00:00" })).sorted(),
      interfaces: interfaces, userName: userName, isPrivileged: uid == 0, operatingSystem: field(names.sysname),
      operatingSystemRelease: field(names.release), operatingSystemVersion: field(names.version),
      architecture: field(names.machine))
  }

  /// The identity of a container or image scanned from this host: the container's names, this host's user and
  /// kernel (a container runs on its host's kernel).
  public static func of(_ container: ContainerTarget) -> TargetIdentity {
    let host = ofThisHost()
    var identity = TargetIdentity(
      hostname: container.hostName, fullyQualifiedName: container.hostName, ipAddresses: [], macAddresses: [],
      interfaces: [], userName: host.userName, isPrivileged: host.isPrivileged, operatingSystem: host.operatingSystem,
      operatingSystemRelease: host.operatingSystemRelease, operatingSystemVersion: host.operatingSystemVersion,
      architecture: host.architecture)
    identity.container = container
    return identity
  }

  /// The identity of the host whose tree `root` is (`--root`): its names and addresses as the tree records them
  /// (`HostTreeIdentity`), this host's user and kernel (an offline tree runs none). A tree that names no host is
  /// named after its folder (`/mnt/web01` is `web01`). The root `/` is this host.
  public static func of(tree root: SystemRoot) -> TargetIdentity {
    let host = ofThisHost()
    guard !root.isHostRoot else { return host }
    let tree = HostTreeIdentity(reading: root)
    let folderName = URL(fileURLWithPath: root.path).lastPathComponent
    let hostname = tree.hostname ?? HostNameCleaning.cleaned(folderName) ?? "host"
    let interfaces = tree.addresses.map {
      NetworkInterface(
        name: $0.interface, ipAddress: $0.ipAddress, macAddress: $0.macAddress ?? "00:00:00:00:00:00")
    }
    var identity = TargetIdentity(
      hostname: hostname, fullyQualifiedName: tree.fullyQualifiedName ?? hostname,
      ipAddresses: Array(Set(interfaces.map(\.ipAddress))).sorted(),
      macAddresses: Array(Set(tree.addresses.compactMap(\.macAddress))).sorted(), interfaces: interfaces,
      userName: host.userName, isPrivileged: host.isPrivileged, operatingSystem: host.operatingSystem,
      operatingSystemRelease: host.operatingSystemRelease, operatingSystemVersion: host.operatingSystemVersion,
      architecture: host.architecture)
    identity.machineID = tree.machineID
    return identity
  }

  /// This identity under another name (`--target NAME`): host name and fully qualified name are `name`; addresses,
  /// machine id and container stay.
  public func named(_ name: String) -> TargetIdentity {
    var identity = TargetIdentity(
      hostname: name, fullyQualifiedName: name, ipAddresses: ipAddresses, macAddresses: macAddresses,
      interfaces: interfaces, userName: userName, isPrivileged: isPrivileged, operatingSystem: operatingSystem,
      operatingSystemRelease: operatingSystemRelease, operatingSystemVersion: operatingSystemVersion,
      architecture: architecture)
    identity.container = container
    identity.containerEngine = containerEngine
    identity.machineID = machineID
    return identity
  }

  /// The canonical name the resolver gives the host name, or the host name itself.
  private static func canonicalName(of hostname: String) -> String {
    var hints = addrinfo()
    hints.ai_flags = AI_CANONNAME
    hints.ai_family = AF_UNSPEC
    var result: UnsafeMutablePointer<addrinfo>?
    guard getaddrinfo(hostname, nil, &hints, &result) == 0, let first = result else { return hostname }
    defer { freeaddrinfo(first) }
    return first.pointee.ai_canonname.map { String(cString: $0) } ?? hostname
  }

  /// Every IPv4 and IPv6 address of the host's interfaces, with the interface's name and hardware address.
  private static func networkInterfaces() -> [NetworkInterface] {
    var list: UnsafeMutablePointer<ifaddrs>?
    guard getifaddrs(&list) == 0, let first = list else { return [] }
    defer { freeifaddrs(first) }
    var interfaces: [NetworkInterface] = []
    var cursor: UnsafeMutablePointer<ifaddrs>? = first
    while let entry = cursor {
      defer { cursor = entry.pointee.ifa_next }
      guard let address = entry.pointee.ifa_addr else { continue }
      switch Int32(address.pointee.sa_family) {
      case AF_INET, AF_INET6:
        var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        let length =
          Int32(address.pointee.sa_family) == AF_INET
          ? socklen_t(MemoryLayout<sockaddr_in>.size) : socklen_t(MemoryLayout<sockaddr_in6>.size)
        if getnameinfo(address, length, &host, socklen_t(host.count), nil, 0, NI_NUMERICHOST) == 0 {
          // Drop the "%interface" zone suffix of link-local IPv6 addresses.
          let address = string(host).split(separator: "%").first.map(String.init) ?? ""
          let name = String(cString: entry.pointee.ifa_name)
          if !address.isEmpty {
            interfaces.append(NetworkInterface(name: name, ipAddress: address, macAddress: macAddress(of: name)))
          }
        }
      default:
        break
      }
    }
    return interfaces
  }

  /// The interface's hardware address as the kernel lists it in /sys/class/net.
  private static func macAddress(of interface: String) -> String {
    let text = try? String(contentsOfFile: "/sys/class/net/\(interface)/address", encoding: .utf8)
    let address = text?.trimmingCharacters(in: .whitespacesAndNewlines).uppercased() ?? ""
    return address.isEmpty ? "00:00:00:00:00:00" : address
  }

  private static func string(_ buffer: [CChar]) -> String {
    String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}

/// One address of a network interface.
public struct NetworkInterface: Sendable {
  public let name: String
  public let ipAddress: String
  public let macAddress: String
}
