import SCAPContent
import Testing

/// XCCDF's severity and role enumerations, as content writes them and as reports order them.
@Suite struct RuleSeverityTests {
  @Test(arguments: [
    ("high", RuleSeverity.high), ("MEDIUM", .medium), ("low", .low), ("info", .info), ("unknown", .unknown),
    ("CAT I", .unknown), ("", .unknown),
  ])
  func severityAttributes(_ text: String, _ expected: RuleSeverity) {
    #expect(RuleSeverity(attribute: text) == expected)
  }

  @Test func aMissingSeverityIsUnknown() {
    #expect(RuleSeverity(attribute: nil) == .unknown)
  }

  /// One order for every report: `info` ranks below `low` and above `unknown`, never folded into `unknown`.
  @Test func mostSeriousFirstWithInfoBeforeUnknown() {
    #expect(RuleSeverity.allCases.sorted() == [.high, .medium, .low, .info, .unknown])
    #expect(RuleSeverity.allCases.map(\.rank) == [0, 1, 2, 3, 4])
  }

  @Test(arguments: [
    ("full", RuleRole.full), ("unscored", .unscored), ("unchecked", .unchecked), ("bogus", .full),
  ])
  func roleAttributes(_ text: String, _ expected: RuleRole) {
    #expect(RuleRole(attribute: text) == expected)
  }

  @Test func aMissingRoleIsFull() {
    #expect(RuleRole(attribute: nil) == .full)
  }
}
