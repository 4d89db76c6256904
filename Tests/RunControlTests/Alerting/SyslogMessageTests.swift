import Foundation
import Reports
import RunControl
import TestSupport
import Testing

/// The RFC 5424 messages sent to syslog, byte for byte.
@Suite struct SyslogMessageTests {
  static let time = Date(timeIntervalSince1970: 1_795_833_000.25)

  @Test func headerFieldsFollowRFC5424() {
    let message = SyslogMessage(
      facility: .daemon, severity: .error, messageID: "scan-failed", text: "scan failed: reason=timeout",
      time: Self.time,
      hostname: "web01", processID: 4242)
    #expect(message.priority == 27)
    #expect(
      String(decoding: message.bytes, as: UTF8.self)
        == "<27>1 2026-11-28T02:30:00.250000Z web01 palisade 4242 scan-failed "
        + "[origin software=\"Palisade\" swVersion=\"\(ProductInfo.version)\"] scan failed: reason=timeout")
  }

  @Test(arguments: [
    ("kern", 0), ("user", 1), ("daemon", 3), ("auth", 4), ("security", 4), ("authpriv", 10), ("local0", 16),
    ("LOCAL7", 23),
  ])
  func facilitiesByName(_ name: String, _ code: Int) {
    #expect(SyslogFacility(named: name)?.rawValue == code)
  }

  @Test func unknownFacilityIsRefused() {
    #expect(SyslogFacility(named: "local8") == nil)
  }

  @Test func nonASCIITextStartsWithAByteOrderMarkAndLinesAreJoined() {
    let message = SyslogMessage(
      facility: .user, severity: .warning, messageID: "scan-warning", text: "café\nnext", time: Self.time,
      hostname: "h", processID: 1)
    let bytes = message.bytes
    let text = String(decoding: bytes, as: UTF8.self)
    #expect(text.hasSuffix("\u{FEFF}café next"))
    #expect(!text.contains("\n"))
  }

  @Test func headerFieldsDropSpacesAndEmptyOnesBecomeADash() {
    let message = SyslogMessage(
      facility: .user, severity: .notice, messageID: "", text: "", time: Self.time, hostname: "my host",
      processID: 7)
    #expect(
      String(decoding: message.bytes, as: UTF8.self).hasPrefix(
        "<13>1 2026-11-28T02:30:00.250000Z myhost palisade 7 - ["))
  }

  @Test func longMessagesAreCutAtACharacterBoundary() {
    let message = SyslogMessage(
      facility: .user, severity: .notice, messageID: "x", text: String(repeating: "é", count: 3000), time: Self.time,
      hostname: "h", processID: 1)
    let bytes = message.bytes
    #expect(bytes.count <= SyslogMessage.maximumLength)
    #expect(String(validating: bytes, as: UTF8.self) != nil)
  }

  @Test func clientDeliversToADatagramSocket() throws {
    let listener = try SyslogListener()
    try SyslogClient(socketPath: listener.path, facility: .local3).send(.informational, messageID: "scan-summary", "ok")
    let received = try #require(listener.messages().first)
    #expect(received.hasPrefix("<158>1 "))
    #expect(received.hasSuffix(" scan-summary [origin software=\"Palisade\" swVersion=\"\(ProductInfo.version)\"] ok"))
  }

  @Test func clientReportsAMissingSocket() {
    #expect {
      try SyslogClient(socketPath: "/nonexistent/log").send(.error, messageID: "scan-failed", "x")
    } throws: { error in
      (error as? SyslogError)?.sentence == "cannot send to syslog socket /nonexistent/log: no such file or directory"
    }
  }
}
