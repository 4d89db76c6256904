public import Foundation

/// Every time Palisade writes, in UTC and in the form each format wants, and the xsd:dateTime values it reads.
public enum UTCTimestamp {
  /// The forms of a time Palisade writes.
  public enum Style: Sendable {
    /// OVAL's xsd:dateTime without a zone, taken as UTC: `2026-11-28T02:04:11`.
    case ovalDateTime
    /// xsd:dateTime with an explicit UTC offset, as XCCDF and ARF use: `2026-11-28T02:04:11+00:00`.
    case xsdDateTime
    /// RFC 3339 with milliseconds, as the CKLB samples write their times: `2026-11-28T02:04:11.000Z`.
    case milliseconds
    /// RFC 3339 with microseconds, as RFC 5424 (section 6.2.3) allows in syslog: `2026-11-28T02:04:11.123456Z`.
    case microseconds
    /// A run folder's name, which sorts in time order: `20261128T020411Z`.
    case runFolderName
  }

  /// `date` in UTC, written in `style`; fractions of a second are cut, never rounded up into the next second.
  public static func string(from date: Date, _ style: Style) -> String {
    let seconds = date.timeIntervalSince1970
    var whole = time_t(seconds.rounded(.down))
    let fraction = seconds - Double(whole)
    var parts = tm()
    gmtime_r(&whole, &parts)
    let (year, month, day) = (Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday))
    let (hour, minute, second) = (Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    switch style {
    case .runFolderName:
      return String(format: "%04d%02d%02dT%02d%02d%02dZ", year, month, day, hour, minute, second)
    case .ovalDateTime, .xsdDateTime, .milliseconds, .microseconds:
      let dateTime = String(format: "%04d-%02d-%02dT%02d:%02d:%02d", year, month, day, hour, minute, second)
      switch style {
      case .xsdDateTime: return dateTime + "+00:00"
      case .milliseconds: return dateTime + String(format: ".%03dZ", min(Int(fraction * 1_000), 999))
      case .microseconds: return dateTime + String(format: ".%06dZ", min(Int(fraction * 1_000_000), 999_999))
      case .ovalDateTime, .runFolderName: return dateTime
      }
    }
  }

  /// Reads xsd:dateTime values as result files write them: with a zone (`2026-11-28T02:04:11+00:00`, `...Z`),
  /// without one (`2023-12-06T13:02:02`, taken as UTC, as OVAL timestamps are), with or without fractions.
  public static func date(fromXSDDateTime text: String) -> Date? {
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
