import Foundation
import Reports
import TestSupport
import Testing

@Suite struct HDFWriterTests {
  static var schema: String { ProjectPaths.reference("formats/hdf/exec-json.schema.json") }
  static let canValidate = Prerequisites.hasShared && Prerequisites.pythonWithJSONSchema != nil

  @Test(
    .enabled(if: canValidate, "needs ../shared/reference/formats/hdf and python3-jsonschema"),
    arguments: [Fixtures.jsonFileARF, Fixtures.missingFileARF])
  func validatesAgainstTheHDFSchema(arf: String) throws {
    let python = try #require(Prerequisites.pythonWithJSONSchema)
    let schema = Self.schema
    let path = try Fixtures.temporaryFile(try Fixtures.rendered(.hdf, try Fixtures.document(arf)), suffix: ".json")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let result = try CommandRun.run(python, [ProjectPaths.testTool("validate-json-schema.py"), schema, path])
    #expect(result.status == 0, "\(result.output)")
  }

  @Test(.enabled(if: canValidate, "needs ../shared/reference (DISA, HDF schema) and python3-jsonschema"))
  func validatesWithDISAsManualBenchmarkMergedIn() throws {
    let python = try #require(Prerequisites.pythonWithJSONSchema)
    let schema = Self.schema
    let stigPath = Fixtures.disaDockerSTIG
    let document = try Fixtures.document().mergingSTIG(try ResultDocumentReader().readSTIG(contentsOf: stigPath))
    let path = try Fixtures.temporaryFile(try Fixtures.rendered(.hdf, document), suffix: ".json")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let result = try CommandRun.run(python, [ProjectPaths.testTool("validate-json-schema.py"), schema, path])
    #expect(result.status == 0, "\(result.output)")
  }

  @Test func tagsControlsTheWayHeimdallReadsThem() throws {
    let data = try HDFWriter(document: try Fixtures.document()).data()
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let platform = try #require(object["platform"] as? [String: Any])
    #expect(platform["name"] as? String == "Linux")
    #expect(platform["target_id"] as? String == "web01")
    let profile = try #require((object["profiles"] as? [[String: Any]])?.first)
    #expect(profile["name"] as? String == "Docker_Enterprise_2-x_Linux-UNIX_STIG")
    #expect((profile["sha256"] as? String)?.count == 64)
    let control = try #require((profile["controls"] as? [[String: Any]])?.first)
    #expect(control["id"] as? String == "V-235787")
    #expect(control["impact"] as? Double == 0.3)
    let tags = try #require(control["tags"] as? [String: Any])
    #expect(tags["gid"] as? String == "V-235787")
    #expect(tags["rid"] as? String == "SV-235787r960912_rule")
    #expect(tags["stig_id"] as? String == "DKER-EE-001590")
    #expect(tags["cci"] as? [String] == ["CCI-000139"])
    #expect(tags["nist"] as? [String] == ["AU-5 a"])
    #expect(tags["severity"] as? String == "low")
    let result = try #require((control["results"] as? [[String: Any]])?.first)
    #expect(result["status"] as? String == "failed")
    #expect((result["code_desc"] as? String)?.contains("/etc/docker/daemon.json") == true)
    let statistics = try #require((object["statistics"] as? [String: Any])?["controls"] as? [String: Any])
    #expect((statistics["failed"] as? [String: Any])?["total"] as? Int == 1)
  }
}
