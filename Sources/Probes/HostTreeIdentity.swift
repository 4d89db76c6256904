import Foundation

/// What a host tree says of its own host, for `palisade scan --root`: an offline scan of web01's tree is web01's
/// scan, not the scanning machine's. Read through `SystemRoot` (links stay inside the tree), from
/// - `/etc/hostname` (its first line that is not a comment): the host name;
/// - `/etc/machine-id`: the machine id;
/// - `/etc/hosts`: the lines naming the host give its fully qualified name (the first name with a dot whose first
///   label is the host name) and its addresses (loopback ones left out);
/// - `/etc/network/interfaces` and `/etc/network/interfaces.d/*` (ifupdown: `iface NAME`, `address`,
///   `hwaddress`) and `/etc/systemd/network/*.network` (systemd-networkd: `Name=`, `MACAddress=`, `Address=`):
///   static addresses with their interface and hardware address.
/// What the tree does not have stays empty; a file that cannot be read counts as absent.
public struct HostTreeIdentity: Sendable, Equatable {
  /// One configured address.
  public struct Address: Sendable, Equatable {
    public let interface: String
    public let ipAddress: String
    /// Upper case, as the running host's are reported; nil when the configuration does not give it.
    public let macAddress: String?
  }

  /// The host name, cleaned to what a result folder's name may hold; nil when the tree names none.
  public let hostname: String?
  public let fullyQualifiedName: String?
  public let machineID: String?
  public let addresses: [Address]

  /// Reads the identity of the host whose tree is `root`.
  public init(reading root: SystemRoot) {
    let hostname = Self.lines(of: "/etc/hostname", in: root).first.flatMap { HostNameCleaning.cleaned($0) }
    self.hostname = hostname
    machineID = Self.lines(of: "/etc/machine-id", in: root).first.flatMap { line in
      line.allSatisfy { $0.isHexDigit } && line.count == 32 ? line.lowercased() : nil
    }
    var fullyQualifiedName: String?
    var addresses: [Address] = []
    if let hostname {
      let shortName = hostname.split(separator: ".").first.map(String.init) ?? hostname
      for line in Self.lines(of: "/etc/hosts", in: root) {
        let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard fields.count > 1, fields.dropFirst().contains(where: { $0 == hostname || $0 == shortName }) else {
          continue
        }
        if fullyQualifiedName == nil {
          fullyQualifiedName = fields.dropFirst().first {
            $0.contains(".") && $0.split(separator: ".").first.map(String.init) == shortName
          }.flatMap { HostNameCleaning.cleaned($0) }
        }
        if !Self.isLoopback(fields[0]) {
          addresses.append(Address(interface: "", ipAddress: fields[0], macAddress: nil))
        }
      }
    }
    self.fullyQualifiedName = fullyQualifiedName
    let configured = Self.ifupdownAddresses(in: root) + Self.networkdAddresses(in: root)
    self.addresses =
      configured + addresses.filter { listed in !configured.contains { $0.ipAddress == listed.ipAddress } }
  }

  /// ifupdown's stanzas: `iface NAME inet static`, then `address A[/PREFIX]` and `hwaddress [ether] MAC`.
  private static func ifupdownAddresses(in root: SystemRoot) -> [Address] {
    let paths = ["/etc/network/interfaces"] + files(in: "/etc/network/interfaces.d", in: root, suffix: "")
    var found: [Address] = []
    for file in paths {
      var interface = ""
      var stanza: [(address: String, mac: String?)] = []
      var mac: String?
      func flush() {
        found += stanza.map { Address(interface: interface, ipAddress: $0.address, macAddress: mac) }
        stanza = []
        mac = nil
      }
      for line in lines(of: file, in: root) {
        let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        switch fields.first {
        case "iface":
          flush()
          interface = fields.count > 1 ? fields[1] : ""
        case "address" where fields.count > 1:
          if let address = address(fields[1]) { stanza.append((address, nil)) }
        case "hwaddress" where fields.count > 1:
          mac = macAddress(fields.last ?? "")
        default:
          break
        }
      }
      flush()
    }
    return found
  }

  /// systemd-networkd's `.network` files: `[Match] Name=`, `MACAddress=`; `Address=` in `[Network]` or `[Address]`.
  private static func networkdAddresses(in root: SystemRoot) -> [Address] {
    var found: [Address] = []
    for file in files(in: "/etc/systemd/network", in: root, suffix: ".network") {
      var interface = ""
      var mac: String?
      var listed: [String] = []
      for line in lines(of: file, in: root) {
        let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2 else { continue }
        switch parts[0] {
        case "Name": interface = parts[1].split(separator: " ").first.map(String.init) ?? ""
        case "MACAddress": mac = parts[1].split(separator: " ").first.flatMap { macAddress(String($0)) }
        case "Address": if let address = address(parts[1]) { listed.append(address) }
        default: break
        }
      }
      found += listed.map { Address(interface: interface, ipAddress: $0, macAddress: mac) }
    }
    return found
  }

  /// `192.0.2.10/24` as `192.0.2.10`; nil for what is not an IPv4 or IPv6 address, or a loopback one.
  private static func address(_ text: String) -> String? {
    let address = String(text.split(separator: "/").first ?? "")
    var ipv4 = in_addr()
    var ipv6 = in6_addr()
    guard inet_pton(AF_INET, address, &ipv4) == 1 || inet_pton(AF_INET6, address, &ipv6) == 1 else { return nil }
    return isLoopback(address) ? nil : address
  }

  private static func isLoopback(_ address: String) -> Bool {
    address.hasPrefix("127.") || address == "::1"
  }

  /// `52:54:00:ab:cd:ef` as `52:54:00:AB:CD:EF`; nil for anything else.
  private static func macAddress(_ text: String) -> String? {
    let groups = text.split(separator: ":")
    guard groups.count == 6, groups.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isHexDigit) }) else { return nil }
    return text.uppercased()
  }

  /// The lines of a small text file of the tree, trimmed, without blank lines and `#` comments; none when absent.
  private static func lines(of hostPath: String, in root: SystemRoot) -> [String] {
    guard let data = try? root.contents(ofFileAtHostPath: hostPath), data.count <= maximumFileSize else { return [] }
    return String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).compactMap { line in
      let text = line.trimmingCharacters(in: .whitespaces)
      return text.isEmpty || text.hasPrefix("#") ? nil : text
    }
  }

  /// The files of a folder of the tree whose names end in `suffix`, in name order.
  private static func files(in folder: String, in root: SystemRoot, suffix: String) -> [String] {
    let names = (try? root.entryNames(inFolderAtHostPath: folder)) ?? []
    return names.filter { $0.hasSuffix(suffix) && !$0.hasPrefix(".") }.sorted().map { "\(folder)/\($0)" }
  }

  /// Configuration files are small; a larger one is not read.
  private static let maximumFileSize = 1 << 20
}
