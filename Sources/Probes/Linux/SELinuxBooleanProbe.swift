import Foundation
import OVAL
import XMLSupport

/// `selinuxboolean_object`: SELinux booleans (OVAL 5.11.2 linux schema), one `selinuxboolean_item` (`name`,
/// `current_status`, `pending_status`) per boolean the `name` entity selects, read from selinuxfs. On a host without
/// SELinux (no selinuxfs mounted) the object is `not applicable`.
struct SELinuxBooleanProbe: Probe {
  let objectName = XMLName(OVALNamespace.definitions("linux"), "selinuxboolean_object")

  func collect(_ request: ObjectRequest, in context: ProbeContext) -> CollectedObject {
    do throws(CollectionStop) {
      let name = try request.requiredSelection(of: "name")
      guard let mount = SELinux.fileSystem else { throw CollectionStop.notApplicable(SELinux.absentMessage) }
      var outcome = context.outcome(for: request)
      let folder = mount + "/booleans"
      guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
        return .error("\(folder): cannot read the SELinux booleans")
      }
      for boolean in names.sorted() where try name.selects(boolean) {
        guard let text = try? String(contentsOfFile: folder + "/" + boolean, encoding: .utf8) else { continue }
        let values = text.split(whereSeparator: \.isWhitespace)
        guard values.count >= 2 else { continue }
        outcome.add(
          Item(
            type: "selinuxboolean_item", family: "linux",
            entities: [
              ItemEntity("name", boolean),
              ItemEntity("current_status", values[0] == "1" ? "true" : "false", datatype: .boolean),
              ItemEntity("pending_status", values[1] == "1" ? "true" : "false", datatype: .boolean),
            ]))
      }
      return outcome.collectedObject
    } catch {
      return error.outcome
    }
  }
}

/// Whether the running kernel enforces SELinux, and where selinuxfs is.
enum SELinux {
  static let absentMessage = "SELinux is not enabled on this host (no selinuxfs is mounted)"

  /// The selinuxfs mount point, or nil when SELinux is not enabled.
  static var fileSystem: String? {
    for candidate in ["/sys/fs/selinux", "/selinux"]
    where FileManager.default.fileExists(atPath: candidate + "/enforce") {
      return candidate
    }
    return nil
  }

  /// A security context `user:role:type:level` split as selinuxsecuritycontext_item reports it.
  static func contextEntities(_ context: String) -> [ItemEntity] {
    let parts = context.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
    guard parts.count >= 3 else { return [] }
    var entities = [ItemEntity("user", parts[0]), ItemEntity("role", parts[1]), ItemEntity("type", parts[2])]
    if parts.count == 4 {
      let range = parts[3].split(separator: "-", maxSplits: 1).map(String.init)
      func split(_ level: String) -> (String, String?) {
        let pieces = level.split(separator: ":", maxSplits: 1).map(String.init)
        return (pieces[0], pieces.count > 1 ? pieces[1] : nil)
      }
      let low = split(range[0])
      let high = range.count > 1 ? split(range[1]) : low
      entities.append(ItemEntity("low_sensitivity", low.0))
      if let category = low.1 { entities.append(ItemEntity("low_category", category)) }
      entities.append(ItemEntity("high_sensitivity", high.0))
      if let category = high.1 { entities.append(ItemEntity("high_category", category)) }
    }
    return entities
  }
}
