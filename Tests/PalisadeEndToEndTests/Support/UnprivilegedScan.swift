import Foundation

/// Runs a scan as an unprivileged user, so that a file with mode 000 is really unreadable: as root nothing is.
/// The binary and content are copied to a world-readable folder first, since the checkout may not be.
enum UnprivilegedScan {
  static func scan(root: String, output: String) throws -> ScanRun {
    let staging = try TemporaryFolder(mode: 0o755)
    let binary = staging.url.appendingPathComponent("palisade").path
    let content = staging.url.appendingPathComponent("content.xml").path
    try FileManager.default.copyItem(atPath: ProjectPaths.palisade, toPath: binary)
    try FileManager.default.copyItem(atPath: ProjectPaths.bundledContent, toPath: content)
    chmod(binary, 0o755)
    chmod(content, 0o644)
    let result = try asNobody(binary, ["scan", "--content", content, "--root", root, "--output-dir", output])
    staging.remove()
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
