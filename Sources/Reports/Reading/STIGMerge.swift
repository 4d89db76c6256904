import Engine

extension ResultDocument {
  /// This result laid over a DISA STIG benchmark (the manual XCCDF users download): one finding per STIG rule,
  /// with DISA's official titles, discussion, check and fix text, and the scan's result and evidence where a
  /// scanned rule matches. STIG rules nothing matched are reported as not reviewed.
  ///
  /// A scanned rule matches a STIG rule by DISA rule id (`SV-235787r960912_rule`); failing that by rule number
  /// with another revision (`SV-235787r...`), which is noted on the finding rather than dropped, so that a STIG
  /// release that only bumped revisions does not leave every rule "Not Reviewed"; failing that by STIG id
  /// (`DKER-EE-001590`, the rule's `version` or a reference that names it). Several scanned rules matching one
  /// STIG rule are combined, the worst result winning.
  public func mergingSTIG(_ stig: ReportedBenchmark) -> ResultDocument {
    let evaluated = findings.filter { $0.result != .notselected }
    var byRuleID: [String: [Finding]] = [:]
    var byRuleNumber: [String: [Finding]] = [:]
    var bySTIGID: [String: [Finding]] = [:]
    for finding in evaluated {
      byRuleID[finding.rule.shortID, default: []].append(finding)
      if let number = XCCDFIdentifier.disaRuleNumber(of: finding.rule.id) {
        byRuleNumber[number, default: []].append(finding)
      }
      var stigIDs = Set(finding.rule.references.map(\.text))
      if let version = finding.rule.version { stigIDs.insert(version) }
      for stigID in stigIDs { bySTIGID[stigID, default: []].append(finding) }
    }
    var used: Set<String> = []
    var merged: [Finding] = []
    for rule in stig.rules {
      var notes: [String] = []
      var matches = byRuleID[rule.shortID] ?? []
      if matches.isEmpty, let number = XCCDFIdentifier.disaRuleNumber(of: rule.id) {
        matches = byRuleNumber[number] ?? []
        for match in matches {
          notes.append(
            "scanned as \(match.rule.shortID); \(stig.fileName) has \(rule.shortID): the content's revision differs "
              + "from the STIG's, check that the requirement has not changed")
        }
      }
      if matches.isEmpty, let version = rule.version {
        matches = bySTIGID[version] ?? []
      }
      guard !matches.isEmpty else {
        merged.append(
          Finding(
            rule: rule, result: .notchecked, time: nil, messages: [], definition: nil, evidence: [],
            boundValues: [], wasEvaluated: false))
        continue
      }
      for match in matches { used.insert(match.rule.id) }
      let combinedRule = rule.addingReferences(of: matches.map(\.rule))
      if matches.count == 1 {
        merged.append(matches[0].about(combinedRule, notes: notes))
        continue
      }
      notes.append("combined from the scanned rules \(matches.map(\.rule.shortID).joined(separator: ", "))")
      merged.append(
        Finding(
          rule: combinedRule, result: RuleResultValue.worst(of: matches.map(\.result)),
          time: matches.compactMap(\.time).max(),
          messages: matches.flatMap(\.messages), definition: nil, evidence: matches.flatMap(\.evidence),
          boundValues: matches.flatMap(\.boundValues), notes: matches.flatMap(\.notes) + notes))
    }
    let unmatched = evaluated.filter { !used.contains($0.rule.id) }.map(\.rule.shortID)
    var documentNotes = notes
    if !unmatched.isEmpty {
      documentNotes.append(
        "\(unmatched.count) scanned rule(s) match no rule of \(stig.fileName) and are left out: "
          + unmatched.joined(separator: ", "))
    }
    return ResultDocument(
      sourcePath: sourcePath, benchmark: stig, testResult: testResult, findings: merged, notes: documentNotes)
  }
}

extension ReportedRule {
  /// The STIG rule with the scanned rules' NIST references and idents added (DISA's manual has CCIs only).
  func addingReferences(of scanned: [ReportedRule]) -> ReportedRule {
    var idents = self.idents
    for ident in scanned.flatMap(\.idents) where !idents.contains(ident) { idents.append(ident) }
    let nistReferences = scanned.flatMap(\.references).filter { $0.nistControl != nil }
    let knownControls = Set(references.compactMap(\.nistControl))
    return ReportedRule(
      id: id, groupID: groupID, groupTitle: groupTitle, version: version, title: title, severity: severity,
      weight: weight, discussion: discussion, checkContent: checkContent, checkReference: checkReference,
      checkExports: checkExports, fixText: fixText, fixID: fixID, idents: idents,
      references: references + nistReferences.filter { !knownControls.contains($0.nistControl ?? "") })
  }
}
