import Foundation
import OVAL
import XMLSupport

/// `dpkginfo_object`: installed Debian packages (OVAL 5.11.2 linux schema), one `dpkginfo_item` (`name`, `arch`,
/// `epoch`, `release`, `version`, `evr`) per installed package the `name` entity selects, read from dpkg's status
/// database (`/var/lib/dpkg/status` under the root) once per scan.
///
/// As OpenSCAP (through apt) reports them: a package counts as installed when dpkg has unpacked it (not when only its
/// configuration files remain); a name stands for the package of the host's own architecture (or `all`); the version
/// is split at its first `:` (epoch, `0` when absent) and its first `-` (release, empty for a native package), and
/// `evr` is `epoch:version-release`.
struct DpkgInfoProbe: Probe {
  let objectName = XMLName(OVALNamespace.definitions("linux"), "dpkginfo_object")

  func collect(_ request: ObjectRequest, in context: ProbeContext) -> CollectedObject {
    do {
      let name = try request.requiredSelection(of: "name")
      let root = context.root
      let database = context.session.table("dpkg status") { DpkgDatabase.read(under: root) }
      if let problem = database.problem { return .error(problem) }
      var outcome = context.outcome(for: request)
      let candidates: [DpkgDatabase.Package]
      if let exact = name.exactValues {
        candidates = exact.compactMap { database.installed[$0] }
      } else {
        candidates = try name.selected(
          database.installed.keys.sorted().compactMap { database.installed[$0] }, by: \.name)
      }
      for package in candidates {
        let version = DebianPackageVersion(package.version)
        outcome.add(
          Item(
            type: "dpkginfo_item", family: "linux",
            entities: [
              ItemEntity("name", package.name), ItemEntity("arch", package.architecture),
              ItemEntity("epoch", version.epoch), ItemEntity("release", version.release),
              ItemEntity("version", version.upstream), ItemEntity("evr", version.evr, datatype: .evrString),
            ]))
      }
      return outcome.collectedObject
    } catch {
      return error.outcome
    }
  }
}

/// A Debian version split as OpenSCAP's dpkginfo probe splits it: at the first `:` and the first `-`.
struct DebianPackageVersion: Equatable {
  let epoch: String
  let upstream: String
  let release: String

  init(_ text: String) {
    var rest = Substring(text)
    if let colon = rest.firstIndex(of: ":") {
      epoch = String(rest[..<colon])
      rest = rest[rest.index(after: colon)...]
    } else {
      epoch = "0"
    }
    if let dash = rest.firstIndex(of: "-") {
      upstream = String(rest[..<dash])
      release = String(rest[rest.index(after: dash)...])
    } else {
      upstream = String(rest)
      release = ""
    }
  }

  /// `epoch:version-release`, or `epoch:version` without a release.
  var evr: String { release.isEmpty ? "\(epoch):\(upstream)" : "\(epoch):\(upstream)-\(release)" }
}

/// dpkg's status database: every package stanza, and the installed package that stands for each name.
struct DpkgDatabase: Sendable {
  struct Package: Sendable {
    let name: String
    let architecture: String
    let version: String
  }

  /// Installed packages by name: the host's architecture (or `all`) wins over a foreign one, as apt picks it.
  let installed: [String: Package]
  /// Why the database could not be read; nil when it was read (or is absent, as on hosts without dpkg).
  let problem: String?

  /// dpkg states in which a package's files are on the host (apt gives such packages a current version).
  static let installedStates: Set<String> = [
    "installed", "half-configured", "unpacked", "half-installed", "triggers-awaited", "triggers-pending",
  ]

  static func read(under root: SystemRoot) -> DpkgDatabase {
    let hostPath = "/var/lib/dpkg/status"
    let bytes: [UInt8]
    do {
      guard let file = try root.openRegularFile(atHostPath: hostPath) else {
        return DpkgDatabase(installed: [:], problem: nil)
      }
      bytes = try file.readAll(limit: 512 << 20)
    } catch {
      return DpkgDatabase(installed: [:], problem: error.kind == .doesNotExist ? nil : error.description)
    }
    var stanzas: [[String: String]] = []
    var current: [String: String] = [:]
    for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
      if line.isEmpty {
        if !current.isEmpty { stanzas.append(current) }
        current = [:]
        continue
      }
      if line.first == " " || line.first == "\t" { continue }
      guard let colon = line.firstIndex(of: ":") else { continue }
      let key = String(line[..<colon])
      guard ["Package", "Status", "Architecture", "Version"].contains(key) else { continue }
      current[key] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
    if !current.isEmpty { stanzas.append(current) }

    let packages = stanzas.compactMap { stanza -> Package? in
      guard let name = stanza["Package"], let version = stanza["Version"], let status = stanza["Status"],
        let state = status.split(separator: " ").last, installedStates.contains(String(state))
      else { return nil }
      return Package(name: name, architecture: stanza["Architecture"] ?? "", version: version)
    }
    // The host's architecture is dpkg's own.
    let native = packages.first { $0.name == "dpkg" }?.architecture ?? Self.machineArchitecture
    var installed: [String: Package] = [:]
    for package in packages {
      let preferred = package.architecture == native || package.architecture == "all"
      if let known = installed[package.name], known.architecture == native || known.architecture == "all" {
        continue
      }
      if preferred || installed[package.name] == nil { installed[package.name] = package }
    }
    // A name installed only for a foreign architecture needs its ':arch' suffix in apt, so it is not found by name.
    installed = installed.filter { $0.value.architecture == native || $0.value.architecture == "all" }
    return DpkgDatabase(installed: installed, problem: nil)
  }

  private static var machineArchitecture: String {
    var names = utsname()
    uname(&names)
    let machine = withUnsafeBytes(of: names.machine) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    switch machine {
    case "x86_64": return "amd64"
    case "aarch64": return "arm64"
    case "i686", "i386": return "i386"
    case "armv7l": return "armhf"
    case "ppc64le": return "ppc64el"
    default: return machine
    }
  }
}
