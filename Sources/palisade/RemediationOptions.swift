import ArgumentParser
import Engine
import Foundation
import OVAL
import Remediation

/// `--remediate` and `--dry-run`, for `palisade scan` and `palisade xccdf eval`.
struct RemediationOptions: ParsableArguments {
  @Flag(
    name: .long,
    help: "After the scan, run the bash fix of each failed rule that has one and check the rule again.")
  var remediate = false

  @Flag(name: .long, help: "With --remediate: print the fixes that would run, change nothing.")
  var dryRun = false

  func validate() throws {
    if dryRun && !remediate { throw ValidationError("'--dry-run' goes with '--remediate'") }
  }

  /// The outcome after remediation (the same outcome without `--remediate`, or in a dry run). Backups go into a
  /// new folder `remediation-backup-TIMESTAMP` inside `backupBase`.
  func remediated(
    _ outcome: ScanOutcome, request: ScanRequest, collector: @autoclosure () -> any ObjectCollector, root: String,
    dockerHost: String?, backupBase: String
  ) async throws -> ScanOutcome {
    guard remediate else { return outcome }
    let stamp = ISO8601DateFormatter().string(from: outcome.endTime).replacingOccurrences(of: ":", with: "")
    let remediation = HostRemediation(
      root: root,
      backupFolder: URL(fileURLWithPath: backupBase).appendingPathComponent("remediation-backup-\(stamp)").path,
      dryRun: dryRun, dockerHost: dockerHost)
    return try await remediation.remediate(outcome, rescanningWith: request, collector: collector) { line in
      if dryRun { StandardStreams.writeOutput(line + "\n") } else { StandardStreams.writeError("palisade: \(line)") }
    }
  }
}
