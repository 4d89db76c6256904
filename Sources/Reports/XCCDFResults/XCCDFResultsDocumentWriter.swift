public import Engine
public import XMLSupport

/// Writes XCCDF results as oscap's `--results` does: the benchmark as given, with the scan's TestResult added as
/// its last child.
public struct XCCDFResultsDocumentWriter {
  public let outcome: ScanOutcome

  public init(outcome: ScanOutcome) {
    self.outcome = outcome
  }

  public func write<Output: XMLOutput>(to writer: inout XMLWriter<Output>) throws {
    try writer.startDocument()
    try writer.startCopy(outcome.benchmark.source)
    try TestResultWriter(outcome: outcome, checkResultHref: { _ in nil }).write(to: &writer)
    try writer.endElement()
    try writer.endDocument()
  }
}
