import Testing
import XMLSupport

/// The one line every command reports a problem with.
@Suite struct DiagnosticTests {
  struct PlainError: Error, CustomStringConvertible {
    var description: String { "no definition 'oval:x:def:9' in checks.xml" }
  }

  @Test func anErrorWithAPlaceNamesItAsCompilersDo() {
    let error = LocatedError(
      "unknown OVAL test type 'foo_test'", at: SourceLocation(file: "c.xml", line: 120, column: 7))
    let diagnostic = Diagnostic(error: error)
    #expect(diagnostic.description == "c.xml:120:7: error: unknown OVAL test type 'foo_test'")
    #expect(diagnostic.namesFile)
    #expect(diagnostic.severity == .error)
  }

  @Test func anErrorAboutAWholeFileNamesTheFile() {
    let diagnostic = Diagnostic(error: FileReadError(path: "/tmp/missing.xml", reason: "no such file or directory"))
    #expect(diagnostic.description == "/tmp/missing.xml: error: cannot read file: no such file or directory")
    #expect(diagnostic.message == diagnostic.description)
  }

  @Test func anyOtherErrorIsPalisadesOwn() {
    let diagnostic = Diagnostic(error: PlainError())
    #expect(diagnostic.description == "palisade: error: no definition 'oval:x:def:9' in checks.xml")
    #expect(diagnostic.message == "no definition 'oval:x:def:9' in checks.xml")
    #expect(!diagnostic.namesFile)
  }

  @Test(arguments: [
    (Diagnostic.Severity.error, "palisade: error: stopped"), (.warning, "palisade: warning: stopped"),
    (.note, "palisade: note: stopped"),
  ])
  func aMessageCarriesItsSeverity(severity: Diagnostic.Severity, line: String) {
    #expect(Diagnostic(severity, "stopped").description == line)
  }
}
