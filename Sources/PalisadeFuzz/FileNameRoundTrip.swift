import Foundation
import Probes

/// Each fuzz input is also taken as a file name's bytes, the way a folder listing of a hostile tree gives them:
/// `HostFileName` must turn them into a String that turns back into the same bytes (or the file could not be opened
/// again, or another file would be), and show it without failing.
enum FileNameRoundTrip {
  /// The longest name Linux allows in one folder entry is 255 bytes; a path is longer, and is checked too.
  static let longestChecked = 4096

  static func check(_ data: Data) {
    let bytes = Array(data.prefix(longestChecked))
    let name = HostFileName.string(bytes)
    // A broken invariant of our own code, which the fuzzer must report as a crash.
    guard HostFileName.bytes(name) == bytes else { fatalError("HostFileName does not give back the bytes of a name") }
    _ = HostFileName.visible(name)
  }
}
