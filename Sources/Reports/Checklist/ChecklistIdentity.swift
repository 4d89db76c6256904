import XMLSupport

/// What a STIG Viewer checklist says about the STIG and the asset, shared by the CKL and CKLB writers.
struct ChecklistIdentity {
  let document: ResultDocument

  var benchmark: ReportedBenchmark { document.benchmark }
  var target: ReportedTarget { document.testResult.target }

  /// DISA's STIG id (`Docker_Enterprise_2-x_Linux-UNIX_STIG`): the key STIG Manager files a checklist under.
  var stigID: String { benchmark.stigID }

  /// Stable for one STIG release, so every checklist of it names the same STIG.
  var stigUUID: String {
    get throws(DigestError) {
      let release = benchmark.checklistRelease
      return try NameBasedUUID.uuid(
        for: "stig\u{0}\(benchmark.id)\u{0}\(release.version)\u{0}\(release.releaseInfo)")
    }
  }

  /// Stable for one host and STIG, so the checklist of a later scan replaces the earlier one.
  var checklistUUID: String {
    get throws(DigestError) { try NameBasedUUID.uuid(for: "checklist\u{0}\(target.hostName)\u{0}\(benchmark.id)") }
  }

  /// Stable for one rule of one STIG.
  func ruleUUID(_ rule: ReportedRule) throws(DigestError) -> String {
    try NameBasedUUID.uuid(for: "rule\u{0}\(benchmark.id)\u{0}\(rule.id)")
  }

  /// The checklist's title, as STIG Viewer 3 names a new checklist: host, STIG and release.
  var title: String {
    let release = benchmark.checklistRelease
    let number = release.releaseInfo.split(separator: " ").dropFirst().first.map(String.init) ?? ""
    let revision = number.isEmpty ? "" : "-V\(release.version)R\(number)"
    return "\(target.hostName)-\(stigID)\(revision)"
  }

  /// STIG Viewer's classification of the STIG's rules; DISA's public STIGs are unclassified.
  static let classification = "UNCLASSIFIED"

  var hostAddresses: String { target.routableAddresses.joined(separator: ", ") }
  var hostMACs: String { target.hardwareAddresses.joined(separator: ", ") }
  var fullyQualifiedName: String { target.fullyQualifiedName ?? target.hostName }

  /// Where the checklist came from, for the asset's comment.
  var targetComment: String {
    "Converted by \(ProductInfo.name) \(ProductInfo.version) from the \(document.scanner) result "
      + "\(document.testResult.id) of \(document.testResult.endTime ?? "an unrecorded time")."
  }
}
