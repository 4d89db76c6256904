import OVAL
import XMLSupport

/// `process58_object`: running processes (OVAL 5.11.2 unix schema), one `process58_item` per process whose
/// `command_line` and `pid` the object selects, with the fields OpenSCAP reports (see `ProcessTable`). A nil `pid`
/// selects every process.
struct Process58Probe: Probe {
  let objectName = XMLName(OVALNamespace.definitions("unix"), "process58_object")

  func collect(_ request: ObjectRequest, in context: ProbeContext) -> CollectedObject {
    do {
      let commandLine = try request.requiredSelection(of: "command_line")
      let pid = try request.requiredSelection(of: "pid")
      let root = context.root
      let table = context.session.table("processes") { ProcessTable.read(under: root) }
      var outcome = context.outcome(for: request)
      for process in table.processes {
        guard try commandLine.selects(process.commandLine) else { continue }
        if !pid.isNil, try !pid.selects(String(process.pid)) { continue }
        var entities = [
          ItemEntity("command_line", process.commandLine), ItemEntity("exec_time", process.executionTime),
          ItemEntity("pid", String(process.pid), datatype: .int),
          ItemEntity("ppid", String(process.parentPID), datatype: .int),
          ItemEntity("priority", String(process.priority), datatype: .int),
          ItemEntity("ruid", String(process.realUserID), datatype: .int),
          ItemEntity("scheduling_class", process.schedulingClass), ItemEntity("start_time", process.startTime),
          ItemEntity("tty", process.terminal), ItemEntity("user_id", String(process.effectiveUserID), datatype: .int),
          ItemEntity("exec_shield", process.executionShield ? "true" : "false", datatype: .boolean),
          ItemEntity("loginuid", String(process.loginUserID), datatype: .int),
        ]
        entities += process.capabilities.map { ItemEntity("posix_capability", $0) }
        entities.append(ItemEntity("session_id", String(process.sessionID), datatype: .int))
        outcome.add(Item(type: "process58_item", family: "unix", entities: entities))
      }
      return outcome.collectedObject
    } catch {
      return error.outcome
    }
  }
}
