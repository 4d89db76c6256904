import OVAL
import XMLSupport

/// `systemdunitproperty_object`: properties of systemd units (OVAL 5.11.2 linux schema), one
/// `systemdunitproperty_item` (`unit`, `property`, `value`...) per loaded unit and `org.freedesktop.systemd1.Unit`
/// property the object selects, read over D-Bus (see `SystemdBus`). Without a running systemd the object is an
/// `error` (or `not collected` with `--root`), with OpenSCAP's message.
struct SystemdUnitPropertyProbe: Probe {
  let objectName = XMLName(OVALNamespace.definitions("linux"), "systemdunitproperty_object")

  func collect(_ request: ObjectRequest, in context: ProbeContext) -> CollectedObject {
    do throws(CollectionStop) {
      let unit = try request.requiredSelection(of: "unit")
      let property = try request.requiredSelection(of: "property")
      let bus = try SystemdBus.connected(for: context)
      guard let units = bus.units() else { throw SystemdBus.unavailable(for: context) }
      var outcome = context.outcome(for: request)
      for name in units where try unit.selects(name) {
        guard let path = bus.path(ofUnit: name) else { continue }
        for (propertyName, values) in bus.properties(ofUnitAt: path) where try property.selects(propertyName) {
          guard !values.isEmpty else { continue }
          outcome.add(
            Item(
              type: "systemdunitproperty_item", family: "linux",
              entities: [ItemEntity("unit", name), ItemEntity("property", propertyName)]
                + values.map { ItemEntity("value", $0) }))
        }
      }
      return outcome.collectedObject
    } catch {
      return error.outcome
    }
  }
}

extension SystemdBus {
  /// The bus, or the outcome OpenSCAP gives without one: `error` on the running host, `not collected` offline.
  static func connected(for context: ProbeContext) throws(CollectionStop) -> SystemdBus {
    let root = context.root
    // Found once per scan; tests put a fake busctl in the session's table.
    guard let bus = context.session.table("systemd bus", { SystemdBus.forHost(root) }) else {
      throw unavailable(for: context)
    }
    return bus
  }

  static func unavailable(for context: ProbeContext) -> CollectionStop {
    let message = CollectionMessage(.info, connectionFailure)
    return CollectionStop(
      outcome: CollectedObject(flag: context.root.isHostRoot ? .error : .notCollected, messages: [message]))
  }
}
