import Testing

@testable import Engine

/// How a rule with an automated half and a reviewed half (SV-235787: the log driver and the SIEM alert) combines,
/// for every pair of halves.
@Suite struct ReviewApplicationTests {
  struct Row: CustomTestStringConvertible, Sendable {
    let automated: RuleResultValue
    let reviewed: RuleResultValue?
    let expected: RuleResultValue
    var testDescription: String { "\(automated) + \(reviewed?.rawValue ?? "no review") -> \(expected)" }
  }

  static let rows: [Row] = [
    Row(automated: .pass, reviewed: nil, expected: .notchecked),
    Row(automated: .pass, reviewed: .pass, expected: .pass),
    Row(automated: .fixed, reviewed: .pass, expected: .pass),
    Row(automated: .pass, reviewed: .fail, expected: .fail),
    Row(automated: .pass, reviewed: .notapplicable, expected: .pass),
    Row(automated: .fail, reviewed: nil, expected: .fail),
    Row(automated: .fail, reviewed: .pass, expected: .fail),
    Row(automated: .fail, reviewed: .fail, expected: .fail),
    Row(automated: .error, reviewed: nil, expected: .error),
    Row(automated: .error, reviewed: .pass, expected: .error),
    Row(automated: .error, reviewed: .fail, expected: .fail),
    Row(automated: .unknown, reviewed: .pass, expected: .unknown),
    Row(automated: .notapplicable, reviewed: .pass, expected: .notapplicable),
    Row(automated: .notchecked, reviewed: .pass, expected: .notchecked),
    Row(automated: .notchecked, reviewed: .fail, expected: .fail),
  ]

  @Test(arguments: rows)
  func passOnlyWhenBothPassFailWhenEitherFails(_ row: Row) {
    #expect(ReviewApplication.bothHalves(automated: row.automated, reviewed: row.reviewed) == row.expected)
  }
}
