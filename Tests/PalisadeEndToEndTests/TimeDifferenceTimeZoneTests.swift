import Foundation
import TestSupport
import Testing

/// time_difference reads two date-times that carry no zone in the host's local time zone, the `TZ` environment
/// variable's, and one against a zoned value on the UTC clock, as MITRE's expected answers do (docs/parity.md).
@Suite struct TimeDifferenceTimeZoneTests {
  static let content = ProjectPaths.packageRoot
    .appendingPathComponent("Tests/PalisadeEndToEndTests/Fixtures/time-difference-local-time-oval.xml").path

  @Test(arguments: [("UTC", "true", "false"), ("America/New_York", "false", "true")])
  func aDateTimeWithoutAZoneIsReadInTZ(zone: String, ninetyDays: String, anHourLess: String) throws {
    let run = try CommandRun.run(ProjectPaths.palisade, ["oval", "eval", Self.content], environment: ["TZ": zone])
    #expect(run.status == 0, "\(run.standardError)")
    #expect(
      run.standardOutput
        == "Definition oval:t:def:1: \(ninetyDays)\nDefinition oval:t:def:2: \(anHourLess)\nDefinition oval:t:def:3: true\n"
    )
  }
}
