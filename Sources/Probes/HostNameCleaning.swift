/// The one rule for a name that becomes a host name in results and the name of a result folder: letters, digits,
/// `-`, `_` and `.` (what Asset Identification's hostname allows); anything else becomes `_`.
public enum HostNameCleaning {
  /// `name` with every other character replaced by `_`.
  public static func replacingOthers(in name: String) -> String {
    String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) ? $0 : "_" })
  }

  /// `name` cleaned, without leading dots (so that it never names `.` or `..`), at most 253 characters; nil when
  /// nothing is left.
  public static func cleaned(_ name: String) -> String? {
    let cleaned = String(replacingOthers(in: name).drop { $0 == "." }.prefix(253))
    return cleaned.isEmpty ? nil : cleaned
  }
}
