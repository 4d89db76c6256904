import Testing

@testable import OVAL

/// Datatype-aware comparisons, from the OVAL 5.11.2 specification's operation and datatype sections.
@Suite struct ValueComparisonTests {
  func compare(_ actual: String, _ expected: String, _ datatype: Datatype, _ operation: Operation) -> OVALResult {
    ValueComparison(datatype: datatype, operation: operation).compare(actual: actual, expected: expected).0
  }

  @Test func strings() {
    #expect(compare("syslog", "syslog", .string, .equals) == .true)
    #expect(compare("Syslog", "syslog", .string, .equals) == .false)
    #expect(compare("Syslog", "syslog", .string, .caseInsensitiveEquals) == .true)
    #expect(compare("json-file", "syslog", .string, .notEqual) == .true)
    #expect(compare("syslog", "syslog", .string, .greaterThan) == .error)
  }

  @Test func patternMatchIsAPerlSearch() {
    #expect(compare("log-driver: syslog", #"sys\w+$"#, .string, .patternMatch) == .true)
    #expect(compare("journald", "^(syslog|splunk)$", .string, .patternMatch) == .false)
  }

  @Test func aBadRegularExpressionIsAnErrorWithPCREsReason() {
    let (result, message) = ValueComparison(datatype: .string, operation: .patternMatch)
      .compare(actual: "x", expected: "(unclosed")
    #expect(result == .error)
    #expect(message?.contains("invalid regular expression '(unclosed'") == true)
  }

  @Test func integers() {
    #expect(compare("10", "9", .int, .greaterThan) == .true)
    #expect(compare("0x10", "16", .int, .equals) == .error)
    #expect(compare("6", "2", .int, .bitwiseAnd) == .true)
    #expect(compare("ten", "9", .int, .greaterThan) == .error)
  }

  @Test func floatsBooleansAndVersions() {
    #expect(compare("1.5", "1.25", .float, .greaterThan) == .true)
    #expect(compare("TRUE", "1", .boolean, .equals) == .true)
    #expect(compare("maybe", "1", .boolean, .equals) == .error)
    #expect(compare("1.10.0", "1.9", .version, .greaterThan) == .true)
    #expect(compare("2.0", "2", .version, .equals) == .true)
  }
}
