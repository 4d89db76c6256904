import OVAL
import XMLSupport

/// `rpminfo_object`: installed RPM packages (OVAL 5.11.2 linux schema). On a host without an RPM database
/// (Debian-family hosts) the object is `not applicable`, the OVAL flag for an object type the host does not have and
/// OpenSCAP 1.3.7's answer on Debian; a host with an RPM database (under `/var/lib/rpm` or `/usr/lib/sysimage/rpm`) is
/// not collected, since Palisade does not read that database.
struct RpmInfoProbe: Probe {
  let objectName = XMLName(OVALNamespace.definitions("linux"), "rpminfo_object")

  func collect(_ request: ObjectRequest, in context: ProbeContext) -> CollectedObject {
    RpmDatabase.notApplicableOrNotCollected(request, in: context)
  }
}

/// `rpmverify_object` (deprecated): see `RpmInfoProbe`.
struct RpmVerifyProbe: Probe {
  let objectName = XMLName(OVALNamespace.definitions("linux"), "rpmverify_object")

  func collect(_ request: ObjectRequest, in context: ProbeContext) -> CollectedObject {
    RpmDatabase.notApplicableOrNotCollected(request, in: context)
  }
}

/// `rpmverifyfile_object`: see `RpmInfoProbe`.
struct RpmVerifyFileProbe: Probe {
  let objectName = XMLName(OVALNamespace.definitions("linux"), "rpmverifyfile_object")

  func collect(_ request: ObjectRequest, in context: ProbeContext) -> CollectedObject {
    RpmDatabase.notApplicableOrNotCollected(request, in: context)
  }
}

/// `rpmverifypackage_object`: see `RpmInfoProbe`.
struct RpmVerifyPackageProbe: Probe {
  let objectName = XMLName(OVALNamespace.definitions("linux"), "rpmverifypackage_object")

  func collect(_ request: ObjectRequest, in context: ProbeContext) -> CollectedObject {
    RpmDatabase.notApplicableOrNotCollected(request, in: context)
  }
}

/// Whether the scanned host has an RPM database.
enum RpmDatabase {
  static let locations = ["/var/lib/rpm", "/usr/lib/sysimage/rpm"]

  static func notApplicableOrNotCollected(_ request: ObjectRequest, in context: ProbeContext) -> CollectedObject {
    let root = context.root
    let present = context.session.table("rpm database") {
      locations.first {
        (try? root.locate(hostPath: $0 + "/rpmdb.sqlite")) != nil
          || (try? root.locate(hostPath: $0 + "/Packages")) != nil
      }
    }
    guard let present else {
      return CollectionStop.notApplicable(
        "\(request.objectLabel): the host has no RPM database (\(locations.joined(separator: ", ")))"
      ).outcome
    }
    return .notCollected(
      "\(request.objectLabel): the host has an RPM database (\(present)), which Palisade does not read yet")
  }
}
