import Foundation
import OVAL
import XMLSupport

/// `environmentvariable58_object`: environment variables of processes (OVAL 5.11.2 independent schema), one
/// `environmentvariable58_item` (`pid`, `name`, `value`) per selected variable of each selected process.
///
/// A nil `pid` means the scanner's own process, as OpenSCAP reads its own. Other processes are read from
/// `/proc/PID/environ` under the root; a process whose environment cannot be read gives an item with status `error`
/// and makes the object an error, as in OpenSCAP.
struct EnvironmentVariable58Probe: Probe {
  let objectName = XMLName(OVALNamespace.definitions("independent"), "environmentvariable58_object")

  func collect(_ request: ObjectRequest, in context: ProbeContext) -> CollectedObject {
    do {
      let name = try request.requiredSelection(of: "name")
      let pid = try request.requiredSelection(of: "pid")
      var outcome = context.outcome(for: request)
      // A nil pid, or pid 0, is the scanner's own process, as in OpenSCAP.
      if pid.isNil || (pid.entity.operation == .equals && pid.values == ["0"]) {
        let own = String(getpid())
        for (variable, value) in EnvironmentBlock.ofThisProcess() where try name.selects(variable) {
          outcome.add(Self.item(pid: own, name: variable, value: value))
        }
        return outcome.collectedObject
      }
      for process in ProcessTable.processIDs(under: context.root) where try pid.selects(String(process)) {
        let hostPath = "/proc/\(process)/environ"
        let bytes: [UInt8]
        do {
          guard let file = try context.root.openRegularFile(atHostPath: hostPath) else { continue }
          bytes = try file.readAll(limit: 16 << 20)
        } catch {
          // A process that ended since the listing is gone, not an error; one whose environment is refused (pid 1 in
          // a container, a kernel thread) is an item with status error, and the object an error, as in OpenSCAP.
          if error.kind == .doesNotExist && error.reason == "no such file or directory" { continue }
          outcome.add(
            Item(
              type: "environmentvariable58_item", family: "independent", status: .error,
              entities: [ItemEntity("pid", String(process), datatype: .int)]))
          outcome.fail(error.description)
          continue
        }
        for (variable, value) in EnvironmentBlock.pairs(in: bytes) where try name.selects(variable) {
          outcome.add(Self.item(pid: String(process), name: variable, value: value))
        }
      }
      return outcome.collectedObject
    } catch {
      return error.outcome
    }
  }

  private static func item(pid: String, name: String, value: String) -> Item {
    Item(
      type: "environmentvariable58_item", family: "independent",
      entities: [ItemEntity("pid", pid, datatype: .int), ItemEntity("name", name), ItemEntity("value", value)])
  }
}
