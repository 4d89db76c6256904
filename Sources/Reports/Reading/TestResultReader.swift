import Foundation
import SCAPContent
import XMLSupport

/// Reads the scan's own details from an XCCDF `TestResult`, filling in the target from the ARF asset and the OVAL
/// system characteristics where the TestResult is silent.
struct TestResultReader {
  let element: XMLElement
  /// The ARF asset's `ai:computing-device`, when the result is an ARF.
  let asset: XMLElement?
  /// The OVAL results' `system_info` fields.
  let systemInfo: [String: String]

  func testResult(setValues: [String: String]) -> ReportedTestResult {
    let namespace = element.name.namespace
    let benchmark = element.firstElement(named: "benchmark", in: namespace)
    let identity = element.firstElement(named: "identity", in: namespace)
    let score = element.firstElement(named: "score", in: namespace)
    return ReportedTestResult(
      id: element[attribute: "id"] ?? "", testSystem: element[attribute: "test-system"],
      startTime: element[attribute: "start-time"], endTime: element[attribute: "end-time"],
      benchmarkHref: benchmark?[attribute: "href"], benchmarkID: benchmark?[attribute: "id"],
      profileID: element.firstElement(named: "profile", in: namespace)?[attribute: "idref"],
      identity: identity?.trimmedText, isPrivileged: identity?[attribute: "privileged"] == "true",
      target: target(namespace: namespace), setValues: setValues,
      score: score.map { ($0.trimmedText, $0[attribute: "maximum"]) })
  }

  private func target(namespace: String?) -> ReportedTarget {
    let allFacts = (element.firstElement(named: "target-facts", in: namespace)?.elements(named: "fact") ?? [])
      .compactMap {
        fact in fact[attribute: "name"].map { (name: $0, value: fact.text) }
      }
    // XCCDF 1.2 names asset facts urn:xccdf:fact:asset:identifier:*, SCC urn:scap:fact:asset:identifier:*.
    func facts(_ suffix: String) -> [String] {
      allFacts.filter {
        $0.name == "urn:xccdf:fact:asset:identifier:\(suffix)" || $0.name == "urn:scap:fact:asset:identifier:\(suffix)"
      }.map(\.value).filter { !$0.isEmpty }
    }
    let assetIdentification = SCAPNamespace.assetIdentification
    let connections = asset?.firstElement(named: "connections", in: assetIdentification)?.elements ?? []
    let assetMACs = connections.compactMap { $0.firstElement(named: "mac-address")?.trimmedText }
    let assetAddresses = connections.compactMap { $0.firstElement(named: "ip-address")?.elements.first?.trimmedText }
    let hostName =
      element.firstElement(named: "target", in: namespace)?.trimmedText ?? facts("host_name").first
      ?? asset?.firstElement(named: "hostname")?.trimmedText ?? systemInfo["primary_host_name"] ?? "unknown-host"
    let addresses = element.elements(named: "target-address", in: namespace).map(\.trimmedText)
    return ReportedTarget(
      hostName: hostName,
      fullyQualifiedName: facts("fqdn").first ?? asset?.firstElement(named: "fqdn")?.trimmedText,
      addresses: Self.unique(addresses.isEmpty ? assetAddresses : addresses),
      macAddresses: Self.unique((facts("mac").isEmpty ? assetMACs : facts("mac")).map { $0.uppercased() }),
      facts: allFacts, operatingSystem: systemInfo["os_name"] ?? facts("os_name").first,
      operatingSystemVersion: systemInfo["os_version"] ?? facts("os_version").first,
      architecture: systemInfo["architecture"] ?? facts("processor_architecture").first)
  }

  private static func unique(_ values: [String]) -> [String] {
    var seen: Set<String> = []
    return values.filter { seen.insert($0).inserted }
  }
}
