import Foundation
import Testing

/// time_difference reads a date-time that carries no zone in the host's local time zone, the `TZ` environment
/// variable's, as MITRE's reference interpreter does (docs/parity.md).
@Suite struct TimeDifferenceTimeZoneTests {
  static let content = ProjectPaths.packageRoot
    .appendingPathComponent("Tests/PalisadeEndToEndTests/Fixtures/time-difference-local-time-oval.xml").path

  @Test(arguments: [("UTC", "true", "false"), ("America/New_York", "false", "true")])
  func aDateTimeWithoutAZoneIsReadInTZ(zone: String, sameMoment: String, fourHoursLater: String) throws {
    let run = try CommandRun.run(ProjectPaths.palisade, ["oval", "eval", Self.content], environment: ["TZ": zone])
    #expect(run.status == 0, "\(run.standardError)")
    #expect(
      run.standardOutput == "Definition oval:t:def:1: \(sameMoment)\nDefinition oval:t:def:2: \(fourHoursLater)\n")
  }
}
