import Testing

@testable import OVAL

/// begin, end, escape_regex, split, substring and regex_capture, from the OVAL 5.11.2 function descriptions.
@Suite struct TextFunctionsTests {
  @Test func beginAddsThePrefixOnlyWhereMissing() {
    #expect(TextFunctions.begin("/", ["etc", "/usr"]) == ["/etc", "/usr"])
  }

  @Test func endAddsTheSuffixOnlyWhereMissing() {
    #expect(TextFunctions.end("/", ["etc", "usr/"]) == ["etc/", "usr/"])
  }

  @Test func escapeRegexEscapesPerlMetacharacters() {
    // The specification's own example.
    #expect(TextFunctions.escapeRegex([#"(\.test_string*)?"#]) == [#"\(\\\.test_string\*\)\?"#])
    #expect(TextFunctions.escapeRegex(["a^b$c[d]e{f}g+h|i"]) == [#"a\^b\$c\[d\]e\{f\}g\+h\|i"#])
  }

  @Test func splitKeepsEmptyPiecesAtTheEndsAndBetweenAdjacentDelimiters() throws {
    #expect(try TextFunctions.split("-", ["a-b-c-d"]) == ["a", "b", "c", "d"])
    #expect(try TextFunctions.split("-", ["-a-a-"]) == ["", "a", "a", ""])
    #expect(try TextFunctions.split("-", ["---"]) == ["", "", "", ""])
    #expect(try TextFunctions.split("::", ["x::y", "z"]) == ["x", "y", "z"])
  }

  @Test func splitWithAnEmptyDelimiterIsAnError() {
    #expect(throws: FunctionError.self) { try TextFunctions.split("", ["abc"]) }
  }

  @Test func substringCountsFromOneAndClampsTheLength() throws {
    #expect(try TextFunctions.substring(start: 3, length: 2, ["abcdefg"]) == ["cd"])
    #expect(try TextFunctions.substring(start: 0, length: 2, ["abcdefg"]) == ["ab"])
    #expect(try TextFunctions.substring(start: 5, length: 100, ["abcdefg"]) == ["efg"])
    #expect(try TextFunctions.substring(start: 5, length: -1, ["abcdefg"]) == ["efg"])
  }

  @Test func substringStartingPastTheEndIsAnError() {
    #expect(throws: FunctionError.self) { try TextFunctions.substring(start: 9, length: 1, ["abc"]) }
  }

  @Test func regexCaptureTakesTheFirstGroupOfTheFirstMatch() throws {
    #expect(try TextFunctions.regexCapture(#"^abc(.*)xyz$"#, ["abc123xyz", "nomatch"]) == ["123", ""])
    #expect(try TextFunctions.regexCapture(#"(\d)(\d)"#, ["a12b34"]) == ["1"])
    #expect(try TextFunctions.regexCapture(#"\d+"#, ["a12"]) == [""])
  }

  @Test func regexCaptureWithABadPatternIsAnError() {
    #expect(throws: FunctionError.self) { try TextFunctions.regexCapture("(unclosed", ["x"]) }
  }
}

@Suite struct CollectionFunctionsTests {
  @Test func concatTakesTheCartesianProductInOrder() {
    #expect(CollectionFunctions.concat([["abc", "def"], ["xyz"]]) == ["abcxyz", "defxyz"])
    #expect(CollectionFunctions.concat([["a", "b"], ["1", "2"]]) == ["a1", "a2", "b1", "b2"])
  }

  @Test func concatWithAnEmptyComponentHasNoValue() {
    #expect(CollectionFunctions.concat([["a"], []]).isEmpty)
  }

  @Test func countCountsEveryValue() {
    #expect(CollectionFunctions.count([["a"], ["b", "c"]]) == ["3"])
  }

  @Test func uniqueDropsRepeatsAcrossComponents() {
    #expect(CollectionFunctions.unique([["foo"], ["foo", "bar"]]) == ["foo", "bar"])
  }
}

@Suite struct ArithmeticFunctionTests {
  @Test func addsOverTheCartesianProduct() throws {
    #expect(try ArithmeticFunction.apply(.add, to: [["1", "2"], ["3", "4", "5"]]) == ["4", "5", "6", "5", "6", "7"])
  }

  @Test func multipliesIntegersAndFloats() throws {
    #expect(try ArithmeticFunction.apply(.multiply, to: [["6"], ["7"]]) == ["42"])
    #expect(try ArithmeticFunction.apply(.multiply, to: [["1.1"], ["1.1"]]) == ["1.21"])
    #expect(try ArithmeticFunction.apply(.add, to: [["1"], ["0.5"]]) == ["1.5"])
  }

  @Test func aNonNumericValueIsAnError() {
    #expect(throws: FunctionError.self) { try ArithmeticFunction.apply(.add, to: [["1"], ["two"]]) }
  }

  @Test func overflowIsAnError() {
    #expect(throws: FunctionError.self) {
      try ArithmeticFunction.apply(.multiply, to: [["9223372036854775807"], ["2"]])
    }
  }
}
