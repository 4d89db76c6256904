public import Engine
import Foundation
public import OVAL
public import SCAPContent

/// `--remediate`: after a scan, runs the bash fix of each failed rule that has one, then evaluates those rules
/// again. A rule that now passes is `fixed`; one that does not, or whose fix could not run, is `error` with the
/// fix's output as its message (XCCDF 1.2 specification, section 6.6.4.2, and OpenSCAP's `--remediate`).
public struct HostRemediation: Sendable {
  /// The host tree the fixes change: "/" for this host.
  public let root: String
  /// Where fixes copy each file (or record each mode and owner) before changing it; nil for no backup.
  public let backupFolder: String?
  /// Print what would run instead of running it.
  public let dryRun: Bool
  /// The daemon the fixes' docker client talks to (`DOCKER_HOST`); this process's `DOCKER_HOST` when nil.
  public let dockerHost: String?

  public init(root: String, backupFolder: String?, dryRun: Bool, dockerHost: String? = nil) {
    self.root = root
    self.backupFolder = backupFolder
    self.dryRun = dryRun
    self.dockerHost = dockerHost
  }

  /// A fix to run: the rule and its script with values substituted.
  public struct PlannedFix: Sendable {
    public let rule: Rule
    public let script: String
  }

  /// The failed rules' bash fixes, in result order; rules without one are left out (they stay `fail`).
  public func plannedFixes(for outcome: ScanOutcome) -> [PlannedFix] {
    var seen: Set<String> = []
    return outcome.ruleResults.compactMap { result in
      guard result.result == .fail, seen.insert(result.rule.id).inserted, let fix = result.rule.fix(for: .bash),
        let script = try? fix.resolvedText(in: outcome.benchmark, values: outcome.values)
      else { return nil }
      return PlannedFix(rule: result.rule, script: script)
    }
  }

  /// Runs the fixes and evaluates each rule again right after its own fix, in result order, as OpenSCAP's
  /// `xccdf_policy_remediate` does; each evaluation starts from a new collector, so it sees what the fixes before
  /// it changed (OpenSCAP keeps the items it collected for earlier rules).
  /// - Parameters:
  ///   - collector: makes a collector that has collected nothing yet, one for each evaluation.
  ///   - log: receives a line per fix as it runs (or, in a dry run, the script that would run).
  /// - Returns: the outcome with the remediated rules' results replaced; unchanged in a dry run.
  public func remediate(
    _ outcome: ScanOutcome, rescanningWith request: ScanRequest, collector: () -> any ObjectCollector,
    log: (String) -> Void
  ) async throws -> ScanOutcome {
    let fixes = plannedFixes(for: outcome)
    if dryRun {
      for fix in fixes {
        log("would run the fix for '\(fix.rule.id)'\(root == "/" ? "" : " in \(root)"):\n\(fix.script)")
      }
      return outcome
    }
    if let backupFolder, !fixes.isEmpty {
      try FileManager.default.createDirectory(
        atPath: backupFolder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }
    var replacements: [String: RuleResult] = [:]
    for fix in fixes {
      log("running the fix for '\(fix.rule.id)'")
      let run = FixRun(
        script: fix.script, root: root, dockerHost: dockerHost,
        backupFolder: backupFolder.map {
          URL(fileURLWithPath: $0).appendingPathComponent(Self.folderName(for: fix.rule.id)).path
        })
      let rescan = try await Scanner().scan(
        ScanRequest(
          document: request.document, dataStreamID: request.dataStreamID, checklistID: request.checklistID,
          profileID: request.profileID, tailoringID: request.tailoringID, tailoringPath: request.tailoringPath,
          ruleIDs: [fix.rule.id], collector: collector(), target: request.target,
          ovalSemantics: request.ovalSemantics))
      replacements[fix.rule.id] = verified(fix.rule.id, after: run, rescan: rescan, before: outcome)
    }
    return outcome.replacingRuleResults(replacements)
  }

  /// The rule's result after its fix (XCCDF 1.2, 6.6.4.2): `fixed` when the check now passes, else `error` with
  /// the fix's exit status and output (which says when a setting waits for a restart) and what the check says.
  private func verified(_ id: String, after run: FixRun, rescan: ScanOutcome, before outcome: ScanOutcome)
    -> RuleResult?
  {
    let after = rescan.ruleResults.filter { $0.rule.id == id }
    let passes = !after.isEmpty && after.allSatisfy { $0.result == .pass }
    guard let first = after.first ?? outcome.ruleResults.first(where: { $0.rule.id == id }) else { return nil }
    var messages = [RuleMessage(.info, "fix execution completed and returned: \(run.status)")]
    if !run.output.isEmpty { messages.append(RuleMessage(passes ? .info : .error, run.output)) }
    if !passes {
      let now = after.map(\.result.rawValue).joined(separator: ", ")
      messages.append(RuleMessage(.error, "failed to verify the applied fix: the check now says \(now)"))
    }
    return RuleResult(
      rule: first.rule, result: passes ? .fixed : .error, severity: first.severity, weight: first.weight,
      role: first.role, check: first.check, complexCheck: first.complexCheck,
      checkDocumentKey: first.checkDocumentKey, messages: messages)
  }

  /// A file-name-safe folder for one rule's backups.
  static func folderName(for ruleID: String) -> String {
    String(ruleID.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" })
  }
}
