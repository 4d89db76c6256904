public import Engine

/// One scan result, read back from a file, in the shape every report format is written from: the benchmark that
/// was run (or the DISA STIG merged over it), who and what was scanned, and each rule's finding with its evidence.
public struct ResultDocument: Sendable {
  /// The file the result was read from.
  public let sourcePath: String
  public let benchmark: ReportedBenchmark
  public let testResult: ReportedTestResult
  /// One finding per rule result, in the order of the TestResult; with a STIG merged in, one per STIG rule.
  public let findings: [Finding]
  /// Things a reader should know about the conversion itself, such as results that matched no STIG rule.
  public let notes: [String]

  public init(
    sourcePath: String, benchmark: ReportedBenchmark, testResult: ReportedTestResult, findings: [Finding],
    notes: [String] = []
  ) {
    self.sourcePath = sourcePath
    self.benchmark = benchmark
    self.testResult = testResult
    self.findings = findings
    self.notes = notes
  }

  /// The findings a report shows: every rule that was selected (rules a profile left out are not part of it).
  public var reportedFindings: [Finding] {
    findings.filter { $0.result != .notselected }
  }

  /// The number of reported findings of each result.
  public var counts: [RuleResultValue: Int] {
    reportedFindings.reduce(into: [:]) { $0[$1.result, default: 0] += 1 }
  }

  /// Who produced the results: the scanner's name and version from the TestResult.
  public var scanner: ScannerName {
    ScannerName(testResult: testResult)
  }
}

/// The scanner named by a TestResult, from its `urn:xccdf:fact:scanner:*` facts or its `test-system` CPE.
public struct ScannerName: Sendable, CustomStringConvertible {
  public let name: String
  public let version: String

  init(testResult: ReportedTestResult) {
    let facts = testResult.target.facts
    let factName = facts.first { $0.name == "urn:xccdf:fact:scanner:name" }?.value
    let factVersion = facts.first { $0.name == "urn:xccdf:fact:scanner:version" }?.value
    // cpe:/a:vendor:product:version
    let cpeParts = (testResult.testSystem ?? "").split(separator: ":", omittingEmptySubsequences: false).map(
      String.init)
    let cpeProduct = cpeParts.count > 3 ? cpeParts[3] : nil
    let cpeVersion = cpeParts.count > 4 ? cpeParts[4] : nil
    name = factName ?? cpeProduct ?? "an unknown scanner"
    version = factVersion ?? cpeVersion ?? ""
  }

  public var description: String { version.isEmpty ? name : "\(name) \(version)" }
}
