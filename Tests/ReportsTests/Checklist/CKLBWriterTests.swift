import Foundation
import Reports
import TestSupport
import Testing

@Suite struct CKLBWriterTests {
  /// The STIG Viewer 3 checklists of the reference folder: saved by STIG Viewer 3 (from Heimdall's CKL), exported
  /// by STIG Manager, and written by Evaluate-STIG (whose own `evaluate-stig` extension keys are left out).
  static let samples = [
    "formats/cklb/heimdall2-cklb-branch_rhel8_oneOfEachStatus.cklb",
    "formats/cklb/stig-manager-export_vpn_truncated.cklb", "formats/cklb/all-possible-results.cklb",
    "formats/cklb/evaluate-stig_chrome_trimmed.cklb",
  ]
  static let toolExtensions: Set<String> = ["evaluate-stig"]

  /// Key path (`stigs[].rules[].status`) to the JSON types seen there (`string`, `null`, ...).
  static func shape(of value: Any, at path: String = "", into shape: inout [String: Set<String>]) {
    switch value {
    case let object as [String: Any]:
      for (key, child) in object where !toolExtensions.contains(key) {
        let childPath = path.isEmpty ? key : "\(path).\(key)"
        shape[childPath, default: []].insert(typeName(of: child))
        Self.shape(of: child, at: childPath, into: &shape)
      }
    case let array as [Any]:
      for element in array { Self.shape(of: element, at: path + "[]", into: &shape) }
    default:
      break
    }
  }

  static func typeName(of value: Any) -> String {
    switch value {
    case is NSNull: "null"
    // Foundation reads JSON booleans as NSNumbers of Objective-C type "c".
    case let number as NSNumber: String(cString: number.objCType) == "c" ? "boolean" : "number"
    case is String: "string"
    case is [Any]: "array"
    case is [String: Any]: "object"
    default: "unknown"
    }
  }

  @Test(.enabled(if: Prerequisites.hasShared, "needs ../shared/reference/formats/cklb"))
  func hasTheKeysAndValueTypesOfSTIGViewer3Checklists() throws {
    var sampleShape: [String: Set<String>] = [:]
    for sample in Self.samples {
      let path = ProjectPaths.reference(sample)
      Self.shape(
        of: try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))), into: &sampleShape)
    }
    var ourShape: [String: Set<String>] = [:]
    let data = try CKLBWriter(document: try Fixtures.document()).data()
    Self.shape(of: try JSONSerialization.jsonObject(with: data), into: &ourShape)
    // The samples' group trees and CCI lists are arrays of objects and strings; ours too.
    #expect(
      Set(ourShape.keys) == Set(sampleShape.keys),
      "keys differ: \(Set(ourShape.keys).symmetricDifference(sampleShape.keys).sorted())")
    for (path, types) in ourShape {
      #expect(
        types.isSubset(of: sampleShape[path] ?? []),
        "\(path): ours \(types.sorted()), samples \((sampleShape[path] ?? []).sorted())")
      #expect(!types.contains("null"), "\(path) is null")
    }
  }

  @Test func keepsItsUUIDsFromOneConversionToTheNext() throws {
    let first = try CKLBWriter(document: try Fixtures.document()).data()
    let second = try CKLBWriter(document: try Fixtures.document()).data()
    #expect(first == second)
    let object = try #require(try JSONSerialization.jsonObject(with: first) as? [String: Any])
    let id = try #require(object["id"] as? String)
    #expect(UUID(uuidString: id) != nil)
    let other = try CKLBWriter(document: try Fixtures.document(Fixtures.missingFileARF)).data()
    let otherObject = try #require(try JSONSerialization.jsonObject(with: other) as? [String: Any])
    #expect(otherObject["id"] as? String == id, "the same host and STIG keep one checklist id")
  }

  @Test func carriesTheRuleStatusAndEvidence() throws {
    let data = try CKLBWriter(document: try Fixtures.document()).data()
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let stig = try #require((object["stigs"] as? [[String: Any]])?.first)
    #expect(stig["stig_id"] as? String == "Docker_Enterprise_2-x_Linux-UNIX_STIG")
    #expect(stig["release_info"] as? String == "Release: 2 Benchmark Date: 24 Jul 2024")
    let rule = try #require((stig["rules"] as? [[String: Any]])?.first)
    #expect(rule["rule_id_src"] as? String == "SV-235787r960912_rule")
    #expect(rule["rule_id"] as? String == "SV-235787r960912")
    #expect(rule["group_id"] as? String == "V-235787")
    #expect(rule["status"] as? String == "open")
    #expect(rule["ccis"] as? [String] == ["CCI-000139"])
    #expect((rule["finding_details"] as? String)?.contains("Read: /etc/docker/daemon.json") == true)
    #expect(rule["stig_uuid"] as? String == stig["uuid"] as? String)
    let target = try #require(object["target_data"] as? [String: Any])
    #expect(target["host_name"] as? String == "web01")
  }
}
