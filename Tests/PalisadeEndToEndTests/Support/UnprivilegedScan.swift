import Foundation
import TestSupport

/// Runs a scan as an unprivileged user, so that a file with mode 000 is really unreadable: as root nothing is.
/// The binary and content are copied to a world-readable folder first, since the checkout may not be.
enum UnprivilegedScan {
  static func scan(root: String, output: String) throws -> ScanRun {
    let result = try palisade(content: ProjectPaths.bundledContent) { content in
      ["scan", "--content", content, "--root", root, "--output-dir", output]
    }
    return ScanRun(command: result, arfPath: ScanRun.latestARF(in: output))
  }

  /// `oscap xccdf eval` on the same host as the same unprivileged user; returns the ARF's path.
  static func oscap(_ oscap: String, root: String, output: String) throws -> String {
    let staging = try TemporaryFolder(mode: 0o755)
    defer { staging.remove() }
    let content = staging.url.appendingPathComponent("content.xml").path
    try FileManager.default.copyItem(atPath: ProjectPaths.bundledContent, toPath: content)
    chmod(content, 0o644)
    let arf = output + "/oscap-arf.xml"
    // The content's Docker Engine API tests are outside the official schemas oscap validates against.
    _ = try asNobody(
      oscap, ["xccdf", "eval", "--skip-validation", "--results-arf", arf, content],
      environment: ["OSCAP_PROBE_ROOT": root])
    return arf
  }

  /// Runs `palisade` with `arguments` as `nobody` (as it is when the tests do not run as root), from a copy of the
  /// binary and of `content` (the log-driver fixture by default) in a world-readable folder; `arguments` is given
  /// the copy of the content.
  static func palisade(
    content original: String = LogDriverFixture.content, _ arguments: (_ content: String) -> [String]
  ) throws -> CommandResult {
    let staging = try TemporaryFolder(mode: 0o755)
    defer { staging.remove() }
    let binary = staging.url.appendingPathComponent("palisade").path
    let content = staging.url.appendingPathComponent("content.xml").path
    try FileManager.default.copyItem(atPath: ProjectPaths.palisade, toPath: binary)
    try FileManager.default.copyItem(atPath: original, toPath: content)
    chmod(binary, 0o755)
    chmod(content, 0o644)
    return try asNobody(binary, arguments(content))
  }

  /// Runs a program as `nobody` when the tests run as root, and as it is otherwise.
  private static func asNobody(
    _ program: String, _ arguments: [String], environment: [String: String] = [:]
  ) throws -> CommandResult {
    guard geteuid() == 0 else { return try CommandRun.run(program, arguments, environment: environment) }
    return try CommandRun.run(
      "/usr/bin/setpriv", ["--reuid=nobody", "--regid=nogroup", "--clear-groups", program] + arguments,
      environment: environment)
  }
}
