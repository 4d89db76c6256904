/// What reports show of a benchmark: its names, release, and every rule with the text a reviewer reads.
public struct ReportedBenchmark: Sendable {
  /// The benchmark id as written (`xccdf_mil.disa.stig_benchmark_X` in XCCDF 1.2, `X` in DISA's 1.1 manuals).
  public let id: String
  public let title: String
  public let description: String
  public let version: String
  /// The date of the benchmark's `status`, such as `2024-07-24`.
  public let statusDate: String?
  /// DISA's `plain-text id="release-info"`, such as `Release: 2 Benchmark Date: 24 Jul 2024`.
  public let releaseInfo: String?
  /// The id of the benchmark's `notice` (`terms-of-use` in DISA content).
  public let noticeID: String?
  /// The `dc:source` of the benchmark's reference (`STIG.DOD.MIL` in DISA content).
  public let source: String?
  /// The file the benchmark came from, for the checklist's `filename`.
  public let fileName: String
  /// Every rule in document order.
  public let rules: [ReportedRule]
  /// Values by id, for showing which organization-defined parameter a check compared against.
  public let values: [String: ReportedValue]
  private let rulesByID: [String: ReportedRule]

  public init(
    id: String, title: String, description: String, version: String, statusDate: String?, releaseInfo: String?,
    noticeID: String?, source: String?, fileName: String, rules: [ReportedRule], values: [String: ReportedValue]
  ) {
    self.id = id
    self.title = title
    self.description = description
    self.version = version
    self.statusDate = statusDate
    self.releaseInfo = releaseInfo
    self.noticeID = noticeID
    self.source = source
    self.fileName = fileName
    self.rules = rules
    self.values = values
    rulesByID = Dictionary(rules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
  }

  /// The rule with the given id, as written in the benchmark.
  public func rule(_ id: String) -> ReportedRule? {
    rulesByID[id]
  }

  /// The benchmark id without XCCDF 1.2's `xccdf_<owner>_benchmark_` prefix: DISA's STIG id, such as
  /// `Docker_Enterprise_2-x_Linux-UNIX_STIG`, which STIG Viewer and STIG Manager key checklists by.
  public var stigID: String { XCCDFIdentifier.shortForm(of: id) }

  /// The STIG's version and release as checklists show them: DISA's own release-info when the benchmark has it;
  /// otherwise read from a `V.R` version (such as Palisade's `2.2` or SCC's `001.002`) with the status date.
  public var checklistRelease: (version: String, releaseInfo: String) {
    if let releaseInfo {
      return (version, releaseInfo)
    }
    let parts = version.split(separator: ".")
    guard parts.count == 2, let major = Int(parts[0]), let minor = Int(parts[1]) else {
      return (version, "")
    }
    let date = statusDate.flatMap(Self.benchmarkDate).map { " Benchmark Date: \($0)" } ?? ""
    return (String(major), "Release: \(minor)\(date)")
  }

  /// `2024-07-24` as DISA writes benchmark dates: `24 Jul 2024`.
  private static func benchmarkDate(_ isoDate: String) -> String? {
    let parts = isoDate.split(separator: "-")
    guard parts.count == 3, let month = Int(parts[1]), (1...12).contains(month), let day = Int(parts[2]) else {
      return nil
    }
    let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    return String(format: "%02d %@ %@", day, months[month - 1], String(parts[0]))
  }

  /// `Title :: Version 2, Release: 2 Benchmark Date: 24 Jul 2024`, the STIGRef STIG Viewer writes on each rule.
  public var stigReference: String {
    let release = checklistRelease
    let releaseText = release.releaseInfo.isEmpty ? "" : ", \(release.releaseInfo)"
    return "\(title) :: Version \(release.version)\(releaseText)"
  }
}

/// An XCCDF Value: an organization-defined parameter of the benchmark.
public struct ReportedValue: Sendable {
  public let id: String
  public let title: String
  public let description: String
  /// The value without a selector.
  public let defaultValue: String?

  public init(id: String, title: String, description: String, defaultValue: String?) {
    self.id = id
    self.title = title
    self.description = description
    self.defaultValue = defaultValue
  }
}
