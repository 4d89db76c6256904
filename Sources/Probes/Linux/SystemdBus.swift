import Foundation

/// systemd's D-Bus interface, reached through `busctl --json=short` (which every systemd host has), giving unit names
/// and `org.freedesktop.systemd1.Unit` properties as OpenSCAP reads them over D-Bus.
///
/// When the system bus or systemd is not there (a container, a chroot, a host booted with another init), OpenSCAP
/// reports `error` ("DBus connection failed, could not identify systemd units."), or `not collected` when scanning
/// offline; Palisade does the same, with the same message.
struct SystemdBus: Sendable {
  static let connectionFailure = "DBus connection failed, could not identify systemd units."

  /// The busctl program.
  let executable: String

  /// The bus for the scanned host: only the running system has one (`--root` scans are offline).
  static func forHost(_ root: SystemRoot, environment: [String: String] = ProcessInfo.processInfo.environment)
    -> SystemdBus?
  {
    guard root.isHostRoot, FileManager.default.fileExists(atPath: "/run/systemd/system") else { return nil }
    let socket =
      environment["DBUS_SYSTEM_BUS_ADDRESS"].flatMap { address -> String? in
        address.hasPrefix("unix:path=") ? String(address.dropFirst(10)) : nil
      } ?? "/run/dbus/system_bus_socket"
    guard FileManager.default.fileExists(atPath: socket) else { return nil }
    for candidate in ["/usr/bin/busctl", "/bin/busctl"] where FileManager.default.isExecutableFile(atPath: candidate) {
      return SystemdBus(executable: candidate)
    }
    return nil
  }

  /// The names of the units systemd has loaded (Manager.ListUnits).
  func units() -> [String]? {
    guard
      case .array(let replies)? = call(
        "/org/freedesktop/systemd1", "org.freedesktop.systemd1.Manager", "ListUnits", arguments: []),
      case .array(let units)? = replies.first
    else { return nil }
    return units.compactMap { unit in
      if case .array(let fields) = unit, case .string(let name)? = fields.first { return name }
      return nil
    }
  }

  /// The object path of a unit, loading it if needed (Manager.LoadUnit).
  func path(ofUnit unit: String) -> String? {
    guard
      case .array(let replies)? = call(
        "/org/freedesktop/systemd1", "org.freedesktop.systemd1.Manager", "LoadUnit", arguments: ["s", unit]),
      case .string(let path)? = replies.first
    else { return nil }
    return path
  }

  /// Every property of the unit's `org.freedesktop.systemd1.Unit` interface, with its values as OpenSCAP writes them
  /// (an array gives one value per element).
  func properties(ofUnitAt path: String) -> [(name: String, values: [String])] {
    guard
      case .array(let replies)? = call(
        path, "org.freedesktop.DBus.Properties", "GetAll", arguments: ["s", "org.freedesktop.systemd1.Unit"]),
      case .object(let dictionary)? = replies.first
    else { return [] }
    return dictionary.keys.sorted().compactMap { name in
      guard case .object(let variant)? = dictionary[name], case .string(let type)? = variant["type"],
        let data = variant["data"]
      else { return nil }
      if type.hasPrefix("a"), case .array(let elements) = data {
        let elementType = String(type.dropFirst())
        return (name, elements.compactMap { Self.text(of: $0, type: elementType) })
      }
      return Self.text(of: data, type: type).map { (name, [$0]) }
    }
  }

  /// One property of a unit, as a single string (array elements joined by ", ").
  func property(_ name: String, ofUnitAt path: String) -> String? {
    guard
      case .array(let replies)? = call(
        path, "org.freedesktop.DBus.Properties", "Get", arguments: ["ss", "org.freedesktop.systemd1.Unit", name]),
      case .object(let variant)? = replies.first, case .string(let type)? = variant["type"], let data = variant["data"]
    else { return nil }
    return Self.text(of: data, type: type)
  }

  /// A D-Bus value as OpenSCAP's `dbus_value_to_string` writes it; nil for structures and dictionaries.
  static func text(of value: JSONValue, type: String) -> String? {
    guard let code = type.first else { return nil }
    switch (code, value) {
    case ("b", .bool(let flag)): return flag ? "true" : "false"
    case ("y", .number(let number)):
      return UInt8(number).map { String(decoding: [$0], as: UTF8.self) }
    case ("d", .number(let number)): return String(format: "%g", Double(number) ?? 0)
    case ("n", .number(let number)), ("q", .number(let number)), ("i", .number(let number)),
      ("u", .number(let number)), ("x", .number(let number)), ("t", .number(let number)):
      return number
    case ("s", .string(let text)), ("o", .string(let text)), ("g", .string(let text)): return text
    case ("a", .array(let elements)):
      let parts = elements.compactMap { text(of: $0, type: String(type.dropFirst())) }
      return parts.isEmpty ? nil : parts.joined(separator: ", ")
    default: return nil
    }
  }

  private func call(_ path: String, _ interface: String, _ method: String, arguments: [String]) -> JSONValue? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments =
      ["--system", "--json=short", "call", "org.freedesktop.systemd1", path, interface, method] + arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    do {
      try process.run()
    } catch {
      return nil
    }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0,
      case .object(let reply)? = try? JSONParser.parse([UInt8](data))
    else { return nil }
    return reply["data"]
  }
}
