import Foundation
import TestSupport
import Testing

/// Vulnerability scanning with a distribution's OVAL patch feed (Fixtures/patch-feed-oval.xml, shaped like Debian's
/// and Ubuntu's) over a fake host's dpkg database: a true patch definition is a finding whether the XCCDF check names
/// it, names no definition, or is a multi-check (NIST SP 800-126, section 4.5.1).
@Suite struct PatchFeedTests {
  static let fixtures = ProjectPaths.packageRoot.appendingPathComponent("Tests/PalisadeEndToEndTests/Fixtures")

  /// openssl, libc6 and curl are older than the feed's fixed versions; bash and zlib1g are not; nginx is absent.
  static func host() throws -> FakeHost {
    let host = try FakeHost()
    let packages = [
      ("dpkg", "1.21.22"), ("openssl", "3.0.11-1~deb12u2"), ("bash", "5.2.15-2+b2"), ("libc6", "2.36-9+deb12u4"),
      ("zlib1g", "1:1.2.13.dfsg-1"), ("curl", "7.88.1-10+deb12u5"),
    ]
    try host.write(
      "/var/lib/dpkg/status",
      packages.map { "Package: \($0)\nStatus: install ok installed\nArchitecture: amd64\nVersion: \($1)\n" }
        .joined(separator: "\n"))
    return host
  }

  /// Runs `palisade COMMAND eval --root HOST FIXTURE` over the host.
  static func evaluate(_ command: String, _ fixture: String) throws -> CommandResult {
    let host = try Self.host()
    defer { host.remove() }
    let content = fixtures.appendingPathComponent(fixture).path
    return try CommandRun.run(ProjectPaths.palisade, [command, "eval", "--root", host.root.path, content])
  }

  @Test func ovalEvalReportsWhichFixesTheHostLacks() throws {
    let run = try Self.evaluate("oval", "patch-feed-oval.xml")
    #expect(run.status == 0, "\(run.standardError)")
    #expect(
      run.standardOutput == (1...6).map { "Definition oval:t:def:\($0): \([1, 3, 5].contains($0))\n" }.joined())
  }

  @Test func xccdfEvalFailsTheRuleAndEachAdvisoryTheHostLacks() throws {
    let run = try Self.evaluate("xccdf", "patch-feed-xccdf.xml")
    #expect(run.status == 2, "\(run.standardError)")
    var results: [String: [String]] = [:]
    var rule = ""
    for line in run.standardOutput.split(separator: "\n") {
      if line.hasPrefix("Rule\t") { rule = String(line.dropFirst("Rule\txccdf_t_rule_".count)) }
      if line.hasPrefix("Result\t") { results[rule, default: []].append(String(line.dropFirst("Result\t".count))) }
    }
    #expect(results["security_patches_up_to_date"] == ["fail"])
    #expect(results["each_advisory"] == ["fail", "pass", "fail", "pass", "fail", "pass"])
  }
}
