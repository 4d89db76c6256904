import Foundation
import OVAL
import XMLSupport

/// `sysctl_object`: kernel parameters (OVAL 5.11.2 unix schema), one `sysctl_item` (`name`, `value`...) per parameter
/// the `name` entity selects, read from `/proc/sys` under the root as the sysctl tool reads them.
///
/// As in OpenSCAP: write-only parameters and empty values are left out, a value is split into several `value`s at
/// line breaks and unprintable characters, IPv6 `stable_secret`s that cannot be read (not set) are left out, and a
/// parameter that cannot be read gives an item with status `error`. The parameters are read once per scan.
struct SysctlProbe: Probe {
  let objectName = XMLName(OVALNamespace.definitions("unix"), "sysctl_object")

  /// One parameter as read: its values, or nil when it could not be read.
  struct Parameter: Sendable {
    let name: String
    let values: [String]?
  }

  func collect(_ request: ObjectRequest, in context: ProbeContext) -> CollectedObject {
    do {
      let name = try request.requiredSelection(of: "name")
      var outcome = context.outcome(for: request)
      let table = context.session.table("sysctl") { Self.parameters(under: context.root) }
      for parameter in table where try name.selects(parameter.name) {
        guard let values = parameter.values else {
          outcome.add(Item(type: "sysctl_item", family: "unix", status: .error, entities: []))
          continue
        }
        outcome.add(
          Item(
            type: "sysctl_item", family: "unix",
            entities: [ItemEntity("name", parameter.name)] + values.map { ItemEntity("value", $0) }))
      }
      return outcome.collectedObject
    } catch {
      return error.outcome
    }
  }

  /// Every readable parameter below `/proc/sys`, in path order.
  static func parameters(under root: SystemRoot) -> [Parameter] {
    guard let base = try? root.folder(atHostPath: "/proc/sys") else { return [] }
    var parameters: [Parameter] = []
    var folders = [(base, [String]())]
    while let (folder, components) = folders.popLast() {
      var names: [String] = []
      guard folder.forEachEntry({ name, _ in names.append(HostFileName.string(cString: name)) }) == nil else {
        continue
      }
      for entry in names.sorted().reversed() {
        let location = HostLocation(folder: folder, name: entry)
        guard case .success(let status) = location.linkStatus() else { continue }
        switch status.kind {
        case .directory:
          guard case .success(let child) = location.openFolder() else { continue }
          folders.append((child, components + [entry]))
        case .regular:
          // Write-only parameters (such as net.ipv4.route.flush) are skipped, as the sysctl tool skips them.
          guard status.has(S_IRUSR) else { continue }
          let name = (components + [entry]).joined(separator: ".")
          let isStableSecret = entry == "stable_secret" && components.starts(with: ["net", "ipv6", "conf"])
          guard let bytes = read(location) else {
            if !isStableSecret { parameters.append(Parameter(name: name, values: nil)) }
            continue
          }
          guard !bytes.isEmpty else { continue }
          parameters.append(Parameter(name: name, values: values(of: bytes)))
        default:
          continue
        }
      }
    }
    return parameters.sorted { $0.name < $1.name }
  }

  private static func read(_ location: HostLocation) -> [UInt8]? {
    guard case .success(let descriptor) = location.open(O_RDONLY | O_NONBLOCK) else { return nil }
    defer { close(descriptor) }
    var buffer = [UInt8](repeating: 0, count: 8191)
    var total = 0
    while total < buffer.count {
      let count = buffer.withUnsafeMutableBytes { bytes in
        let rest = UnsafeMutableRawBufferPointer(rebasing: bytes[total...])
        return Glibc.read(descriptor, rest.baseAddress, rest.count)
      }
      if count < 0 { return nil }
      if count == 0 { break }
      total += count
    }
    return Array(buffer[0..<total])
  }

  /// A value split at line breaks and unprintable characters (tabs stay), the last line break dropped, a trailing
  /// empty part left out.
  static func values(of bytes: [UInt8]) -> [String] {
    var content = bytes[...]
    if content.last == UInt8(ascii: "\n") { content = content.dropLast() }
    var parts: [String] = []
    var current: [UInt8] = []
    for byte in content {
      let printable = byte >= 0x20 && byte < 0x7F
      let space = byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
      if (!printable && !space) || byte == UInt8(ascii: "\n") {
        parts.append(String(decoding: current, as: UTF8.self))
        current = []
      } else {
        current.append(byte)
      }
    }
    if !current.isEmpty { parts.append(String(decoding: current, as: UTF8.self)) }
    return parts
  }
}
