import Foundation
import TestSupport
import Testing
import XMLSupport

/// `palisade xccdf eval --remediate --root` with SSG's Debian 11 `standard` profile on a Debian 11 tree built here:
/// the fixes run chrooted in the tree, and at least 90% of the failed rules that have a bash fix become `fixed`.
@Suite struct DebianRemediationTests {
  @Test(
    .enabled(if: Prerequisites.debootstrap != nil, "needs root, debootstrap and a reachable Debian mirror"),
    .enabled(if: Prerequisites.hasSSGDebian11, "needs ssg-debian"))
  func fixesMostFailedRulesOfTheStandardProfile() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let root = folder.url.appendingPathComponent("bullseye").path
    let built = try CommandRun.run(
      try #require(Prerequisites.debootstrap),
      ["--variant=minbase", "bullseye", root, "http://deb.debian.org/debian"], timeout: 1500)
    try #require(built.status == 0, "\(built.standardError)")
    // Break what the profile checks on account files: wrong modes and owners, each with an SSG bash fix.
    for file in ["passwd", "group", "shadow", "gshadow"] {
      let path = "\(root)/etc/\(file)"
      chmod(path, 0o666)
      chown(path, 1000, 1000)
    }
    let arf = folder.url.appendingPathComponent("arf.xml").path
    let run = try CommandRun.run(
      ProjectPaths.palisade,
      [
        "xccdf", "eval", "--profile", "standard", "--remediate", "--root", root, "--results-arf", arf,
        Prerequisites.ssgDebian11,
      ], timeout: 600)
    #expect(run.status == 2, "\(run.standardError)")
    let results = try XMLDocument(contentsOf: arf).elements(
      matching: "//x:TestResult/x:rule-result", namespaces: ["x": "http://checklists.nist.gov/xccdf/1.2"])
    let remediated = results.filter { result in
      result.elements(named: "message").contains { $0.trimmedText.hasPrefix("fix execution completed") }
    }
    let fixed = remediated.filter { $0.firstElement(named: "result")?.trimmedText == "fixed" }
    #expect(remediated.count >= 8)
    #expect(Double(fixed.count) >= 0.9 * Double(remediated.count), "fixed \(fixed.count) of \(remediated.count)")
    for file in ["passwd", "group", "shadow", "gshadow"] {
      var status = stat()
      stat("\(root)/etc/\(file)", &status)
      #expect(status.st_uid == 0, "/etc/\(file)")
    }
    // The chrooted fixes keep no backups themselves: the files they name were saved beside the results first.
    let saved = folder.files().filter { $0.contains("remediation-backup-") }
    #expect(saved.contains { $0.hasSuffix("/etc/passwd") })
    #expect(saved.contains { $0.hasSuffix("file-status-before.txt") })
    let records = try saved.filter { $0.hasSuffix("file-status-before.txt") }.map {
      try String(contentsOfFile: folder.url.appendingPathComponent($0).path, encoding: .utf8)
    }
    #expect(records.contains { $0.contains("666 1000:1000 /etc/passwd") })
  }
}
