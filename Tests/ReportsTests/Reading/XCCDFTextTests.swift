import Testing
import XMLSupport

@testable import Reports

@Suite struct XCCDFTextTests {
  @Test func rejoinsParagraphsTheXMLLayoutWrapped() throws {
    let element = try XMLDocument(
      parsing: "<d>First line\n            goes on.\n\n            Second\n              indented more\n          </d>"
    ).rootElement()
    #expect(XCCDFText.plainText(of: element) == "First line goes on.\n\nSecond\n  indented more")
  }

  @Test func keepsTheLineBreaksOfUnindentedText() throws {
    let element = try XMLDocument(parsing: "<d>Check:\n\n$ cat /etc/docker/daemon.json\nIf absent, a finding.</d>")
      .rootElement()
    #expect(XCCDFText.plainText(of: element) == "Check:\n\n$ cat /etc/docker/daemon.json\nIf absent, a finding.")
  }

  @Test func laysOutXHTMLParagraphsListsAndSubstitutions() throws {
    let element = try XMLDocument(
      parsing: """
        <d xmlns:h="http://www.w3.org/1999/xhtml" xmlns:x="http://checklists.nist.gov/xccdf/1.2">Set
          <h:code>umask</h:code> to <x:sub idref="xccdf_org.ssg_value_umask"/>.<h:br/>Then:
          <h:ul><h:li>one</h:li><h:li>two</h:li></h:ul><h:pre>  keep   this</h:pre></d>
        """
    ).rootElement()
    let text = XCCDFText.plainText(of: element, substitutions: ["xccdf_org.ssg_value_umask": "027"])
    #expect(text == "Set umask to 027.\nThen:\n\n- one\n- two\n\n  keep   this")
  }

  @Test func splitsDISAsDescriptionMarkup() {
    let discussion = RuleDiscussion(
      description: "<VulnDiscussion>Why it matters.</VulnDiscussion><FalsePositives></FalsePositives>"
        + "<Documentable>false</Documentable><IAControls>ECAR-1</IAControls>")
    #expect(discussion.vulnerabilityDiscussion == "Why it matters.")
    #expect(discussion.documentable == "false")
    #expect(discussion.iaControls == "ECAR-1")
    #expect(RuleDiscussion(description: "Plain text.").vulnerabilityDiscussion == "Plain text.")
  }

  @Test(arguments: [
    ("xccdf_mil.disa.stig_rule_SV-235787r960912_rule", "SV-235787r960912_rule"),
    ("xccdf_org.ssgproject.content_rule_file_permissions_etc_passwd", "file_permissions_etc_passwd"),
    ("xccdf_mil.disa.stig_benchmark_Docker_Enterprise_2-x_Linux-UNIX_STIG", "Docker_Enterprise_2-x_Linux-UNIX_STIG"),
    ("SV-235787r960912_rule", "SV-235787r960912_rule"),
  ])
  func shortensXCCDFIdentifiers(identifier: String, short: String) {
    #expect(XCCDFIdentifier.shortForm(of: identifier) == short)
  }

  @Test func givesDISAIdentifiersDISAsOwner() {
    #expect(
      XCCDFIdentifier.xccdf12Form(of: "SV-235787r960912_rule", type: "rule")
        == "xccdf_mil.disa.stig_rule_SV-235787r960912_rule")
    #expect(XCCDFIdentifier.xccdf12Form(of: "V-235787", type: "group") == "xccdf_mil.disa.stig_group_V-235787")
    #expect(
      XCCDFIdentifier.xccdf12Form(of: "xccdf_org.ssgproject.content_rule_x", type: "rule")
        == "xccdf_org.ssgproject.content_rule_x")
    #expect(XCCDFIdentifier.isDISARuleID("xccdf_mil.disa.stig_rule_SV-235787r960912_rule"))
    #expect(!XCCDFIdentifier.isDISARuleID("xccdf_org.ssgproject.content_rule_x"))
  }
}
