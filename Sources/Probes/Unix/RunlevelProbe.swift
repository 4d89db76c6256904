import Foundation
import OVAL
import XMLSupport

/// `runlevel_object`: System V init scripts and the runlevels that start or stop them (OVAL 5.11.2 unix schema), one
/// `runlevel_item` (`service_name`, `runlevel`, `start`, `kill`) per script in `/etc/init.d` (`/etc/rc.d/init.d` on
/// Red Hat hosts) and runlevel 0-6 the object selects: a link in `/etc/rcN.d` to the script named `S..` starts it,
/// one named `K..` stops it.
///
/// OpenSCAP 1.3.7 reports an error for this object on Debian hosts (its Debian reader is not written); Palisade reads
/// Debian's `/etc/rcN.d` links as the Red Hat reader does (see docs/parity.md).
struct RunlevelProbe: Probe {
  let objectName = XMLName(OVALNamespace.definitions("unix"), "runlevel_object")

  func collect(_ request: ObjectRequest, in context: ProbeContext) -> CollectedObject {
    do {
      let service = try request.requiredSelection(of: "service_name")
      let runlevel = try request.requiredSelection(of: "runlevel")
      let root = context.root
      let initFolder = ["/etc/rc.d/init.d", "/etc/init.d"].first { (try? root.folder(atHostPath: $0)) != nil }
      guard let initFolder, let scripts = try? root.entryNames(inFolderAtHostPath: initFolder) else {
        return .error("cannot read the init scripts folder (/etc/init.d)")
      }
      var outcome = context.outcome(for: request)
      for script in scripts.sorted() where try service.selects(script) {
        guard let scriptStatus = try? root.status(ofHostPath: initFolder + "/" + script).status else { continue }
        for level in ["0", "1", "2", "3", "4", "5", "6"] where try runlevel.selects(level) {
          let folderHostPath = "/etc/rc\(level).d"
          guard let links = try? root.entryNames(inFolderAtHostPath: folderHostPath) else { continue }
          var start = false
          var kill = false
          for link in links.sorted() {
            guard let target = try? root.status(ofHostPath: folderHostPath + "/" + link).status,
              target.identity == scriptStatus.identity
            else { continue }
            if link.hasPrefix("S") {
              start = true
              break
            }
            if link.hasPrefix("K") {
              kill = true
              break
            }
          }
          outcome.add(
            Item(
              type: "runlevel_item", family: "unix",
              entities: [
                ItemEntity("service_name", script), ItemEntity("runlevel", level),
                ItemEntity("start", start ? "true" : "false", datatype: .boolean),
                ItemEntity("kill", kill ? "true" : "false", datatype: .boolean),
              ]))
        }
      }
      return outcome.collectedObject
    } catch {
      return error.outcome
    }
  }
}
