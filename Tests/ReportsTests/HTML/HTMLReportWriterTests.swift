import Foundation
import Reports
import TestSupport
import Testing
import XMLSupport

@Suite struct HTMLReportWriterTests {
  static func report(_ arf: String = Fixtures.jsonFileARF) throws -> String {
    try Fixtures.rendered(.html, try Fixtures.document(arf))
  }

  /// The text of the element in `html` that starts at the first `<tag ... class="name"`, up to its closing tag.
  static func section(_ html: String, startingAt marker: String, closing: String) -> String? {
    guard let start = html.range(of: marker) else { return nil }
    guard let end = html.range(of: closing, range: start.upperBound..<html.endIndex) else { return nil }
    return String(html[start.lowerBound..<end.upperBound])
  }

  @Test func showsTheFileReadTheValueFoundAndTheValuesAllowed() throws {
    let html = try Self.report()
    let article = try #require(Self.section(html, startingAt: "id=\"SV-235787r960912_rule\"", closing: "</article>"))
    let read = try #require(Self.section(article, startingAt: "<dd class=\"read\">", closing: "</dd>"))
    #expect(read.contains("<code>/etc/docker/daemon.json</code>"))
    let found = try #require(Self.section(article, startingAt: "<dd class=\"found\">", closing: "</dd>"))
    #expect(found.contains("<code>json-file</code>"))
    let expected = try #require(Self.section(article, startingAt: "<dd class=\"expected\">", closing: "</dd>"))
    for driver in ["syslog", "awslogs", "splunk", "gcplogs", "logentries"] {
      #expect(expected.contains("<li><code>\(driver)</code></li>"))
    }
    #expect(expected.contains("xccdf_dev.palisade_value_docker_allowed_log_drivers"))
    #expect(article.contains("<details open>"), "a failed rule opens on its evidence")
    #expect(article.contains("<h3>Fix</h3>"))
    #expect(article.contains("<h3>Description</h3>"))
  }

  @Test(
    .enabled(if: Prerequisites.python3 != nil, "needs python3 (its HTML parser)"),
    arguments: [Fixtures.jsonFileARF, Fixtures.missingFileARF])
  func closesEveryElementItOpens(arf: String) throws {
    let python = try #require(Prerequisites.python3)
    let path = try Fixtures.temporaryFile(try Self.report(arf), suffix: ".html")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let result = try CommandRun.run(python, [ProjectPaths.testTool("check-html-nesting.py"), path])
    #expect(result.status == 0, "\(result.output)")
  }

  @Test func isOneFileThatFetchesNothing() throws {
    let html = try Self.report()
    #expect(!html.contains("src=\"http"))
    #expect(!html.contains("href=\"http"))
    #expect(!html.contains("<link"))
    #expect(!html.contains("@import"))
    #expect(html.contains("<style>"))
    #expect(html.contains("<script>"))
  }

  @Test func summarisesAndOffersFiltersAndReadsOnPhonesAndPaper() throws {
    let html = try Self.report()
    #expect(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
    #expect(html.contains("<li class=\"fail\">1 fail</li>"))
    #expect(html.contains("data-kind=\"result\" value=\"fail\""))
    #expect(html.contains("data-kind=\"severity\" value=\"low\""))
    #expect(html.contains("@media print"))
    #expect(html.contains("@media (max-width: 600px)"))
    #expect(html.contains("beforeprint"))
  }

  @Test func escapesWhatTheHostWrote() throws {
    let document = try Fixtures.document()
    let original = try #require(document.findings.first)
    let finding = Finding(
      rule: original.rule, result: .error, time: original.time,
      messages: [FindingMessage(severity: "error", text: "<script>alert(1)</script> & \"quoted\"")],
      definition: nil, evidence: [], boundValues: [])
    let html = try Fixtures.rendered(
      .html,
      ResultDocument(
        sourcePath: document.sourcePath, benchmark: document.benchmark, testResult: document.testResult,
        findings: [finding]))
    #expect(!html.contains("<script>alert"))
    #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot;"))
  }

  @Test func saysWhereAMissingFileWasLookedFor() throws {
    let html = try Self.report(Fixtures.missingFileARF)
    let article = try #require(Self.section(html, startingAt: "id=\"SV-235787r960912_rule\"", closing: "</article>"))
    #expect(article.contains("<code>/etc/docker/daemon.json</code>"))
    #expect(article.contains("nothing (collection: does not exist)"))
  }
}
