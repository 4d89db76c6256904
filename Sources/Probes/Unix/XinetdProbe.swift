import Foundation
import OVAL
import XMLSupport

/// `xinetd_object`: services that xinetd configures (OVAL 5.11.2 unix schema), one `xinetd_item` per service whose
/// `protocol` and `service_name` the object selects, read from `/etc/xinetd.conf` and the files it includes
/// (`include`, `includedir`), with the `defaults` section applied. A host without xinetd's configuration has no such
/// services: the object does not exist.
struct XinetdProbe: Probe {
  let objectName = XMLName(OVALNamespace.definitions("unix"), "xinetd_object")

  func collect(_ request: ObjectRequest, in context: ProbeContext) -> CollectedObject {
    do {
      let protocolSelection = try request.requiredSelection(of: "protocol")
      let service = try request.requiredSelection(of: "service_name")
      var outcome = context.outcome(for: request)
      var configuration = XinetdConfiguration()
      configuration.read("/etc/xinetd.conf", in: context.root, depth: 0)
      for entry in configuration.services {
        let attributes = configuration.defaults.merging(entry.attributes) { _, own in own }
        let protocolName = attributes["protocol"]?.first ?? Self.defaultProtocol(attributes["socket_type"]?.first)
        guard try service.selects(entry.name), try protocolSelection.selects(protocolName) else { continue }
        func value(_ key: String) -> String { attributes[key]?.joined(separator: " ") ?? "" }
        var entities = [ItemEntity("protocol", protocolName), ItemEntity("service_name", entry.name)]
        entities += (attributes["flags"] ?? []).map { ItemEntity("flags", $0) }
        entities += (attributes["no_access"] ?? []).map { ItemEntity("no_access", $0) }
        entities += (attributes["only_from"] ?? []).map { ItemEntity("only_from", $0, datatype: .ipv4Address) }
        entities.append(ItemEntity("port", attributes["port"]?.first ?? "", datatype: .int))
        entities.append(ItemEntity("server", value("server")))
        entities.append(ItemEntity("server_arguments", value("server_args")))
        entities.append(ItemEntity("socket_type", value("socket_type")))
        entities += (attributes["type"] ?? []).map { ItemEntity("type", $0) }
        entities.append(ItemEntity("user", value("user")))
        entities.append(ItemEntity("wait", value("wait") == "yes" ? "true" : "false", datatype: .boolean))
        entities.append(ItemEntity("disabled", value("disable") == "yes" ? "true" : "false", datatype: .boolean))
        outcome.add(Item(type: "xinetd_item", family: "unix", entities: entities))
      }
      return outcome.collectedObject
    } catch {
      return error.outcome
    }
  }

  private static func defaultProtocol(_ socketType: String?) -> String {
    switch socketType {
    case "dgram": "udp"
    default: "tcp"
    }
  }
}

/// xinetd's configuration language: `defaults { ... }` and `service NAME { attribute = values }` blocks, with `+=`
/// and `-=`, `include FILE` and `includedir FOLDER`.
private struct XinetdConfiguration {
  struct Service {
    let name: String
    var attributes: [String: [String]]
  }

  var defaults: [String: [String]] = [:]
  var services: [Service] = []

  mutating func read(_ hostPath: String, in root: SystemRoot, depth: Int) {
    guard depth < 8, let text = AccountDatabase.text(of: hostPath, in: root) else { return }
    var current: Service?
    var inDefaults = false
    for rawLine in text.split(separator: "\n") {
      let line =
        rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map {
          $0.trimmingCharacters(in: .whitespaces)
        } ?? ""
      guard !line.isEmpty else { continue }
      let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
      switch words.first {
      case "include" where words.count == 2 && current == nil && !inDefaults:
        read(words[1], in: root, depth: depth + 1)
      case "includedir" where words.count == 2 && current == nil && !inDefaults:
        guard let names = try? root.entryNames(inFolderAtHostPath: words[1]) else { continue }
        // xinetd skips names with a dot or ending in '~'.
        for name in names.sorted() where !name.contains(".") && !name.hasSuffix("~") {
          read(words[1] + "/" + name, in: root, depth: depth + 1)
        }
      case "defaults":
        inDefaults = true
      case "service" where words.count >= 2:
        current = Service(name: words[1], attributes: [:])
      case "{":
        continue
      case "}":
        if let finished = current { services.append(finished) }
        current = nil
        inDefaults = false
      default:
        guard let operatorIndex = words.firstIndex(where: { $0 == "=" || $0 == "+=" || $0 == "-=" }),
          operatorIndex > 0
        else { continue }
        let key = words[0]
        let values = Array(words[(operatorIndex + 1)...])
        func apply(_ attributes: inout [String: [String]]) {
          switch words[operatorIndex] {
          case "+=": attributes[key, default: []] += values
          case "-=": attributes[key] = (attributes[key] ?? []).filter { !values.contains($0) }
          default: attributes[key] = values
          }
        }
        if inDefaults {
          apply(&defaults)
        } else if var service = current {
          apply(&service.attributes)
          current = service
        }
      }
    }
  }
}
