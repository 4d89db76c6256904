import Foundation
import TestSupport
import Testing

/// STIG Manager's own parser (NUWCDIVNPT/stig-manager-client-modules, ReviewParser) reads the status, details and
/// comments of every reviewed rule from a scan's CKL and CKLB, through Tests/Tools/stig-manager-reviews.mjs. The
/// modules are not part of the repository: PALISADE_STIG_MANAGER_MODULES names a copy of them.
@Suite(
  .enabled(
    if: Prerequisites.stigManagerModules != nil && Prerequisites.node != nil && Prerequisites.bash != nil,
    "needs node and PALISADE_STIG_MANAGER_MODULES naming a copy of NUWCDIVNPT/stig-manager-client-modules"))
struct STIGManagerParserTests {
  /// One review as STIG Manager's parser reads it.
  struct ParsedReview: Decodable {
    let ruleId: String
    let result: String
    /// nil where the checklist has none (STIG Manager keeps no empty comment).
    let detail: String?
    let comment: String?
  }

  struct ParsedChecklist: Decodable {
    let benchmarkId: String
    let revisionStr: String
    let reviews: [ParsedReview]
  }

  struct ParseResult: Decodable {
    let errors: [String]
    let checklists: [ParsedChecklist]
  }

  static func parse(_ checklist: String) throws -> ParseResult {
    let run = try CommandRun.run(
      try #require(Prerequisites.node),
      [
        ProjectPaths.testTool("stig-manager-reviews.mjs"), try #require(Prerequisites.stigManagerModules), checklist,
      ])
    #expect(run.status == 0, "\(run.standardError)")
    return try JSONDecoder().decode(ParseResult.self, from: Data(run.standardOutput.utf8))
  }

  @Test func stigManagerReadsTheReviewedStatusAndCommentsFromTheCKLAndCKLB() throws {
    let reviewed = try ReviewTests.ReviewedHost(logDriver: "syslog")
    defer { reviewed.remove() }
    // Answers of every kind first; the walk answers pass for the other manual rules.
    let answers = ["SV-235793": "fail", "SV-235796": "notapplicable", "SV-235788": "pass"]
    for (rule, status) in answers { try reviewed.set(rule, status) }
    let walk = try reviewed.answerEveryManualRule(reviewer: "gina")
    #expect(walk.status == 0, "\(walk.standardError)")
    let (_, arf, results) = try reviewed.scan(formats: "ckl,cklb")
    let folder = URL(fileURLWithPath: arf).deletingLastPathComponent()
    let manual = try DockerSTIGContentTests.contentRules().filter {
      $0.checkSystems == [DockerSTIGContentTests.manualCheckSystem]
    }
    #expect(manual.count == 33)
    for file in ["checklist.ckl", "checklist.cklb"] {
      let parsed = try Self.parse(folder.appendingPathComponent(file).path)
      #expect(parsed.errors.isEmpty, "\(file): \(parsed.errors)")
      let checklist = try #require(parsed.checklists.first, "\(file) has a checklist")
      #expect(checklist.benchmarkId == "Docker_Enterprise_2-x_Linux-UNIX_STIG")
      let byRule = Dictionary(checklist.reviews.map { ($0.ruleId, $0) }) { first, _ in first }
      for rule in manual {
        let review = try #require(byRule[rule.shortID], "\(file): \(rule.shortID)")
        let number = String(rule.shortID.prefix { $0 != "r" })
        let expected = answers[number] ?? "pass"
        #expect(review.result == expected, "\(file): \(rule.shortID)")
        #expect(results.byRule[rule.shortID] == expected, "ARF: \(rule.shortID)")
        if answers[number] != nil {
          #expect(
            (review.comment ?? "").contains("comment on \(number)"), "\(file): \(rule.shortID): \(review.comment ?? "")"
          )
          #expect(
            (review.detail ?? "").contains("details of \(number)"), "\(file): \(rule.shortID): \(review.detail ?? "")")
        } else {
          #expect(
            (review.comment ?? "").contains("gina reviewed this as pass"),
            "\(file): \(rule.shortID): \(review.comment ?? "")")
          #expect((review.detail ?? "").contains("seen by hand"), "\(file): \(rule.shortID)")
        }
      }
      // Every rule the scan decided reads back with the ARF's result.
      for (rule, result) in results.byRule where ["pass", "fail", "notapplicable"].contains(result) {
        #expect(byRule[rule]?.result == result, "\(file): \(rule)")
      }
    }
  }
}
