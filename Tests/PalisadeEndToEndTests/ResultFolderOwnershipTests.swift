import Foundation
import TestSupport
import Testing

/// A host's result folder that someone else could change is refused: in a world-writable output folder, another user
/// could make OUTPUT/HOST a link to elsewhere, or a folder of theirs, and swap the run `latest` points at.
@Suite struct ResultFolderOwnershipTests {
  /// A compliant host named `owned01` (its /etc/hostname, which names its results folder) and a world-writable
  /// output folder (mode 1777, like /tmp).
  static func setUp() throws -> (host: FakeHost, output: TemporaryFolder, hostFolder: String) {
    let host = try FakeHost.compliant()
    try host.write("/etc/hostname", "owned01\n")
    let output = try TemporaryFolder(mode: 0o1777)
    return (host, output, output.path + "/owned01")
  }

  @Test func aHostFolderThatIsALinkIsNotFollowed() throws {
    let (host, output, hostFolder) = try Self.setUp()
    let elsewhere = try TemporaryFolder(mode: 0o750)
    defer {
      host.remove()
      output.remove()
      elsewhere.remove()
    }
    try FileManager.default.createSymbolicLink(atPath: hostFolder, withDestinationPath: elsewhere.path)
    let result = try LogDriverFixture.scan(root: host.root.path, output: output.path, extra: ["--quiet"]).command
    #expect(result.status == 1)
    #expect(
      result.standardError
        == "\(hostFolder): error: cannot write result: the folder is a symbolic link; a host's result folder must be "
        + "a real one\n")
    #expect(elsewhere.files().isEmpty, "written through the link: \(elsewhere.files())")
  }

  @Test(.enabled(if: Prerequisites.isRoot, "giving a folder to another user needs root"))
  func aHostFolderOfAnotherUserIsRefused() throws {
    let (host, output, hostFolder) = try Self.setUp()
    defer {
      host.remove()
      output.remove()
    }
    try FileManager.default.createDirectory(atPath: hostFolder, withIntermediateDirectories: false)
    chown(hostFolder, 65534, 65534)
    chmod(hostFolder, 0o750)
    let result = try LogDriverFixture.scan(root: host.root.path, output: output.path, extra: ["--quiet"]).command
    #expect(result.status == 1)
    #expect(
      result.standardError
        == "\(hostFolder): error: cannot write result: the folder belongs to uid 65534, not to this user (uid 0)\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: hostFolder).isEmpty)
  }

  @Test func aHostFolderOthersCanWriteIsRefused() throws {
    let (host, output, hostFolder) = try Self.setUp()
    defer {
      host.remove()
      output.remove()
    }
    try FileManager.default.createDirectory(atPath: hostFolder, withIntermediateDirectories: false)
    chmod(hostFolder, 0o777)
    let result = try LogDriverFixture.scan(root: host.root.path, output: output.path, extra: ["--quiet"]).command
    #expect(result.status == 1)
    #expect(
      result.standardError
        == "\(hostFolder): error: cannot write result: the folder is writable by group or others (mode 777)\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: hostFolder).isEmpty)
  }

  @Test func aHostFolderOfOursIsUsed() throws {
    let (host, output, hostFolder) = try Self.setUp()
    defer {
      host.remove()
      output.remove()
    }
    try FileManager.default.createDirectory(atPath: hostFolder, withIntermediateDirectories: false)
    chmod(hostFolder, 0o700)
    let run = try LogDriverFixture.scan(root: host.root.path, output: output.path, extra: ["--quiet"])
    #expect(run.command.status == 0, "\(run.command.standardError)")
    #expect(run.arfPath != nil)
  }
}
