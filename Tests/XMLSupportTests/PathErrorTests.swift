import Testing
import XMLSupport

@Suite struct PathErrorTests {
  @Test func namesItsFileAsADiagnosticAndInASentence() {
    let error = FileReadError(path: "/etc/x.xml", reason: "permission denied")
    #expect(error.description == "/etc/x.xml: error: cannot read file: permission denied")
    #expect(error.sentence == "cannot read file /etc/x.xml: permission denied")
    #expect(Diagnostic(error: error).description == "/etc/x.xml: error: cannot read file: permission denied")
  }

  /// Each operation is its own error type, so that a caller (the run's failure reason, for one) tells them apart.
  @Test func eachOperationIsItsOwnType() {
    let reading: any Error = FileReadError(path: "a", reason: "r")
    #expect(reading is FileReadError)
    #expect(!(reading is PathError<Probing>))
  }

  private enum Probing: PathOperation {
    static let failure = "cannot probe"
  }
}
