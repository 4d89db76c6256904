import Foundation
import SCAPContent
import XMLSupport

/// A small XCCDF 1.2 benchmark for selection, value and scoring tests.
enum BenchmarkFixture {
  static let text = """
    <Benchmark xmlns="http://checklists.nist.gov/xccdf/1.2" id="xccdf_t_benchmark_b" resolved="1">
      <status>draft</status>
      <title>Fixture</title>
      <version>1</version>
      <Profile id="xccdf_t_profile_strict">
        <title>Strict</title>
        <select idref="xccdf_t_rule_off" selected="true"/>
        <select idref="xccdf_t_group_hidden" selected="true"/>
        <set-value idref="xccdf_t_value_drivers">syslog</set-value>
      </Profile>
      <Profile id="xccdf_t_profile_picky">
        <title>Picky</title>
        <select idref="xccdf_t_rule_a" selected="false"/>
        <refine-value idref="xccdf_t_value_drivers" selector="cloud"/>
      </Profile>
      <Value id="xccdf_t_value_drivers" type="string">
        <value>syslog,splunk</value>
        <value selector="cloud">awslogs,gcplogs</value>
      </Value>
      <Group id="xccdf_t_group_main">
        <title>Main</title>
        <Rule id="xccdf_t_rule_a" severity="low" weight="10"><title>A</title></Rule>
        <Rule id="xccdf_t_rule_b" severity="high" weight="5"><title>B</title></Rule>
        <Rule id="xccdf_t_rule_off" selected="false"><title>Off</title></Rule>
      </Group>
      <Group id="xccdf_t_group_hidden" selected="false">
        <title>Hidden</title>
        <Rule id="xccdf_t_rule_hidden" weight="2"><title>Hidden</title></Rule>
      </Group>
    </Benchmark>
    """

  static func benchmark(models: [String] = []) throws -> Benchmark {
    let modelElements = models.map { "<model system=\"\($0)\"/>" }.joined()
    let withModels = text.replacingOccurrences(of: "<version>1</version>", with: "<version>1</version>" + modelElements)
    return try Benchmark(parsing: try XMLDocument(parsing: withModels, path: "fixture.xml").rootElement())
  }
}
