import OVAL
import XMLSupport

/// `family_object`: the platform family of the scanned host (OVAL 5.11.2 independent schema, family_object).
///
/// The family is that of the system Palisade runs on; a `--root` image is assumed to be of the same family, which
/// holds for the Linux images and hosts Palisade scans.
struct FamilyProbe: Probe {
  let objectName = XMLName(OVALNamespace.definitions("independent"), "family_object")

  /// OVAL's FamilyEnumeration value for the running platform; Linux is `unix`, as OpenSCAP reports it.
  static var currentFamily: String {
    #if os(Linux) || os(FreeBSD) || os(OpenBSD)
      "unix"
    #elseif os(macOS)
      "macos"
    #elseif os(Windows)
      "windows"
    #else
      "undefined"
    #endif
  }

  func collect(_ request: ObjectRequest, in context: ProbeContext) -> CollectedObject {
    var outcome = context.outcome(for: request)
    outcome.add(
      Item(type: "family_item", family: "independent", entities: [ItemEntity("family", Self.currentFamily)]))
    return outcome.collectedObject
  }
}
