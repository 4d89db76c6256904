internal import CLinux
import Foundation
import OVAL
import XMLSupport

/// `selinuxsecuritycontext_object`: SELinux security contexts of files (`filepath`, or `path` and `filename`) or of
/// processes (`pid`; nil for the scanner's own), one `selinuxsecuritycontext_item` each (OVAL 5.11.2 linux schema).
/// On a host without SELinux (no selinuxfs mounted) the object is `not applicable`.
struct SELinuxSecurityContextProbe: Probe {
  let objectName = XMLName(OVALNamespace.definitions("linux"), "selinuxsecuritycontext_object")

  func collect(_ request: ObjectRequest, in context: ProbeContext) -> CollectedObject {
    do throws(CollectionStop) {
      guard SELinux.fileSystem != nil else { throw CollectionStop.notApplicable(SELinux.absentMessage) }
      var outcome = context.outcome(for: request)
      if let pid = request.selection(of: "pid") {
        let pids =
          pid.isNil ? [Int(getpid())] : try pid.selected(ProcessTable.processIDs(under: context.root)) { String($0) }
        for process in pids {
          guard let file = try? context.root.openRegularFile(atHostPath: "/proc/\(process)/attr/current"),
            let bytes = try? file.readAll(limit: 4096)
          else { continue }
          let label = String(decoding: bytes.prefix { $0 != 0 && $0 != 10 }, as: UTF8.self)
          outcome.add(
            Item(
              type: "selinuxsecuritycontext_item", family: "linux",
              entities: [ItemEntity("pid", String(process), datatype: .int)] + SELinux.contextEntities(label)))
        }
        return outcome.collectedObject
      }
      let search = try FileSearch(request)
      let problems = search.run(in: context.session) { found in
        guard let value = found.location?.extendedAttribute("security.selinux"), !value.isEmpty else { return true }
        let label = String(decoding: value.prefix { $0 != 0 }, as: UTF8.self)
        outcome.add(
          Item(
            type: "selinuxsecuritycontext_item", family: "linux",
            entities: found.itemEntities + SELinux.contextEntities(label)))
        return !outcome.isFull
      }
      for problem in problems { outcome.fail("\(request.objectLabel): \(problem)") }
      return outcome.collectedObject
    } catch {
      return error.outcome
    }
  }
}
