import OVAL
import XMLSupport

/// `process_object` (deprecated in OVAL 5.8): running processes by `command` (the executable's name, as the kernel
/// keeps it), one `process_item` each (see `ProcessTable`).
struct ProcessProbe: Probe {
  let objectName = XMLName(OVALNamespace.definitions("unix"), "process_object")

  func collect(_ request: ObjectRequest, in context: ProbeContext) -> CollectedObject {
    do {
      let command = try request.requiredSelection(of: "command")
      let root = context.root
      let table = context.session.table("processes") { ProcessTable.read(under: root) }
      var outcome = context.outcome(for: request)
      for process in table.processes where try command.selects(process.name) {
        outcome.add(
          Item(
            type: "process_item", family: "unix",
            entities: [
              ItemEntity("command", process.name), ItemEntity("exec_time", process.executionTime),
              ItemEntity("pid", String(process.pid), datatype: .int),
              ItemEntity("ppid", String(process.parentPID), datatype: .int),
              ItemEntity("priority", String(process.priority), datatype: .int),
              ItemEntity("ruid", String(process.realUserID), datatype: .int),
              ItemEntity("scheduling_class", process.schedulingClass), ItemEntity("start_time", process.startTime),
              ItemEntity("tty", process.terminal),
              ItemEntity("user_id", String(process.effectiveUserID), datatype: .int),
            ]))
      }
      return outcome.collectedObject
    } catch {
      return error.outcome
    }
  }
}
