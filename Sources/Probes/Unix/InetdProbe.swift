import OVAL
import XMLSupport

/// `inetd_object`: services of `/etc/inetd.conf` (OVAL 5.11.2 unix schema), one `inetd_item` per service line whose
/// `protocol` and `service_name` the object selects. A host without the file has no such services: the object does
/// not exist.
struct InetdProbe: Probe {
  let objectName = XMLName(OVALNamespace.definitions("unix"), "inetd_object")

  func collect(_ request: ObjectRequest, in context: ProbeContext) -> CollectedObject {
    do {
      let protocolSelection = try request.requiredSelection(of: "protocol")
      let service = try request.requiredSelection(of: "service_name")
      var outcome = context.outcome(for: request)
      guard let text = AccountDatabase.text(of: "/etc/inetd.conf", in: context.root) else {
        return outcome.collectedObject
      }
      for line in text.split(separator: "\n") {
        let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard fields.count >= 6, !fields[0].hasPrefix("#") else { continue }
        // service socket-type protocol wait[.max] user[:group][.login-class] server-program [arguments]
        guard try service.selects(fields[0]), try protocolSelection.selects(fields[2]) else { continue }
        let wait = fields[3].split(separator: ".").first.map(String.init) ?? fields[3]
        let user = fields[4].split(separator: ":").first.map(String.init) ?? fields[4]
        var entities = [
          ItemEntity("protocol", fields[2]), ItemEntity("service_name", fields[0]),
          ItemEntity("server_program", fields[5]),
        ]
        if fields.count > 6 { entities.append(ItemEntity("server_arguments", fields[6...].joined(separator: " "))) }
        entities += [
          ItemEntity("endpoint_type", fields[1]), ItemEntity("exec_as_user", user),
          ItemEntity("wait_status", wait),
        ]
        outcome.add(Item(type: "inetd_item", family: "unix", entities: entities))
      }
      return outcome.collectedObject
    } catch {
      return error.outcome
    }
  }
}
