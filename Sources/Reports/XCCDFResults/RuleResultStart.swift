import XMLSupport

/// The start tag of an XCCDF 1.2 `rule-result`, one order of its attributes for every writer of one (the scan's
/// TestResult, and the SCC-shaped results converted from a result file); nil values are left out.
struct RuleResultStart {
  let idref: String
  let role: String
  let time: String?
  let severity: String
  let version: String?
  let weight: String

  /// Opens the element as `name` (`rule-result`, or `cdf:rule-result` where the namespace has a prefix).
  func write<Output: XMLOutput>(as name: String, to writer: inout XMLWriter<Output>) throws {
    try writer.startElement(
      name,
      attributes: [
        "idref": idref, "role": role, "time": time, "severity": severity, "version": version, "weight": weight,
      ])
  }
}
