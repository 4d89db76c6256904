import SCAPContent
import Testing

/// CPE dictionaries (names with their checks, CPE 2.3 names as aliases) and CPE applicability language platforms
/// (logical tests over fact-refs and check-fact-refs, nested and negated).
@Suite struct CPETests {
  @Test func dictionaryEntriesAreFoundByTheirNameAndTheirCPE23Name() throws {
    let dictionary = try CPEDictionary(
      parsing: try rootElement(
        """
        <cpe-list xmlns="http://cpe.mitre.org/dictionary/2.0"
            xmlns:cpe23="http://scap.nist.gov/schema/cpe-extension/2.3">
          <cpe-item name="cpe:/o:debian:debian_linux:12">
            <title>Debian 12</title>
            <check system="http://oval.mitre.org/XMLSchema/oval-definitions-5" href="cpe-oval.xml">oval:t:def:1</check>
            <cpe23:cpe23-item name="cpe:2.3:o:debian:debian_linux:12:*:*:*:*:*:*:*"/>
          </cpe-item>
          <cpe-item name="cpe:/a:docker:engine"><title>Docker</title></cpe-item>
        </cpe-list>
        """))
    let debian = try #require(dictionary.entries["cpe:/o:debian:debian_linux:12"])
    #expect(debian.title == "Debian 12")
    #expect(debian.checks.map(\.href) == ["cpe-oval.xml"] && debian.checks.map(\.idRef) == ["oval:t:def:1"])
    #expect(
      dictionary.entries["cpe:2.3:o:debian:debian_linux:12:*:*:*:*:*:*:*"]?.name == "cpe:/o:debian:debian_linux:12")
    #expect(dictionary.entries["cpe:/a:docker:engine"]?.checks.isEmpty == true)
    #expect(dictionary.entries.count == 3)
  }

  @Test func anItemWithoutANameIsAnErrorNamingThePlace() throws {
    let error = errorText {
      _ = try CPEDictionary(
        parsing: try rootElement(
          "<cpe-list xmlns='http://cpe.mitre.org/dictionary/2.0'>\n<cpe-item/></cpe-list>", path: "cpe.xml"))
    }
    #expect(error.hasPrefix("cpe.xml:2:") && error.contains("'cpe-item' has no 'name' attribute"), "\(error)")
  }

  @Test func aPlatformsLogicalTestKeepsOperatorsNegationAndNesting() throws {
    let platform = try CPEPlatform(
      parsing: try rootElement(
        """
        <platform xmlns="http://cpe.mitre.org/language/2.0" id="docker_on_debian">
          <title>Docker on Debian</title>
          <logical-test operator="AND" negate="false">
            <fact-ref name="cpe:/a:docker:engine"/>
            <logical-test operator="or" negate="true">
              <check-fact-ref system="http://oval.mitre.org/XMLSchema/oval-definitions-5" href="cpe-oval.xml"
                  id-ref="oval:t:def:2"/>
            </logical-test>
          </logical-test>
        </platform>
        """))
    #expect(platform.id == "docker_on_debian" && platform.title == "Docker on Debian")
    #expect(platform.test.testOperator == .and && !platform.test.negate && platform.test.terms.count == 2)
    guard case .factRef(let name) = platform.test.terms[0], case .test(let nested) = platform.test.terms[1] else {
      Issue.record("terms read as \(platform.test.terms)")
      return
    }
    #expect(name == "cpe:/a:docker:engine")
    #expect(nested.testOperator == .or && nested.negate)
    guard case .checkFactRef(_, let href, let idRef) = nested.terms.first else {
      Issue.record("nested terms read as \(nested.terms)")
      return
    }
    #expect(href == "cpe-oval.xml" && idRef == "oval:t:def:2")
  }

  @Test(
    "a malformed platform is an error naming the place",
    arguments: [
      (#"<platform id="p"><title>t</title></platform>"#, "platform 'p' has no logical-test"),
      (#"<platform id="p"><logical-test operator="XOR"/></platform>"#, "unknown logical-test operator 'XOR'"),
      (#"<platform id="p"><logical-test><fact-ref/></logical-test></platform>"#, "'fact-ref' has no 'name' attribute"),
      (
        #"<platform id="p"><logical-test><check-fact-ref href="x"/></logical-test></platform>"#,
        "'check-fact-ref' needs system, href and id-ref"
      ),
      (#"<platform><logical-test/></platform>"#, "'platform' has no 'id' attribute"),
    ])
  func malformedPlatform(text: String, message: String) throws {
    let error = errorText { _ = try CPEPlatform(parsing: try rootElement(text, path: "platform.xml")) }
    #expect(error.hasPrefix("platform.xml:1:") && error.contains(message), "\(error)")
  }
}
