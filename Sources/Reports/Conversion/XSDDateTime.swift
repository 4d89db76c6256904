package import Foundation

/// Reads xsd:dateTime values as result files write them: with a zone (`2026-11-28T02:04:11+00:00`, `...Z`),
/// without one (`2023-12-06T13:02:02`, taken as UTC, as OVAL timestamps are), with or without fractions.
package enum XSDDateTime {
  package static func date(from text: String) -> Date? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    let hasZone =
      trimmed.hasSuffix("Z") || trimmed.range(of: #"[+-]\d{2}:\d{2}$"#, options: .regularExpression) != nil
    let zoned = hasZone ? trimmed : trimmed + "Z"
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    if let date = formatter.date(from: zoned) { return date }
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter.date(from: zoned)
  }
}
