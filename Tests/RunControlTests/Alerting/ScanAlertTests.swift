import RunControl
import Testing

/// The text of syslog alerts: one line of `key=value` pairs a SIEM can parse.
@Suite struct ScanAlertTests {
  @Test func failureCarriesTheReasonAndAOneLineMessage() {
    let alert = ScanAlert.failure(.content, message: "ds.xml:3:1: error: bad\nmore", outputFolder: "/var/lib/palisade")
    #expect(alert.kind == .failure)
    #expect(alert.severity == .error)
    #expect(
      alert.text == #"scan failed: reason=content output=/var/lib/palisade message="ds.xml:3:1: error: bad more""#)
  }

  @Test func warningQuotesItsMessage() {
    #expect(ScanAlert.warning("cannot prune").text == #"scan warning: message="cannot prune""#)
    #expect(ScanAlert.warning("x").severity == .warning)
  }
}
