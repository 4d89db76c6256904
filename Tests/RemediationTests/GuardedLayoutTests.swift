import Engine
import Foundation
import Remediation
import SCAPContent
import Testing

/// `palisade fix` isolates each rule's fix; the scripts are run to prove it.
@Suite struct GuardedLayoutTests {
  static let bash = ["/bin/bash", "/usr/bin/bash"].first { FileManager.default.isExecutableFile(atPath: $0) }
  static let ansiblePlaybook = ["/usr/bin/ansible-playbook"].first { FileManager.default.isExecutableFile(atPath: $0) }

  static func plan(_ system: FixSystem) throws -> RemediationPlan {
    RemediationPlan(profiling: try FixGenerationTests.content(), system: system)
  }

  static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  static func write(_ text: String, suffix: String) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-fix-\(UUID())\(suffix)").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test(.enabled(if: bash != nil, "needs bash"))
  func aFixThatExitsDoesNotStopTheRest() throws {
    let script = RemediationScript(
      plan: try Self.plan(.bash), layout: .guarded, provenance: FixGenerationTests.provenance
    )
    .text
    let path = try Self.write(script, suffix: ".sh")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let bash = try #require(Self.bash)
    #expect(try Self.run(bash, ["-n", path]).status == 0)
    let run = try Self.run(bash, [path])
    #expect(run.output.contains("before-exit"))
    #expect(run.output.contains("Fix for rule 'xccdf_test_rule_exits' failed with status 3"))
    #expect(run.output.contains("last-fix-ran"))
    #expect(script.contains("# Rules without a bash fix (2 of 7):\n# - xccdf_test_rule_no_fix: no bash fix\n"))
  }

  @Test(.enabled(if: bash != nil, "needs bash"))
  func inOpenSCAPsLayoutAnExitEndsTheScript() throws {
    let script = RemediationScript(
      plan: try Self.plan(.bash), layout: .openSCAP, provenance: FixGenerationTests.provenance
    ).text
    let path = try Self.write(script, suffix: ".sh")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let run = try Self.run(try #require(Self.bash), [path])
    #expect(run.status == 3)
    #expect(!run.output.contains("last-fix-ran"))
  }

  @Test(.enabled(if: ansiblePlaybook != nil, "needs ansible-playbook (Debian's ansible)"))
  func aFailingAnsibleFixIsRescuedAndTheRestRun() throws {
    let playbook = RemediationScript(
      plan: try Self.plan(.ansible), layout: .guarded, provenance: FixGenerationTests.provenance
    ).text
    let path = try Self.write(playbook, suffix: ".yml")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let ansible = try #require(Self.ansiblePlaybook)
    #expect(try Self.run(ansible, ["--syntax-check", "-i", "localhost,", path]).status == 0)
    let run = try Self.run(ansible, ["-i", "localhost,", "-c", "local", path])
    #expect(run.status == 0, "\(run.output)")
    #expect(run.output.contains("rescued=1"))
    #expect(run.output.contains("\"msg\": \"last\""))
  }
}
