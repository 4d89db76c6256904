import Foundation
import TestSupport
import Testing

/// Every fix of the bundled Docker content, generated for a whole profile, is a script bash can parse and a
/// playbook Ansible can load.
@Suite struct DockerFixSyntaxTests {
  static func generated(_ type: String, into folder: TemporaryFolder) throws -> String {
    let path = folder.url.appendingPathComponent("fix.\(type)").path
    let run = try CommandRun.run(
      ProjectPaths.palisade,
      ["fix", "--fix-type", type, "--profile", "MAC-1_Classified", "--output", path, ProjectPaths.bundledContent])
    try #require(run.status == 0, "\(run.standardError)")
    return path
  }

  @Test(.enabled(if: Prerequisites.bash != nil, "needs bash"))
  func theBashFixesParse() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = try Self.generated("bash", into: folder)
    let script = try String(contentsOfFile: path, encoding: .utf8)
    #expect(script.contains("docker.service.d/palisade-log-driver.conf"))
    #expect(script.contains("--format '{{.HostConfig.PidMode}}'"))
    let check = try CommandRun.run(try #require(Prerequisites.bash), ["-n", path])
    #expect(check.status == 0, "\(check.standardError)")
  }

  @Test(.enabled(if: Prerequisites.ansiblePlaybook != nil, "needs ansible-playbook"))
  func theAnsibleFixesLoad() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = try Self.generated("ansible", into: folder)
    let check = try CommandRun.run(
      try #require(Prerequisites.ansiblePlaybook), ["--syntax-check", "-i", "localhost,", path], timeout: 300)
    #expect(check.status == 0, "\(check.standardOutput)\(check.standardError)")
  }
}
