import Foundation
import SCAPContent

extension ReportedBenchmark {
  /// What reports show of `benchmark` (DISA's manual benchmarks in XCCDF 1.1, data-stream benchmarks in 1.2, SCC's
  /// result files alike), its texts laid out with `substitutions` (the values in force during the scan) for their
  /// `sub` elements.
  /// - Parameter fileName: the file the benchmark was read from, for the checklist's `filename`.
  init(_ benchmark: Benchmark, fileName: String, substitutions: [String: String] = [:]) {
    let layOut = { (text: FormattedText?) in
      text.map { XCCDFText.plainText(of: $0.element, substitutions: substitutions) } ?? ""
    }
    var rules: [ReportedRule] = []
    func gather(_ items: [BenchmarkItem], group: Group?) {
      for item in items {
        switch item {
        case .group(let inner): gather(inner.items, group: inner)
        case .rule(let rule): rules.append(ReportedRule(rule, group: group, layOut: layOut))
        }
      }
    }
    gather(benchmark.items, group: nil)
    self.init(
      id: benchmark.id, title: layOut(benchmark.formattedTitle), description: layOut(benchmark.formattedDescription),
      version: benchmark.version, statusDate: benchmark.statusDate,
      releaseInfo: benchmark.plainTexts["release-info"]?.trimmingCharacters(in: .whitespacesAndNewlines),
      noticeID: benchmark.noticeIDs.first, source: benchmark.references.first?.source, fileName: fileName,
      rules: rules,
      values: benchmark.values.mapValues {
        ReportedValue(
          id: $0.id, title: layOut($0.formattedTitle), description: layOut($0.formattedDescription),
          defaultValue: $0.valuesBySelector[""])
      })
  }
}

extension ReportedRule {
  /// What reports show of `rule`, which sits in `group`. The check the reports name is the first OVAL one (or the
  /// first at all); the text a reviewer reads is the first check content, such as DISA's manual check or a manual
  /// review that complements the OVAL check.
  init(_ rule: Rule, group: Group?, layOut: (FormattedText?) -> String) {
    let checks = rule.everyCheck
    let check = checks.first { $0.system == SCAPNamespace.ovalDefinitions } ?? checks.first
    let checkContent = checks.lazy.compactMap(\.formattedContent).first
    self.init(
      id: rule.id, groupID: group?.id, groupTitle: group.map { layOut($0.formattedTitle) }, version: rule.version,
      title: layOut(rule.formattedTitle), severity: rule.severity, weight: String(rule.weight),
      discussion: RuleDiscussion(description: layOut(rule.formattedDescription)),
      checkContent: checkContent.map(layOut), checkReference: check?.contentRefs.first,
      checkExports: checks.flatMap(\.exports), fixText: rule.formattedFixtext.map(layOut), fixID: rule.fixref,
      idents: rule.idents.map { ReportedIdent(system: $0.system, value: $0.value) },
      references: rule.references.map {
        ReportedReference(href: $0.href, text: $0.text, identifier: $0.identifier)
      })
  }
}
