import Foundation
import TestSupport
import Testing

/// `palisade --version` names the release (the VERSION file) and the commit the binary was built from, both stamped
/// at build time by packaging/stamp-build.
@Suite struct VersionTests {
  static let release =
    (try? String(contentsOf: ProjectPaths.packageRoot.appendingPathComponent("VERSION"), encoding: .utf8))?
    .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""

  @Test func namesTheReleaseOfTheVersionFile() throws {
    let run = try CommandRun.run(ProjectPaths.palisade, ["--version"])
    #expect(run.status == 0)
    #expect(!Self.release.isEmpty)
    #expect(run.standardOutput.hasPrefix("\(Self.release) (commit "), "\(run.standardOutput)")
  }

  @Test(.enabled(if: CommandRun.which("git") != nil, "needs git"))
  func namesTheCommitOfTheCheckout() throws {
    let head = try CommandRun.run(
      try #require(CommandRun.which("git")), ["-C", ProjectPaths.packageRoot.path, "rev-parse", "HEAD"])
    try #require(head.status == 0, "\(head.standardError)")
    let run = try CommandRun.run(ProjectPaths.palisade, ["--version"])
    let commit = run.standardOutput.split(separator: "(commit ").last.map { String($0.prefix(12)) } ?? ""
    #expect(commit.count == 12)
    #expect(head.standardOutput.hasPrefix(commit), "HEAD \(head.standardOutput), --version \(run.standardOutput)")
  }
}
