import OVAL
import XMLSupport

/// `rpminfo_object` and the `rpmverify*_object`s: installed RPM packages and their checks (OVAL 5.11.2 linux schema),
/// one probe per object name. On a host without an RPM database (Debian-family hosts) the object is
/// `not applicable`, the OVAL flag for an object type the host does not have and OpenSCAP 1.3.7's answer on Debian; a
/// host with an RPM database (under `/var/lib/rpm` or `/usr/lib/sysimage/rpm`) is not collected, since Palisade does
/// not read that database.
struct RpmInfoProbe: Probe {
  let objectName: XMLName

  /// The probe of the RPM object type named `objectName` (`rpminfo_object`, `rpmverifyfile_object`, ...).
  init(objectName: String) {
    self.objectName = XMLName(OVALNamespace.definitions("linux"), objectName)
  }

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
