public import Engine
import Foundation
public import OVAL
public import SCAPContent

/// A small benchmark written into a temporary folder: two rules, each checked by an OVAL definition over the
/// `family` object, and a collector that answers `unix`. The rule expecting unix passes, the one expecting windows
/// fails, so a scan of it has findings.
public struct FamilyContent {
  public let folder: String
  public var benchmarkPath: String { folder + "/benchmark.xml" }
  public var definitionsPath: String { folder + "/checks.xml" }

  public static let passingDefinition = "oval:dev.palisade:def:1"
  public static let failingDefinition = "oval:dev.palisade:def:2"

  /// Writes the documents into a new temporary folder.
  public init() throws {
    folder =
      FileManager.default.temporaryDirectory.appendingPathComponent("palisade-family-\(UUID().uuidString)")
      .path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try Self.benchmark.write(toFile: folder + "/benchmark.xml", atomically: true, encoding: .utf8)
    try Self.definitions.write(toFile: folder + "/checks.xml", atomically: true, encoding: .utf8)
  }

  public func remove() {
    try? FileManager.default.removeItem(atPath: folder)
  }

  /// Answers every family object with `unix`.
  public struct Collector: ObjectCollector {
    public init() {}

    public func collect(_ request: ObjectRequest) async -> CollectedObject {
      .found([Item(type: "family_item", family: "independent", entities: [ItemEntity("family", "unix")])])
    }
  }

  public static let target = TargetIdentity(
    hostname: "test-host", fullyQualifiedName: "test-host.example", ipAddresses: ["192.0.2.1"],
    macAddresses: ["02:00:00:00:00:01"], interfaces: [], userName: "root", isPrivileged: true,
    operatingSystem: "Linux", operatingSystemRelease: "6.1", operatingSystemVersion: "#1", architecture: "x86_64")

  /// The scan request for the benchmark, with this content's collector and target.
  public func request(for document: SCAPDocument, target: TargetIdentity = Self.target) -> ScanRequest {
    ScanRequest(document: document, collector: Collector(), target: target)
  }

  /// The benchmark scanned.
  public func scan() async throws -> ScanOutcome {
    try await Scanner().scan(request(for: try SCAPDocument(contentsOf: benchmarkPath)))
  }

  private static let benchmark = """
    <Benchmark xmlns="http://checklists.nist.gov/xccdf/1.2" id="xccdf_dev.palisade_benchmark_family" resolved="1">
      <status>draft</status>
      <title>Family</title>
      <version>1</version>
      <Rule id="xccdf_dev.palisade_rule_unix" selected="true" severity="low">
        <title>The family is unix</title>
        <check system="http://oval.mitre.org/XMLSchema/oval-definitions-5">
          <check-content-ref href="checks.xml" name="\(passingDefinition)"/>
        </check>
      </Rule>
      <Rule id="xccdf_dev.palisade_rule_windows" selected="true" severity="high">
        <title>The family is windows</title>
        <check system="http://oval.mitre.org/XMLSchema/oval-definitions-5">
          <check-content-ref href="checks.xml" name="\(failingDefinition)"/>
        </check>
      </Rule>
    </Benchmark>
    """

  private static let definitions = """
    <oval_definitions xmlns="http://oval.mitre.org/XMLSchema/oval-definitions-5"
        xmlns:oval="http://oval.mitre.org/XMLSchema/oval-common-5"
        xmlns:ind="http://oval.mitre.org/XMLSchema/oval-definitions-5#independent">
      <generator>
        <oval:schema_version>5.11.2</oval:schema_version>
        <oval:timestamp>2026-01-01T00:00:00</oval:timestamp>
      </generator>
      <definitions>
        <definition id="\(passingDefinition)" version="1" class="compliance">
          <metadata><title>unix</title><description>The family is unix.</description></metadata>
          <criteria><criterion test_ref="oval:dev.palisade:tst:1"/></criteria>
        </definition>
        <definition id="\(failingDefinition)" version="1" class="compliance">
          <metadata><title>windows</title><description>The family is windows.</description></metadata>
          <criteria><criterion test_ref="oval:dev.palisade:tst:2"/></criteria>
        </definition>
      </definitions>
      <tests>
        <ind:family_test id="oval:dev.palisade:tst:1" version="1" check="all" comment="unix">
          <ind:object object_ref="oval:dev.palisade:obj:1"/>
          <ind:state state_ref="oval:dev.palisade:ste:1"/>
        </ind:family_test>
        <ind:family_test id="oval:dev.palisade:tst:2" version="1" check="all" comment="windows">
          <ind:object object_ref="oval:dev.palisade:obj:1"/>
          <ind:state state_ref="oval:dev.palisade:ste:2"/>
        </ind:family_test>
      </tests>
      <objects>
        <ind:family_object id="oval:dev.palisade:obj:1" version="1"/>
      </objects>
      <states>
        <ind:family_state id="oval:dev.palisade:ste:1" version="1"><ind:family>unix</ind:family></ind:family_state>
        <ind:family_state id="oval:dev.palisade:ste:2" version="1"><ind:family>windows</ind:family></ind:family_state>
      </states>
    </oval_definitions>
    """
}
