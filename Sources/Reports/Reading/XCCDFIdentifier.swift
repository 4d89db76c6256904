/// XCCDF 1.2 identifiers (`xccdf_<reverse-DNS>_<type>_<name>`, XCCDF 1.2 specification, section 6.2.3) and the
/// short forms DISA's tools use.
public enum XCCDFIdentifier {
  /// The name after `xccdf_<owner>_<type>_`; the identifier itself when it has no such prefix.
  /// `xccdf_mil.disa.stig_rule_SV-235787r960912_rule` becomes `SV-235787r960912_rule`.
  public static func shortForm(of identifier: String) -> String {
    guard identifier.hasPrefix("xccdf_") else { return identifier }
    let rest = identifier.dropFirst("xccdf_".count)
    guard let ownerEnd = rest.firstIndex(of: "_") else { return identifier }
    let afterOwner = rest[rest.index(after: ownerEnd)...]
    for type in ["benchmark", "rule", "group", "value", "profile", "testresult", "tailoring"] {
      if afterOwner.hasPrefix(type + "_") { return String(afterOwner.dropFirst(type.count + 1)) }
    }
    return identifier
  }

  /// The identifier in XCCDF 1.2 form: kept when it already is one; otherwise DISA's rule, group and benchmark
  /// names get DISA's owner `mil.disa.stig` (as STIG Manager expects), and anything else Palisade's.
  public static func xccdf12Form(of identifier: String, type: String) -> String {
    if identifier.hasPrefix("xccdf_") { return identifier }
    let isDISA =
      identifier.hasPrefix("SV-") || identifier.hasPrefix("V-") || type == "benchmark"
      || identifier.hasSuffix("_STIG")
    let owner = isDISA ? "mil.disa.stig" : "dev.palisade"
    let name = identifier.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" }
    return "xccdf_\(owner)_\(type)_\(String(name))"
  }

  /// The DISA rule number of a rule id, `SV-235787` of `SV-235787r960912_rule`; nil for other ids.
  public static func disaRuleNumber(of identifier: String) -> String? {
    let short = shortForm(of: identifier)
    guard short.hasPrefix("SV-") else { return nil }
    let digits = short.dropFirst(3).prefix { $0.isNumber }
    return digits.isEmpty ? nil : "SV-" + digits
  }

  /// Whether the id is a DISA rule id with its revision, such as `SV-235787r960912_rule`.
  public static func isDISARuleID(_ identifier: String) -> Bool {
    let short = shortForm(of: identifier)
    guard let number = disaRuleNumber(of: short) else { return false }
    let rest = short.dropFirst(number.count)
    return rest.hasPrefix("r") && rest.hasSuffix("_rule") && rest.dropFirst().dropLast(5).allSatisfy(\.isNumber)
  }
}
