import OVAL
import XMLSupport

/// `rpminfo_object`: installed RPM packages (OVAL 5.11.2 linux schema). On Debian-family hosts, which have no RPM
/// database, no package exists (`does not exist`), as OpenSCAP reports; a host with an RPM database (under
/// `/var/lib/rpm` or `/usr/lib/sysimage/rpm`) is not collected, since Palisade does not read that database.
struct RpmInfoProbe: Probe {
  let objectName = XMLName(OVALNamespace.definitions("linux"), "rpminfo_object")

  func collect(_ request: ObjectRequest, in context: ProbeContext) -> CollectedObject {
    RpmDatabase.absentOrNotCollected(request, in: context)
  }
}

/// `rpmverify_object` (deprecated): see `RpmInfoProbe`.
struct RpmVerifyProbe: Probe {
  let objectName = XMLName(OVALNamespace.definitions("linux"), "rpmverify_object")

  func collect(_ request: ObjectRequest, in context: ProbeContext) -> CollectedObject {
    RpmDatabase.absentOrNotCollected(request, in: context)
  }
}

/// `rpmverifyfile_object`: see `RpmInfoProbe`.
struct RpmVerifyFileProbe: Probe {
  let objectName = XMLName(OVALNamespace.definitions("linux"), "rpmverifyfile_object")

  func collect(_ request: ObjectRequest, in context: ProbeContext) -> CollectedObject {
    RpmDatabase.absentOrNotCollected(request, in: context)
  }
}

/// `rpmverifypackage_object`: see `RpmInfoProbe`.
struct RpmVerifyPackageProbe: Probe {
  let objectName = XMLName(OVALNamespace.definitions("linux"), "rpmverifypackage_object")

  func collect(_ request: ObjectRequest, in context: ProbeContext) -> CollectedObject {
    RpmDatabase.absentOrNotCollected(request, in: context)
  }
}

/// Whether the scanned host has an RPM database.
enum RpmDatabase {
  static let locations = ["/var/lib/rpm", "/usr/lib/sysimage/rpm"]

  static func absentOrNotCollected(_ request: ObjectRequest, in context: ProbeContext) -> CollectedObject {
    let root = context.root
    let present = context.session.table("rpm database") {
      locations.first {
        (try? root.locate(hostPath: $0 + "/rpmdb.sqlite")) != nil
          || (try? root.locate(hostPath: $0 + "/Packages")) != nil
      }
    }
    guard let present else { return .found([]) }
    return .notCollected(
      "\(request.objectLabel): the host has an RPM database (\(present)), which Palisade does not read yet")
  }
}
