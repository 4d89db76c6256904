import Foundation
import OVAL
import XMLSupport

/// `uname_object`: what `uname(2)` says about the running kernel (OVAL 5.11.2 unix schema), one `uname_item`. With
/// `--root` it is still the running kernel's, as an image has none of its own.
struct UnameProbe: Probe {
  let objectName = XMLName(OVALNamespace.definitions("unix"), "uname_object")

  func collect(_ request: ObjectRequest, in context: ProbeContext) -> CollectedObject {
    var names = utsname()
    guard uname(&names) == 0 else { return .error("uname: \(errnoReason())") }
    func text<T>(_ field: T) -> String {
      withUnsafeBytes(of: field) { bytes in
        String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
      }
    }
    let machine = text(names.machine)
    var outcome = context.outcome(for: request)
    outcome.add(
      Item(
        type: "uname_item", family: "unix",
        entities: [
          ItemEntity("machine_class", machine), ItemEntity("node_name", text(names.nodename)),
          ItemEntity("os_name", text(names.sysname)), ItemEntity("os_release", text(names.release)),
          ItemEntity("os_version", text(names.version)), ItemEntity("processor_type", machine),
        ]))
    return outcome.collectedObject
  }
}
