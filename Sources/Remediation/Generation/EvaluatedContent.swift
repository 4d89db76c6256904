public import Foundation
public import SCAPContent
public import XMLSupport

/// A scan's result read back for remediation: the TestResult and the content it was evaluated with. Reads an ARF
/// report collection (the content is in its report request), an XCCDF results document (a Benchmark holding its
/// TestResults), or a run folder of `palisade scan` (its `arf.xml`).
public struct EvaluatedContent: Sendable {
  public let document: SCAPDocument
  public let result: EvaluatedTestResult

  /// Whether `path` is a result rather than content: a folder, an ARF collection, or a benchmark with a TestResult.
  public static func isResult(_ path: String) -> Bool {
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue { return true }
    guard let root = try? XMLDocument(contentsOf: path).rootElement() else { return false }
    return root.localName == "asset-report-collection"
      || (root.localName == "Benchmark" && root.elements.contains { $0.localName == "TestResult" })
  }

  /// - Parameters:
  ///   - path: the result file or run folder.
  ///   - resultID: the TestResult to use; the last one in the document when nil.
  /// - Throws: `LocatedError` naming the file and place when it is not a result or has no such TestResult.
  public init(contentsOf path: String, resultID: String?) throws {
    var file = path
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
      file = URL(fileURLWithPath: path).appendingPathComponent("arf.xml").path
    }
    let root = try XMLDocument(contentsOf: file).rootElement()
    let content: XMLElement
    let testResults: [XMLElement]
    switch root.localName {
    case "asset-report-collection":
      guard
        let embedded = root.firstElement(named: "report-requests")?.elements(named: "report-request").first?
          .firstElement(named: "content")?.elements.first
      else { throw LocatedError("the ARF report collection holds no content in a report request", at: root.location) }
      content = embedded
      testResults =
        root.firstElement(named: "reports")?.elements(named: "report").compactMap {
          $0.firstElement(named: "content")?.firstElement(named: "TestResult")
        } ?? []
    case "Benchmark":
      content = root
      testResults = root.elements(named: "TestResult")
    default:
      throw LocatedError(
        "'\(root.localName)' is not an ARF report collection or XCCDF results document", at: root.location)
    }
    let chosen = resultID.map { id in testResults.first { $0[attribute: "id"] == id } } ?? testResults.last
    guard let testResult = chosen else {
      throw LocatedError(
        resultID.map { "no TestResult '\($0)' in the result" } ?? "the result holds no TestResult", at: root.location)
    }
    document = try SCAPDocument(parsing: content, path: file)
    result = EvaluatedTestResult(
      id: testResult[attribute: "id"] ?? "", profileID: testResult.firstElement(named: "profile")?[attribute: "idref"],
      startTime: testResult[attribute: "start-time"], endTime: testResult[attribute: "end-time"],
      xccdfVersion: testResult.name.namespace == SCAPNamespace.xccdf11 ? "1.1" : "1.2",
      failedRuleIDs: testResult.elements(named: "rule-result").compactMap {
        $0.firstElement(named: "result")?.trimmedText == "fail" ? $0[attribute: "idref"] : nil
      })
  }
}
