import Foundation
import TestSupport
import Testing

/// `palisade scan` without `--content` finds the bundled content where the command is: in the checkout when run from
/// its build tree, and under PREFIX/share/palisade when installed as PREFIX/bin/palisade (the Debian package's
/// /usr/bin and /usr/share/palisade), whatever the current folder.
@Suite struct BundledContentLocationTests {
  /// No `$PALISADE_CONTENT` (empty counts as unset) and a current folder without `content/`.
  private func scanWithoutContent(_ executable: String, in folder: TemporaryFolder) throws -> CommandResult {
    let host = try FakeHost()
    defer { host.remove() }
    return try CommandRun.run(
      "/bin/sh",
      [
        "-c", "cd \"$0\" && exec \"$1\" scan --root \"$2\" --output-dir results --quiet", folder.path, executable,
        host.folder,
      ],
      environment: ["PALISADE_CONTENT": ""])
  }

  @Test func findsTheCheckoutsContentFromTheBuildTree() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let run = try scanWithoutContent(ProjectPaths.palisade, in: folder)
    #expect(run.status == 0 || run.status == 2, "\(run.output)")
    #expect(ScanRun.latestARF(in: folder.path + "/results") != nil)
  }

  @Test(
    .enabled(
      if: !FileManager.default.fileExists(atPath: "/usr/share/palisade"), "Palisade is installed on this machine"))
  func findsTheInstalledContentBesideTheInstalledCommand() throws {
    let prefix = try TemporaryFolder()
    defer { prefix.remove() }
    let installed = prefix.path + "/usr/bin/palisade"
    let fileManager = FileManager.default
    try fileManager.createDirectory(atPath: prefix.path + "/usr/bin", withIntermediateDirectories: true)
    try fileManager.createDirectory(atPath: prefix.path + "/usr/share/palisade", withIntermediateDirectories: true)
    try fileManager.copyItem(atPath: ProjectPaths.palisade, toPath: installed)
    let folder = try TemporaryFolder()
    defer { folder.remove() }

    let missing = try scanWithoutContent(installed, in: folder)
    #expect(missing.status == 1)
    #expect(missing.standardError.contains("cannot find Palisade's bundled content"), "\(missing.output)")

    try fileManager.copyItem(
      atPath: ProjectPaths.bundledContent, toPath: prefix.path + "/usr/share/palisade/palisade-docker-stig-ds.xml")
    let found = try scanWithoutContent(installed, in: folder)
    #expect(found.status == 0 || found.status == 2, "\(found.output)")
    #expect(ScanRun.latestARF(in: folder.path + "/results") != nil)
  }
}
