import Foundation
import TestSupport
import XMLSupport

/// One `palisade scan` run and what it wrote.
struct ScanRun {
  static let ruleID = "xccdf_mil.disa.stig_rule_SV-235787r960912_rule"

  let command: CommandResult
  /// The ARF the run wrote, when it wrote one.
  let arfPath: String?

  /// Runs `palisade scan --root ROOT --output-dir OUTPUT` with the bundled content.
  static func scan(root: String, output: String, extra: [String] = []) throws -> ScanRun {
    let result = try CommandRun.run(
      ProjectPaths.palisade,
      ["scan", "--content", ProjectPaths.bundledContent, "--root", root, "--output-dir", output] + extra)
    return ScanRun(command: result, arfPath: latestARF(in: output))
  }

  /// OUTPUT/HOST/latest/arf.xml, when there is one.
  static func latestARF(in output: String) -> String? {
    let hosts = (try? FileManager.default.contentsOfDirectory(atPath: output)) ?? []
    for host in hosts {
      let path = "\(output)/\(host)/latest/arf.xml"
      if FileManager.default.fileExists(atPath: path) { return path }
    }
    return nil
  }

  /// The result and messages of a rule in the ARF's TestResult.
  static func ruleResult(_ ruleID: String = ruleID, inARF path: String) throws -> (result: String, messages: [String])?
  {
    let document = try XMLDocument(contentsOf: path)
    let ruleResults = try document.elements(
      matching: "//x:TestResult/x:rule-result[@idref='\(ruleID)']",
      namespaces: ["x": "http://checklists.nist.gov/xccdf/1.2"])
    guard let ruleResult = ruleResults.first else { return nil }
    return (
      ruleResult.firstElement(named: "result")?.trimmedText ?? "",
      ruleResult.elements(named: "message").map(\.trimmedText)
    )
  }
}
