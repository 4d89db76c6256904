import OVAL
import XMLSupport

/// `systemdunitdependency_object`: what systemd units depend on (OVAL 5.11.2 linux schema), one
/// `systemdunitdependency_item` (`unit`, `dependency`...) per loaded unit the object selects. As `systemctl
/// list-dependencies` (and OpenSCAP) count them: the units in `Requires` and `Wants`, followed recursively through
/// target units only, each named once. Without a running systemd the object is an `error` (or `not collected` with
/// `--root`), with OpenSCAP's message.
struct SystemdUnitDependencyProbe: Probe {
  let objectName = XMLName(OVALNamespace.definitions("linux"), "systemdunitdependency_object")

  func collect(_ request: ObjectRequest, in context: ProbeContext) -> CollectedObject {
    do throws(CollectionStop) {
      let unit = try request.requiredSelection(of: "unit")
      let bus = try SystemdBus.connected(for: context)
      guard let units = bus.units() else { throw SystemdBus.unavailable(for: context) }
      var outcome = context.outcome(for: request)
      for name in units where try unit.selects(name) {
        var seen: Set<String> = []
        var dependencies: [String] = []
        Self.collectDependencies(of: name, bus: bus, seen: &seen, into: &dependencies)
        outcome.add(
          Item(
            type: "systemdunitdependency_item", family: "linux",
            entities: [ItemEntity("unit", name)] + dependencies.map { ItemEntity("dependency", $0) }))
      }
      return outcome.collectedObject
    } catch {
      return error.outcome
    }
  }

  private static func collectDependencies(
    of unit: String, bus: SystemdBus, seen: inout Set<String>, into dependencies: inout [String]
  ) {
    guard unit.hasSuffix(".target"), let path = bus.path(ofUnit: unit) else { return }
    for property in ["Requires", "Wants"] {
      guard let list = bus.property(property, ofUnitAt: path) else { continue }
      for dependency in list.components(separatedBy: ", ") where !dependency.isEmpty {
        guard seen.insert(dependency).inserted else { continue }
        dependencies.append(dependency)
        collectDependencies(of: dependency, bus: bus, seen: &seen, into: &dependencies)
      }
    }
  }
}
