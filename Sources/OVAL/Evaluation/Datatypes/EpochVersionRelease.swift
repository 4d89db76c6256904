/// The parts of an `[epoch:]version[-release]` string, as RPM and Debian package versions are both written: the
/// epoch before the first colon (0 when absent), the release after the last dash (empty when absent).
struct EpochVersionRelease {
  let epoch: Int64
  let version: String
  let release: String

  /// Nil when the text before the colon is not a number.
  init?(_ text: String) {
    var remainder = Substring(text.trimmed)
    if let colon = remainder.firstIndex(of: ":") {
      guard let epoch = Int64(remainder[..<colon]) else { return nil }
      self.epoch = epoch
      remainder = remainder[remainder.index(after: colon)...]
    } else {
      epoch = 0
    }
    if let dash = remainder.lastIndex(of: "-") {
      version = String(remainder[..<dash])
      release = String(remainder[remainder.index(after: dash)...])
    } else {
      version = String(remainder)
      release = ""
    }
  }
}
