import Foundation
import TestSupport
import Testing

/// `--root` of every command that probes a host: a root that is missing, not a folder or unreadable is refused with
/// exit 1 and a message naming it, never scanned as an empty host (where every "must not exist" check passes).
@Suite struct HostRootOptionTests {
  /// The commands that take `--root`, each with the fixture as its content.
  static let commands: [String] = ["scan", "xccdf eval", "oval eval"]

  static func arguments(_ command: String, root: String, content: String, output: String) -> [String] {
    let words = command.split(separator: " ").map(String.init)
    let options = command == "scan" ? ["--content", content, "--output-dir", output] : [content]
    return words + ["--root", root] + options
  }

  @Test(arguments: commands)
  func aMissingRootIsRefused(command: String) throws {
    let output = try TemporaryFolder()
    defer { output.remove() }
    let missing = output.path + "/typo"
    let result = try CommandRun.run(
      ProjectPaths.palisade,
      Self.arguments(command, root: missing, content: LogDriverFixture.content, output: output.path + "/results"))
    #expect(result.status == 1)
    #expect(result.standardError == "palisade: error: --root '\(missing)': no such file or directory\n")
    #expect(result.standardOutput.isEmpty)
    #expect(output.files().isEmpty, "written: \(output.files())")
  }

  @Test(arguments: commands)
  func aRegularFileIsRefused(command: String) throws {
    let output = try TemporaryFolder()
    defer { output.remove() }
    let file = output.path + "/image.tar"
    try Data("not a tree".utf8).write(to: URL(fileURLWithPath: file))
    let result = try CommandRun.run(
      ProjectPaths.palisade,
      Self.arguments(command, root: file, content: LogDriverFixture.content, output: output.path + "/results"))
    #expect(result.status == 1)
    #expect(result.standardError == "palisade: error: --root '\(file)': not a folder\n")
    #expect(output.files() == ["image.tar"])
  }

  /// A folder this user cannot read: mode 000 as `nobody` (root reads everything, so the tests drop to `nobody`).
  @Test(arguments: commands)
  func anUnreadableFolderIsRefused(command: String) throws {
    let host = try FakeHost.compliant()
    let output = try TemporaryFolder(mode: 0o777)
    defer {
      chmod(host.root.path, 0o755)
      host.remove()
      output.remove()
    }
    chmod(host.root.path, 0o000)
    let result = try UnprivilegedScan.palisade { content in
      Self.arguments(command, root: host.root.path, content: content, output: output.path + "/results")
    }
    #expect(result.status == 1)
    #expect(
      result.standardError == "palisade: error: --root '\(host.root.path)': cannot be read: permission denied\n")
    #expect(output.files().isEmpty)
  }

  /// For root, "cannot be read" is what root meets: a folder with mode 000 is readable, and scanned.
  @Test(.enabled(if: Prerequisites.isRoot, "only root reads a folder with mode 000"))
  func aFolderWithMode000IsScannedByRoot() throws {
    let host = try FakeHost.compliant()
    defer {
      chmod(host.root.path, 0o755)
      host.remove()
    }
    chmod(host.root.path, 0o000)
    let result = try CommandRun.run(
      ProjectPaths.palisade, ["xccdf", "eval", "--root", host.root.path, LogDriverFixture.content])
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardOutput.contains("Result\tpass"))
  }

  /// `oval analyse` reads recorded system characteristics and probes no host, so it takes no `--root`: given one,
  /// it refuses the command line with exit 1, as every command does with an option it cannot take.
  @Test func analyseRefusesARootWithExitOne() throws {
    let result = try CommandRun.run(
      ProjectPaths.palisade, ["oval", "analyse", "--root", "/typo", "definitions.xml", "syschar.xml"])
    #expect(result.status == 1, "\(result.standardError)")
    #expect(result.standardError.contains("Unknown option '--root'"))
    #expect(result.standardOutput.isEmpty)
  }
}
