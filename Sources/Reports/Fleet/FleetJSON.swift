import Engine
import Foundation

/// `palisade fleet`'s JSON: the hosts and the failing rules, as the page shows them.
struct FleetJSON: Encodable {
  struct Host: Encodable {
    let name: String
    let fqdn: String?
    let status: String
    let score: Double?
    let lastScan: String?
    let results: [String: Int]
    let attentionBySeverity: [String: Int]
    let changes: [Change]?
    let previousARF: String?
    let arf: String
    let evidence: String
    let problem: String?
  }

  struct Change: Encodable {
    let rule: String
    let version: String?
    let kind: String
    let old: String?
    let new: String?
  }

  struct Rule: Encodable {
    let rule: String
    let version: String?
    let title: String?
    let severity: String
    let hosts: [RuleHost]
  }

  struct RuleHost: Encodable {
    let host: String
    let result: String
    let evidence: String
  }

  let generated: String
  let staleAfterSeconds: Double
  let hosts: [Host]
  let rules: [Rule]

  init(_ report: FleetReport) {
    generated = UTCTimestamp.string(from: report.date, .xsdDateTime)
    staleAfterSeconds = report.staleAfter
    hosts = report.hosts.map { host in
      Host(
        name: host.name, fqdn: host.fullyQualifiedName, status: FleetHostStatus(host).rawValue, score: host.score,
        lastScan: host.scanTime,
        results: Dictionary(uniqueKeysWithValues: host.resultCounts.map { ($0.key.rawValue, $0.value) }),
        attentionBySeverity: Dictionary(
          uniqueKeysWithValues: host.attentionBySeverity.map { ($0.key.rawValue, $0.value) }),
        changes: host.drift?.changes.map {
          Change(
            rule: $0.ruleID, version: $0.version, kind: $0.kind.rawValue, old: $0.old?.rawValue, new: $0.new?.rawValue)
        }, previousARF: host.drift?.old.path, arf: host.arfPath, evidence: host.evidencePath, problem: host.problem)
    }
    rules = report.rules.map { rule in
      Rule(
        rule: rule.ruleID, version: rule.version, title: rule.title, severity: rule.severity.rawValue,
        hosts: rule.hosts.map { entry in
          let host = report.hosts[entry.host]
          return RuleHost(host: host.name, result: entry.result.rawValue, evidence: host.evidencePath)
        })
    }
  }
}
