import Testing

@testable import OVAL

/// Every datatype with the operations OVAL 5.11.2 allows on it, and the errors for those it does not.
@Suite struct DatatypeComparisonTests {
  func compare(_ actual: String, _ operation: Operation, _ expected: String, as datatype: Datatype) -> OVALResult {
    ValueComparison(datatype: datatype, operation: operation).compare(actual: actual, expected: expected).0
  }

  @Test func binaryIsHexadecimalWithoutRegardToCase() {
    #expect(compare("0aFF", .equals, "0AFF", as: .binary) == .true)
    #expect(compare("00", .notEqual, "01", as: .binary) == .true)
    #expect(compare("zz", .equals, "zz", as: .binary) == .error)
    #expect(compare("00", .greaterThan, "01", as: .binary) == .error)
  }

  @Test func booleans() {
    #expect(compare("true", .equals, "1", as: .boolean) == .true)
    #expect(compare("0", .notEqual, "true", as: .boolean) == .true)
    #expect(compare("true", .lessThan, "false", as: .boolean) == .error)
  }

  @Test func evrStringsOrderAsRPMDoes() {
    #expect(compare("1:2.3.4-5.6", .equals, "1:2.3.4-5.6", as: .evrString) == .true)
    #expect(compare("0:1.10-1", .greaterThan, "0:1.9-1", as: .evrString) == .true)
    #expect(compare("1:1.0-1", .greaterThan, "0:9.9-9", as: .evrString) == .true)
    #expect(compare("0:1.0~rc1-1", .lessThan, "0:1.0-1", as: .evrString) == .true)
    #expect(compare("0:1.0a-1", .lessThan, "0:1.0.1-1", as: .evrString) == .true)
    #expect(compare("2.3.4-5.6", .equals, "0:2.3.4-5.6", as: .evrString) == .true)
  }

  @Test func debianVersionsOrderAsDpkgDoes() {
    #expect(compare("1:2.30-1", .greaterThan, "2.31-1", as: .debianEVRString) == .true)
    #expect(compare("1.0~beta1", .lessThan, "1.0", as: .debianEVRString) == .true)
    #expect(compare("1.0-1ubuntu1", .greaterThan, "1.0-1", as: .debianEVRString) == .true)
    #expect(compare("2.36-9+deb12u4", .lessThan, "2.36-9+deb12u10", as: .debianEVRString) == .true)
    #expect(compare("0:1.2", .equals, "1.2", as: .debianEVRString) == .true)
    #expect(compare("1.2a", .greaterThan, "1.2+", as: .debianEVRString) == .false)
  }

  @Test func floats() {
    #expect(compare("1.5", .greaterThan, "1.25", as: .float) == .true)
    #expect(compare("1e2", .equals, "100", as: .float) == .true)
    #expect(compare("INF", .greaterThan, "1e308", as: .float) == .true)
    #expect(compare("1.0", .patternMatch, "1", as: .float) == .error)
    #expect(compare("one", .equals, "1", as: .float) == .error)
  }

  @Test func integers() {
    #expect(compare("10", .greaterThanOrEqual, "10", as: .int) == .true)
    #expect(compare("-3", .lessThan, "2", as: .int) == .true)
    #expect(compare("6", .bitwiseAnd, "4", as: .int) == .true)
    #expect(compare("6", .bitwiseAnd, "1", as: .int) == .false)
    #expect(compare("4", .bitwiseOr, "6", as: .int) == .true)
    #expect(compare("1.5", .equals, "1", as: .int) == .error)
  }

  @Test func ipv4AddressesWithPrefixes() {
    #expect(compare("192.192.1.1", .greaterThan, "1.1.192.192/32", as: .ipv4Address) == .true)
    #expect(compare("192.168.1.1", .subsetOf, "192.168.0.0/16", as: .ipv4Address) == .true)
    #expect(compare("192.168.1.1/16", .subsetOf, "192.168.1.1/29", as: .ipv4Address) == .false)
    #expect(compare("10.0.0.0/8", .supersetOf, "10.1.2.0/24", as: .ipv4Address) == .true)
    #expect(compare("10.0.0.1/255.255.255.0", .equals, "10.0.0.1/24", as: .ipv4Address) == .true)
    #expect(compare("192.168.120.80/24", .greaterThan, "192.168.120.53/16", as: .ipv4Address) == .error)
    #expect(compare("300.1.1.1", .equals, "1.1.1.1", as: .ipv4Address) == .error)
  }

  @Test func ipv6AddressesWithPrefixes() {
    #expect(compare("fe80::1", .equals, "FE80:0:0:0:0:0:0:1", as: .ipv6Address) == .true)
    #expect(compare("2001:db8::1", .subsetOf, "2001:db8::/32", as: .ipv6Address) == .true)
    #expect(compare("2001:db8::/32", .supersetOf, "2001:db8:1::/48", as: .ipv6Address) == .true)
    #expect(compare("::ffff:192.0.2.1", .equals, "::ffff:c000:201", as: .ipv6Address) == .true)
    #expect(compare("1::2::3", .equals, "1::3", as: .ipv6Address) == .error)
  }

  @Test func versionsFilesetRevisionsAndIOSVersions() {
    #expect(compare("1.10.0", .greaterThan, "1.9", as: .version) == .true)
    #expect(compare("7.1.4.30", .lessThan, "7.1.5.0", as: .filesetRevision) == .true)
    #expect(compare("12.2(58)SE2", .greaterThan, "12.2(55)SE", as: .iosVersion) == .true)
    #expect(compare("15.0(1)M", .lessThan, "15.1(1)M", as: .iosVersion) == .true)
  }

  @Test func stringsAllowOnlyTheirOperations() {
    #expect(compare("abc", .caseInsensitiveNotEqual, "ABD", as: .string) == .true)
    #expect(compare("abc", .subsetOf, "abcd", as: .string) == .error)
  }
}
