import Foundation
import Testing

@testable import OVAL

/// time_difference over every date-time format of OVAL's DateTimeFormatEnumeration.
@Suite struct TimeDifferenceFunctionTests {
  /// 2009-04-02 00:00:00 UTC.
  static let april2 = Int64(1_238_630_400)
  static var utc: TimeZone { get throws { try zone("UTC") } }
  static var newYork: TimeZone { get throws { try zone("America/New_York") } }

  static func zone(_ identifier: String) throws -> TimeZone { try #require(TimeZone(identifier: identifier)) }

  @Test(arguments: [
    ("20090402", DateTimeFormat.yearMonthDay), ("20090402T000000", .yearMonthDay), ("2009/04/02", .yearMonthDay),
    ("2009/04/02 00:00:00", .yearMonthDay), ("2009-04-02", .yearMonthDay), ("2009-04-02 00:00:00", .yearMonthDay),
    ("04/02/2009", .monthDayYear), ("04/02/2009 00:00:00", .monthDayYear), ("04-02-2009", .monthDayYear),
    ("04-02-2009 00:00:00", .monthDayYear), ("April, 02 2009", .monthDayYear),
    ("April, 02 2009 00:00:00", .monthDayYear), ("Apr, 02 2009", .monthDayYear),
    ("Apr, 02 2009 00:00:00", .monthDayYear), ("02/04/2009", .dayMonthYear), ("02/04/2009 00:00:00", .dayMonthYear),
    ("02-04-2009", .dayMonthYear), ("02-04-2009 00:00:00", .dayMonthYear), ("1238630400", .secondsSinceEpoch),
    ("128831040000000000", .winFiletime), ("0x1C9B325F73E8000", .winFiletime),
    ("20090402000000.000000+000", .cimDatetime), ("20090402020000.000000+120", .cimDatetime),
    ("2009-04-02 00:00:00:000", .cimDatetime),
  ])
  func readsEveryFormat(text: String, format: DateTimeFormat) throws {
    #expect(try TimeDifferenceFunction.seconds(text, format: format, timeZone: Self.utc) == Self.april2)
  }

  @Test func theSpecificationsExampleGivesTheCartesianProduct() throws {
    let differences = try TimeDifferenceFunction.apply(
      first: .monthDayYear, second: .monthDayYear, [["04/02/2009", "04/03/2009"], ["02/02/2005", "02/03/2005"]],
      now: Date(), timeZone: Self.utc)
    #expect(differences == ["131328000", "131241600", "131414400", "131328000"])
  }

  @Test func oneComponentIsSubtractedFromTheCurrentTime() throws {
    let now = Date(timeIntervalSince1970: TimeInterval(Self.april2 + 90))
    #expect(
      try TimeDifferenceFunction.apply(
        first: .yearMonthDay, second: .yearMonthDay, [["20090402"]], now: now, timeZone: Self.utc)
        == ["90"])
  }

  @Test(arguments: ["2009-13-01", "20090230", "yesterday", "2009/04/02 25:00:00"])
  func aValueNotInTheFormatIsAnError(text: String) {
    #expect(throws: FunctionError.self) {
      try TimeDifferenceFunction.seconds(text, format: .yearMonthDay, timeZone: Self.utc)
    }
  }

  /// A date-time without a zone is local time: in New York, 2009-04-02 00:00 is 04:00 UTC (daylight saving time) and
  /// 2009-01-02 00:00 is 05:00 UTC; one that carries its zone reads the same anywhere.
  typealias ZonedCase = (text: String, format: DateTimeFormat, offsetFromApril2: Int64)

  static let localTimes: [ZonedCase] = [
    ("20090402", .yearMonthDay, 14_400), ("04/02/2009 00:00:00", .monthDayYear, 14_400),
    ("April, 02 2009", .monthDayYear, 14_400), ("02-04-2009", .dayMonthYear, 14_400),
    ("2009-04-02 00:00:00:000", .cimDatetime, 14_400), ("20090102", .yearMonthDay, 18_000 - 7_776_000),
    ("20090402000000.000000+000", .cimDatetime, 0), ("1238630400", .secondsSinceEpoch, 0),
    ("128831040000000000", .winFiletime, 0),
  ]

  @Test(arguments: localTimes)
  func aDateTimeWithoutAZoneIsLocalTime(_ local: ZonedCase) throws {
    let seconds = try TimeDifferenceFunction.seconds(local.text, format: local.format, timeZone: Self.newYork)
    #expect(seconds == Self.april2 + local.offsetFromApril2)
  }

  /// Against a value that carries its zone, a local time is read on the UTC clock, in either order: MITRE's answers.
  @Test(arguments: [
    (DateTimeFormat.secondsSinceEpoch, "1238630400", DateTimeFormat.yearMonthDay, "20090402", "0"),
    (.yearMonthDay, "2005/08/01 02:14:19", .winFiletime, "1C5963EB93F4F80", "0"),
    (.secondsSinceEpoch, "1724038267", .yearMonthDay, "1985/03/21 23:51:21", "1243741186"),
    (.dayMonthYear, "01/01/1970", .secondsSinceEpoch, "0", "0"),
  ])
  func aZonedAndALocalTimeAreComparedOnTheUTCClock(
    firstFormat: DateTimeFormat, first: String, secondFormat: DateTimeFormat, second: String, expected: String
  ) throws {
    for zone in [try Self.utc, try Self.newYork] {
      #expect(
        try TimeDifferenceFunction.apply(
          first: firstFormat, second: secondFormat, [[first], [second]], now: Date(), timeZone: zone) == [expected])
    }
  }

  /// 1975-01-05 to 1975-05-05 is 120 days, an hour less on New York's clocks, which moved to daylight saving time on
  /// 1975-02-23.
  @Test func twoLocalTimesAcrossADaylightSavingChange() throws {
    let difference = { (zone: TimeZone) in
      try TimeDifferenceFunction.apply(
        first: .dayMonthYear, second: .monthDayYear, [["05-05-1975 05:05:05"], ["01-05-1975 05:05:05"]], now: Date(),
        timeZone: zone)
    }
    #expect(try difference(Self.utc) == ["10368000"])
    #expect(try difference(Self.newYork) == ["10364400"])
  }

  /// 2009-03-08 02:30 does not exist in New York (clocks went from 2:00 to 3:00): read on the clock before the change,
  /// as `mktime` reads it, not refused; 2009-11-01 01:30 happened twice: its first occurrence, in daylight saving time.
  @Test func localTimesThatADaylightSavingChangeSkipsOrRepeats() throws {
    let skipped = try TimeDifferenceFunction.seconds(
      "2009-03-08 02:30:00", format: .yearMonthDay, timeZone: Self.newYork)
    #expect(skipped == 1_236_497_400)
    let repeated = try TimeDifferenceFunction.seconds(
      "2009-11-01 01:30:00", format: .yearMonthDay, timeZone: Self.newYork)
    #expect(repeated == 1_257_053_400)
  }
}
