public import Foundation
import Reports

/// The syslog facilities (RFC 5424, section 6.2.1, table 1), by the names syslog.conf and logger(1) use.
public enum SyslogFacility: Int, Sendable, CaseIterable {
  case kern = 0, user, mail, daemon, auth, syslog, lpr, news, uucp, cron, authpriv, ftp, ntp, audit, alert, clock
  case local0, local1, local2, local3, local4, local5, local6, local7

  /// The facility named `name` (`daemon`, `local3`; `security` is taken as `auth`, as logger(1) does).
  public init?(named name: String) {
    let lowered = name.lowercased()
    if lowered == "security" {
      self = .auth
      return
    }
    guard let found = Self.allCases.first(where: { $0.name == lowered }) else { return nil }
    self = found
  }

  /// The facility's name, as `init(named:)` takes it.
  public var name: String { String(describing: self) }
}

/// The syslog severities (RFC 5424, section 6.2.1, table 2).
public enum SyslogSeverity: Int, Sendable, CaseIterable {
  case emergency = 0, alert, critical, error, warning, notice, informational, debug
}

/// One syslog message in RFC 5424's format:
/// `<PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID [origin software="Palisade" swVersion="..."] MSG`.
public struct SyslogMessage: Sendable {
  /// The largest message sent; RFC 5424 (section 6.1) asks receivers to take 2048 octets, and the text is cut to
  /// fit at a character boundary.
  public static let maximumLength = 2048

  /// The facility, for the PRI.
  public let facility: SyslogFacility
  /// The severity, for the PRI.
  public let severity: SyslogSeverity
  /// The TIMESTAMP, sent in UTC.
  public let time: Date
  /// The HOSTNAME field.
  public let hostname: String
  /// The APP-NAME field, `palisade`.
  public let appName: String
  /// The PROCID field.
  public let processID: Int32
  /// What kind of message this is, for a SIEM's rules: `scan-summary`, `scan-failed`, `scan-warning`.
  public let messageID: String
  /// The text; line breaks become spaces.
  public let text: String

  public init(
    facility: SyslogFacility, severity: SyslogSeverity, messageID: String, text: String, time: Date = Date(),
    hostname: String = SyslogMessage.localHostname(), appName: String = "palisade", processID: Int32 = getpid()
  ) {
    self.facility = facility
    self.severity = severity
    self.messageID = messageID
    self.text = text
    self.time = time
    self.hostname = hostname
    self.appName = appName
    self.processID = processID
  }

  /// The message's priority value: facility × 8 + severity.
  public var priority: Int { facility.rawValue * 8 + severity.rawValue }

  /// The bytes to send.
  public var bytes: [UInt8] {
    let header =
      "<\(priority)>1 \(Self.timestamp(time)) \(Self.field(hostname, limit: 255)) \(Self.field(appName, limit: 48)) "
      + "\(processID) \(Self.field(messageID, limit: 32)) "
      + "[origin software=\"\(ProductInfo.name)\" swVersion=\"\(Self.parameterValue(ProductInfo.version))\"]"
    let flattened = text.map { $0.isNewline ? " " : $0 }
    var message = Array(header.utf8)
    let body = Array(String(flattened).utf8)
    guard !body.isEmpty else { return message }
    message.append(UInt8(ascii: " "))
    // RFC 5424, section 6.4: a UTF-8 MSG starts with a byte order mark; plain ASCII is sent as it is.
    if body.contains(where: { $0 >= 0x80 }) { message += [0xEF, 0xBB, 0xBF] }
    message += body
    return Self.cut(message, to: Self.maximumLength)
  }

  /// The host name as gethostname(2) gives it.
  public static func localHostname() -> String {
    var buffer = [CChar](repeating: 0, count: 256)
    guard gethostname(&buffer, buffer.count) == 0 else { return "-" }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// RFC 3339 in UTC with microseconds, as RFC 5424 (section 6.2.3) allows: `2026-11-28T02:23:57.123456Z`.
  static func timestamp(_ time: Date) -> String {
    UTCTimestamp.string(from: time, .microseconds)
  }

  /// A header field: printable US-ASCII without spaces, at most `limit` characters; `-` when nothing is left.
  static func field(_ value: String, limit: Int) -> String {
    let printable = value.unicodeScalars.filter { $0.value >= 33 && $0.value <= 126 }.prefix(limit)
    return printable.isEmpty ? "-" : String(String.UnicodeScalarView(printable))
  }

  /// A structured-data parameter value, with `"`, `\` and `]` escaped (RFC 5424, section 6.3.3).
  static func parameterValue(_ value: String) -> String {
    var escaped = ""
    for character in value {
      if character == "\"" || character == "\\" || character == "]" { escaped.append("\\") }
      escaped.append(character)
    }
    return escaped
  }

  /// The first `limit` bytes, backed off to the start of a UTF-8 character.
  private static func cut(_ bytes: [UInt8], to limit: Int) -> [UInt8] {
    guard bytes.count > limit else { return bytes }
    var end = limit
    while end > 0 && bytes[end] & 0xC0 == 0x80 { end -= 1 }
    return Array(bytes[..<end])
  }
}
