import Foundation

/// time_difference: seconds between date-times (OVAL 5.11.2, TimeDifferenceFunctionType). With one component the
/// values are subtracted from the current time (UTC); with two, the second's values from the first's, over the
/// Cartesian product. Every format of DateTimeFormatEnumeration is read.
///
/// A date-time that carries no zone (every format but seconds since the epoch, a Windows FILETIME and a CIM
/// date-time with its UTC offset) is read in `timeZone`, the scanned host's local time zone, when the value it is
/// subtracted from or to carries no zone either, or is the current time: two local times across a daylight saving
/// change differ by the hours that really passed. Against a value that carries its zone (an epoch count, a FILETIME)
/// it is read in UTC, so that both are compared on the same clock. Both are MITRE's expected answers under US
/// Eastern time (docs/parity.md); the specification leaves the zone open.
enum TimeDifferenceFunction {
  static func apply(
    first: DateTimeFormat, second: DateTimeFormat, _ components: [[String]], now: Date, timeZone: TimeZone
  ) throws(FunctionError) -> [String] {
    switch components.count {
    case 1:
      // With one input, format_2 names its format; the implied first input is the current time.
      let current = Int64(now.timeIntervalSince1970.rounded(.down))
      var results: [String] = []
      for value in components[0] {
        results.append(String(current - (try seconds(value, format: second, timeZone: timeZone))))
      }
      return results
    case 2:
      var results: [String] = []
      for pair in cartesianProduct(components) {
        let zoned = (carriesZone(pair[0], format: first), carriesZone(pair[1], format: second))
        let zone = zoned.0 == zoned.1 ? timeZone : utc
        let difference =
          try seconds(pair[0], format: first, timeZone: zone) - seconds(pair[1], format: second, timeZone: zone)
        results.append(String(difference))
      }
      return results
    default:
      throw FunctionError("time_difference takes one or two components, not \(components.count)")
    }
  }

  /// Whether a date-time written in `format` names its instant by itself, without a time zone to read it in.
  static func carriesZone(_ text: String, format: DateTimeFormat) -> Bool {
    switch format {
    case .secondsSinceEpoch, .winFiletime: return true
    case .cimDatetime: return cimDatetimeWithOffset(Array(text.trimmed))
    case .yearMonthDay, .monthDayYear, .dayMonthYear: return false
    }
  }

  /// The CIM form `yyyymmddHHMMSS.mmmmmmsUUU`, which carries its offset from UTC.
  private static func cimDatetimeWithOffset(_ characters: [Character]) -> Bool {
    characters.count == 25 && characters[14] == "." && (characters[21] == "+" || characters[21] == "-")
  }

  /// Seconds since the Unix epoch of a date-time written in `format`, read in `timeZone` when it carries no zone.
  static func seconds(_ text: String, format: DateTimeFormat, timeZone: TimeZone) throws(FunctionError) -> Int64 {
    let value = text.trimmed
    let parsed: Int64?
    switch format {
    case .secondsSinceEpoch:
      parsed = Int64(value)
    case .winFiletime:
      // 100-nanosecond intervals since 1601-01-01 UTC, written in decimal or hexadecimal.
      let intervals =
        value.lowercased().hasPrefix("0x")
        ? UInt64(value.dropFirst(2), radix: 16) : (UInt64(value) ?? UInt64(value, radix: 16))
      parsed = intervals.map { Int64($0 / 10_000_000) - 11_644_473_600 }
    case .yearMonthDay:
      parsed = yearMonthDay(value, in: timeZone)
    case .monthDayYear:
      parsed = monthDayYear(value, in: timeZone)
    case .dayMonthYear:
      parsed = dayMonthYear(value, in: timeZone)
    case .cimDatetime:
      parsed = cimDatetime(value, in: timeZone)
    }
    guard let parsed else { throw FunctionError("'\(text)' is not a date-time in the \(format.rawValue) format") }
    return parsed
  }

  /// yyyymmdd, yyyymmddThhmmss, yyyy/mm/dd[ hh:mm:ss], yyyy-mm-dd[ hh:mm:ss].
  private static func yearMonthDay(_ text: String, in timeZone: TimeZone) -> Int64? {
    let compact = text.split(separator: "T", maxSplits: 1).map(String.init)
    if compact[0].count == 8, compact[0].allSatisfy(\.isNumber) {
      let digits = Array(compact[0])
      guard let year = Int(String(digits[0..<4])), let month = Int(String(digits[4..<6])),
        let day = Int(String(digits[6..<8]))
      else { return nil }
      var time = (0, 0, 0)
      if compact.count == 2 {
        let clock = Array(compact[1])
        guard clock.count == 6, let hour = Int(String(clock[0..<2])), let minute = Int(String(clock[2..<4])),
          let second = Int(String(clock[4..<6]))
        else { return nil }
        time = (hour, minute, second)
      }
      return epochSeconds(year: year, month: month, day: day, time: time, in: timeZone)
    }
    return separatedDate(text, yearAt: 0, monthAt: 1, dayAt: 2, in: timeZone)
  }

  /// mm/dd/yyyy[ hh:mm:ss], mm-dd-yyyy[ hh:mm:ss], and the month by name: `NameOfMonth, dd yyyy[ hh:mm:ss]`,
  /// with the full or abbreviated English name.
  private static func monthDayYear(_ text: String, in timeZone: TimeZone) -> Int64? {
    if let first = text.first, first.isLetter {
      let words = text.replacingOccurrences(of: ",", with: " ").split(separator: " ").map(String.init)
      guard words.count == 3 || words.count == 4, let month = monthNumber(words[0]), let day = Int(words[1]),
        let year = Int(words[2])
      else { return nil }
      let time = words.count == 4 ? clock(words[3]) : (0, 0, 0)
      guard let time else { return nil }
      return epochSeconds(year: year, month: month, day: day, time: time, in: timeZone)
    }
    return separatedDate(text, yearAt: 2, monthAt: 0, dayAt: 1, in: timeZone)
  }

  /// dd/mm/yyyy[ hh:mm:ss], dd-mm-yyyy[ hh:mm:ss].
  private static func dayMonthYear(_ text: String, in timeZone: TimeZone) -> Int64? {
    separatedDate(text, yearAt: 2, monthAt: 1, dayAt: 0, in: timeZone)
  }

  /// A date of three numbers separated by `/` or `-`, the year (four digits) at position `yearAt` and the month and
  /// day at theirs, with an optional clock time.
  private static func separatedDate(
    _ text: String, yearAt: Int, monthAt: Int, dayAt: Int, in timeZone: TimeZone
  ) -> Int64? {
    let (date, time) = dateAndClock(text)
    guard let time else { return nil }
    for separator in ["/", "-"] {
      let parts = date.split(separator: Character(separator), omittingEmptySubsequences: false)
      if parts.count == 3, parts[yearAt].count == 4, let year = Int(parts[yearAt]), let month = Int(parts[monthAt]),
        let day = Int(parts[dayAt])
      {
        return epochSeconds(year: year, month: month, day: day, time: time, in: timeZone)
      }
    }
    return nil
  }

  /// yyyymmddHHMMSS.mmmmmmsUUU (s is + or -, UUU the offset from UTC in minutes), or yyyy-mm-dd HH:MM:SS:mmm (no
  /// zone).
  private static func cimDatetime(_ text: String, in timeZone: TimeZone) -> Int64? {
    let characters = Array(text)
    if cimDatetimeWithOffset(characters) {
      let digits = { (range: Range<Int>) in Int(String(characters[range])) }
      guard let year = digits(0..<4), let month = digits(4..<6), let day = digits(6..<8), let hour = digits(8..<10),
        let minute = digits(10..<12), let second = digits(12..<14), digits(15..<21) != nil,
        let offset = digits(22..<25),
        let utc = epochSeconds(year: year, month: month, day: day, time: (hour, minute, second), in: Self.utc)
      else { return nil }
      return utc - Int64(characters[21] == "+" ? offset : -offset) * 60
    }
    let pieces = text.split(separator: " ")
    guard pieces.count == 2 else { return nil }
    let date = pieces[0].split(separator: "-", omittingEmptySubsequences: false)
    let time = pieces[1].split(separator: ":", omittingEmptySubsequences: false)
    guard date.count == 3, time.count == 4, let year = Int(date[0]), let month = Int(date[1]), let day = Int(date[2]),
      let hour = Int(time[0]), let minute = Int(time[1]), let second = Int(time[2]), Int(time[3]) != nil
    else { return nil }
    return epochSeconds(year: year, month: month, day: day, time: (hour, minute, second), in: timeZone)
  }

  /// Splits "date hh:mm:ss" into the date and its clock time (midnight when absent; nil when malformed).
  private static func dateAndClock(_ text: String) -> (String, (Int, Int, Int)?) {
    let pieces = text.split(separator: " ", omittingEmptySubsequences: true)
    if pieces.count == 1 { return (String(pieces[0]), (0, 0, 0)) }
    guard pieces.count == 2 else { return (text, nil) }
    return (String(pieces[0]), clock(String(pieces[1])))
  }

  private static func clock(_ text: String) -> (Int, Int, Int)? {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 3, let hour = Int(parts[0]), let minute = Int(parts[1]), let second = Int(parts[2]) else {
      return nil
    }
    return (hour, minute, second)
  }

  private static let monthNames = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december",
  ]

  private static func monthNumber(_ word: String) -> Int? {
    let name = word.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "."))
    guard name.count >= 3 else { return nil }
    return monthNames.firstIndex { $0 == name || $0.hasPrefix(name) && name.count == 3 }.map { $0 + 1 }
  }

  private static let utc = TimeZone(secondsFromGMT: 0) ?? .gmt

  /// Seconds since the epoch of a calendar date and time in `timeZone`; nil for an impossible date (February 30).
  ///
  /// A local time that a change to daylight saving time skips is read on the clock before the change, as C's `mktime`
  /// reads it (2:30 on the night New York moves from 2:00 to 3:00 is 7:30 UTC); one that the change back repeats is
  /// its first occurrence.
  static func epochSeconds(year: Int, month: Int, day: Int, time: (Int, Int, Int), in timeZone: TimeZone) -> Int64? {
    guard (1...12).contains(month), (0...23).contains(time.0), (0...59).contains(time.1), (0...60).contains(time.2)
    else { return nil }
    let components = DateComponents(
      year: year, month: month, day: day, hour: time.0, minute: time.1, second: time.2)
    // Whether the date exists does not depend on the zone; asking in the local zone would refuse a skipped hour.
    var gregorianUTC = Calendar(identifier: .gregorian)
    gregorianUTC.timeZone = utc
    guard components.isValidDate(in: gregorianUTC) else { return nil }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = timeZone
    return calendar.date(from: components).map { Int64($0.timeIntervalSince1970) }
  }
}
