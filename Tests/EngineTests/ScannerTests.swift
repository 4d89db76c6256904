import Engine
import Foundation
import OVAL
import SCAPContent
import TestSupport
import Testing
import XMLSupport

/// The scanner on the one-rule data stream that was the first bundled content (SV-235787 from daemon.json, no
/// platform; the end-to-end tests' fixture), with items given by a fixed collector instead of a host.
@Suite struct ScannerTests {
  static let contentPath = ProjectPaths.fixture("PalisadeEndToEndTests", "docker-log-driver-ds.xml")
  static let ruleID = "xccdf_mil.disa.stig_rule_SV-235787r960912_rule"

  struct FixedCollector: ObjectCollector {
    let driver: String?
    func collect(_ request: ObjectRequest) async -> CollectedObject {
      switch request.object.name.localName {
      case "family_object":
        return .found([Item(type: "family_item", family: "independent", entities: [ItemEntity("family", "unix")])])
      default:
        guard let driver else { return .found([]) }
        return .found([
          Item(
            type: "yamlfilecontent_item", family: "independent",
            entities: [ItemEntity("value", "", datatype: .record, fields: [ItemEntity("#", driver)])])
        ])
      }
    }
  }

  static let target = TargetIdentity(
    hostname: "test-host", fullyQualifiedName: "test-host.example", ipAddresses: ["192.0.2.1"],
    macAddresses: ["02:00:00:00:00:01"], interfaces: [], userName: "root", isPrivileged: true,
    operatingSystem: "Linux", operatingSystemRelease: "6.1", operatingSystemVersion: "#1", architecture: "x86_64")

  func scan(driver: String?, profile: String? = nil) async throws -> ScanOutcome {
    let request = ScanRequest(
      document: try SCAPDocument(contentsOf: Self.contentPath), profileID: profile,
      collector: FixedCollector(driver: driver), target: Self.target)
    return try await Scanner().scan(request)
  }

  @Test(arguments: [("syslog" as String?, RuleResultValue.pass), ("json-file", .fail), (nil, .fail)])
  func theValueBindsTheAllowedDrivers(driver: String?, expected: RuleResultValue) async throws {
    let outcome = try await scan(driver: driver)
    #expect(outcome.ruleResults.first { $0.rule.id == Self.ruleID }?.result == expected)
    #expect(outcome.values.values["xccdf_dev.palisade_value_docker_allowed_log_drivers"]?.contains("syslog") == true)
  }

  @Test func aProfileIsFoundByItsShortName() async throws {
    let outcome = try await scan(driver: "splunk", profile: "MAC-2_Sensitive")
    #expect(outcome.profile?.id == "xccdf_mil.disa.stig_profile_MAC-2_Sensitive")
    #expect(outcome.score.score == 100)
  }

  @Test func anUnknownProfileIsAScanError() async throws {
    await #expect(throws: ScanError.self) { try await scan(driver: "syslog", profile: "MAC-9") }
  }

  /// SSG's RHEL data streams list Red Hat's patch feed among their checks by its https URL. The data stream loads,
  /// and a rule whose only check is in that feed is notchecked (it is not fetched), as with OpenSCAP.
  @Test func aComponentRefToARemoteResourceLoadsAndItsChecksAreNotChecked() async throws {
    let feedRule = "xccdf_mil.disa.stig_rule_patches"
    let text = try String(contentsOfFile: Self.contentPath, encoding: .utf8)
      .replacingOccurrences(
        of: "</cat:catalog>",
        with: "<cat:uri name=\"feed.xml.bz2\" uri=\"#scap_dev.palisade_cref_feed\"/></cat:catalog>"
      )
      .replacingOccurrences(
        of: "</ds:checks>",
        with: "<ds:component-ref id=\"scap_dev.palisade_cref_feed\" xlink:href=\"https://example.org/feed.xml.bz2\"/>"
          + "</ds:checks>"
      )
      .replacingOccurrences(
        of: "</Group>",
        with: """
          <Rule id="\(feedRule)" selected="true"><title>Patches</title>
            <check system="http://oval.mitre.org/XMLSchema/oval-definitions-5" multi-check="true">
              <check-content-ref href="feed.xml.bz2"/>
            </check>
          </Rule></Group>
          """)
    let document = try SCAPDocument(
      parsing: try XMLDocument(parsing: text, path: "remote-ds.xml").rootElement(),
      path: "remote-ds.xml")
    guard case .dataStreamCollection(let collection) = document else {
      Issue.record("not a data stream collection")
      return
    }
    #expect(
      collection.componentRefs["scap_dev.palisade_cref_feed"]?.remoteResource == "https://example.org/feed.xml.bz2")
    let request = ScanRequest(
      document: document, profileID: nil, collector: FixedCollector(driver: "syslog"), target: Self.target)
    let outcome = try await Scanner().scan(request)
    #expect(outcome.ruleResults.first { $0.rule.id == feedRule }?.result == .notchecked)
    #expect(outcome.ruleResults.first { $0.rule.id == Self.ruleID }?.result == .pass)
  }

  @Test func oneOVALDocumentIsEvaluatedAndRecorded() async throws {
    let outcome = try await scan(driver: "syslog")
    #expect(outcome.ovalRuns.map(\.href) == ["docker-stig-oval.xml"])
    #expect(outcome.ovalRuns.first?.record.definitions.map(\.result) == [.true, .true])
  }
}
