import Testing

@testable import OVAL

/// The operator, check and existence truth tables of the OVAL 5.11.2 specification.
@Suite struct ResultTablesTests {
  typealias Row = (results: [OVALResult], expected: OVALResult)

  @Test(
    arguments: [
      ([.true, .true], .true), ([.true, .false], .false), ([.true, .error], .error), ([.false, .error], .false),
      ([.true, .unknown], .unknown), ([.error, .unknown], .error), ([.true, .notApplicable], .true),
      ([.notApplicable, .notApplicable], .notApplicable), ([.true, .notEvaluated], .notEvaluated),
    ] as [Row])
  func and(_ row: Row) {
    #expect(ResultCounts(row.results).combined(by: .and) == row.expected)
  }

  @Test(
    arguments: [
      ([.false, .false], .false), ([.true, .false], .true), ([.false, .error], .error), ([.true, .error], .true),
      ([.false, .unknown], .unknown), ([.notApplicable], .notApplicable),
    ] as [Row])
  func or(_ row: Row) {
    #expect(ResultCounts(row.results).combined(by: .or) == row.expected)
  }

  @Test(
    arguments: [
      ([.true, .false], .true), ([.true, .true], .false), ([.false, .false], .false), ([.true, .error], .error),
      ([.true, .true, .error], .false),
    ] as [Row])
  func one(_ row: Row) {
    #expect(ResultCounts(row.results).combined(by: .one) == row.expected)
  }

  @Test(
    arguments: [
      ([.true, .false], .true), ([.true, .true], .false), ([.true, .true, .true], .true), ([.true, .error], .error),
    ] as [Row])
  func xor(_ row: Row) {
    #expect(ResultCounts(row.results).combined(by: .xor) == row.expected)
  }

  @Test(
    arguments: [
      ([.false, .false], .true), ([.true, .false], .false), ([.false, .error], .error), ([.false, .unknown], .unknown),
    ] as [Row])
  func noneSatisfy(_ row: Row) {
    #expect(ResultCounts(row.results).checked(by: .noneSatisfy) == row.expected)
  }

  @Test func negationSwapsOnlyTrueAndFalse() {
    #expect(OVALResult.true.negated(true) == .false)
    #expect(OVALResult.false.negated(true) == .true)
    #expect(OVALResult.error.negated(true) == .error)
    #expect(OVALResult.true.negated(false) == .true)
  }

  typealias ExistenceRow = (check: ExistenceEnumeration, statuses: [ItemStatus], expected: OVALResult)

  @Test(
    arguments: [
      (.atLeastOneExists, [], .false), (.atLeastOneExists, [.exists, .error], .true),
      (.atLeastOneExists, [.error], .error),
      (.atLeastOneExists, [.notCollected], .unknown), (.allExist, [.exists, .doesNotExist], .false),
      (.allExist, [.exists], .true), (.allExist, [], .false), (.anyExist, [], .true), (.anyExist, [.error], .error),
      (.noneExist, [], .true), (.noneExist, [.exists], .false), (.onlyOneExists, [.exists], .true),
      (.onlyOneExists, [.exists, .exists], .false), (.onlyOneExists, [], .false),
    ] as [ExistenceRow])
  func existence(_ row: ExistenceRow) {
    #expect(row.check.evaluate(row.statuses) == row.expected)
  }
}
