import SCAPContent
import Testing

/// An XCCDF tailoring document: the benchmark it names and profiles read as a benchmark's are.
@Suite struct TailoringTests {
  @Test func profilesAndTheBenchmarkReferenceAreRead() throws {
    let tailoring = try Tailoring(
      parsing: try rootElement(
        """
        <Tailoring xmlns="http://checklists.nist.gov/xccdf/1.2" id="xccdf_t_tailoring_t">
          <benchmark href="ssg-debian12-ds.xml"/>
          <version time="2026-01-01T00:00:00">1</version>
          <Profile id="xccdf_t_profile_mine" extends="xccdf_t_profile_standard">
            <title>Mine</title>
            <select idref="xccdf_t_rule_a" selected="false"/>
            <set-value idref="xccdf_t_value_v">42</set-value>
            <refine-rule idref="xccdf_t_rule_b" severity="high"/>
          </Profile>
        </Tailoring>
        """))
    #expect(tailoring.id == "xccdf_t_tailoring_t")
    #expect(tailoring.benchmarkHref == "ssg-debian12-ds.xml")
    let profile = try #require(tailoring.profiles.first)
    #expect(profile.id == "xccdf_t_profile_mine" && profile.extends == "xccdf_t_profile_standard")
    #expect(profile.selections.map(\.idref) == ["xccdf_t_rule_a"] && profile.selections.map(\.selected) == [false])
    #expect(profile.setValues == ["xccdf_t_value_v": "42"])
    #expect(profile.refineRules["xccdf_t_rule_b"]?.severity == "high")
  }

  @Test func aTailoringWithoutABenchmarkReferenceLoads() throws {
    let tailoring = try Tailoring(
      parsing: try rootElement(#"<Tailoring xmlns="http://checklists.nist.gov/xccdf/1.1" id="t"/>"#))
    #expect(tailoring.benchmarkHref == nil && tailoring.profiles.isEmpty)
  }

  @Test func aMalformedProfileIsAnErrorNamingThePlace() throws {
    let error = errorText {
      _ = try Tailoring(
        parsing: try rootElement(
          """
          <Tailoring xmlns="http://checklists.nist.gov/xccdf/1.2" id="t">
            <Profile><title>no id</title></Profile>
          </Tailoring>
          """, path: "tailoring.xml"))
    }
    #expect(error.hasPrefix("tailoring.xml:2:") && error.contains("'Profile' has no 'id' attribute"), "\(error)")
  }

  @Test func anotherDocumentIsNotATailoring() throws {
    let error = errorText {
      _ = try Tailoring(parsing: try rootElement(#"<Benchmark xmlns="http://checklists.nist.gov/xccdf/1.2"/>"#))
    }
    #expect(error.contains("expected an XCCDF 'Tailoring' element, found 'Benchmark'"), "\(error)")
  }
}
