public import Engine
import Foundation
import OVAL
import Probes
import SCAPContent
public import XMLSupport

/// Writes an Asset Reporting Format 1.1 collection: the content as the report request, the scanned host as the
/// asset, and the XCCDF TestResult and each OVAL results document as reports about it (NIST IR 7694).
public struct ARFWriter {
  public let outcome: ScanOutcome

  public init(outcome: ScanOutcome) {
    self.outcome = outcome
  }

  /// The report id of each OVAL document's results: `oval0`, `oval1`, ... in the order the checks used them.
  func ovalReportID(forDocumentKey key: String) -> String? {
    outcome.ovalRuns.firstIndex { $0.key == key }.map { "oval\($0)" }
  }

  /// Writes the whole collection.
  public func write<Output: XMLOutput>(to writer: inout XMLWriter<Output>) throws {
    try writer.startDocument()
    try writer.startElement(
      "arf:asset-report-collection",
      namespaces: [
        "arf": SCAPNamespace.arf, "core": SCAPNamespace.reportingCore, "ai": SCAPNamespace.assetIdentification,
      ])
    try writer.startElement("core:relationships", namespaces: ["arfvocab": SCAPNamespace.arfRelationships])
    let reports = ["xccdf1"] + outcome.ovalRuns.indices.map { "oval\($0)" }
    for report in reports {
      try relationship("arfvocab:createdFor", subject: report, reference: "collection1", to: &writer)
      try relationship("arfvocab:isAbout", subject: report, reference: "asset0", to: &writer)
    }
    try writer.endElement()

    try writer.startElement("arf:report-requests")
    try writer.startElement("arf:report-request", attributes: ["id": "collection1"])
    try writer.startElement("arf:content")
    try writer.copy(outcome.document.source)
    try writer.endElement()
    try writer.endElement()
    try writer.endElement()

    try writer.startElement("arf:assets")
    try writer.startElement("arf:asset", attributes: ["id": "asset0"])
    try writeComputingDevice(to: &writer)
    try writer.endElement()
    try writer.endElement()

    try writer.startElement("arf:reports")
    try writer.startElement("arf:report", attributes: ["id": "xccdf1"])
    try writer.startElement("arf:content")
    try TestResultWriter(
      outcome: outcome, checkResultHref: { key in ovalReportID(forDocumentKey: key).map { "#" + $0 } }
    )
    .write(to: &writer)
    try writer.endElement()
    try writer.endElement()
    for (index, run) in outcome.ovalRuns.enumerated() {
      try writer.startElement("arf:report", attributes: ["id": "oval\(index)"])
      try writer.startElement("arf:content")
      try OVALResultsWriter(run: run, systemInfo: .target(outcome.target), timestamp: outcome.endTime).write(
        to: &writer)
      try writer.endElement()
      try writer.endElement()
    }
    try writer.endElement()
    try writer.endDocument()
  }

  private func relationship<Output: XMLOutput>(
    _ type: String, subject: String, reference: String, to writer: inout XMLWriter<Output>
  ) throws {
    try writer.startElement("core:relationship", attributes: ["type": type, "subject": subject])
    try writer.element("core:ref", text: reference)
    try writer.endElement()
  }

  /// The asset: connections (each address with its interface's hardware address), FQDN and host name.
  private func writeComputingDevice<Output: XMLOutput>(to writer: inout XMLWriter<Output>) throws {
    let target = outcome.target
    try writer.startElement("ai:computing-device")
    if let machineID = target.machineID {
      try writer.element(
        "ai:synthetic-id", attributes: ["resource": "\(Self.assetExtensions)#machine-id", "id": machineID])
    }
    if let container = target.container {
      try writeContainerIdentity(container, to: &writer)
    }
    if !target.interfaces.isEmpty {
      try writer.startElement("ai:connections")
      for interface in target.interfaces {
        try writer.startElement("ai:connection")
        try writer.startElement("ai:ip-address")
        if interface.ipAddress.contains(":") {
          // Asset Identification 1.1 accepts only the full eight-group form of an IPv6 address.
          try writer.element("ai:ip-v6", text: Self.expandedIPv6(interface.ipAddress) ?? interface.ipAddress)
        } else {
          try writer.element("ai:ip-v4", text: interface.ipAddress)
        }
        try writer.endElement()
        try writer.element("ai:mac-address", text: interface.macAddress)
        try writer.endElement()
      }
      try writer.endElement()
    }
    try writer.element("ai:fqdn", text: target.fullyQualifiedName)
    try writer.element("ai:hostname", text: target.hostname)
    try writer.endElement()
  }

  /// Palisade's namespace for what Asset Identification has no element for.
  static let assetExtensions = "http://palisade.dev/XMLSchema/asset-1"

  /// A scanned container or image: its id and its image's id as synthetic ids (Asset Identification 1.1, 5.2.1),
  /// and every name in the asset's extended information (the container's name and id, the image as it was named,
  /// the image's id and repository digest), as `palisade:container`.
  private func writeContainerIdentity<Output: XMLOutput>(
    _ container: ContainerTarget, to writer: inout XMLWriter<Output>
  ) throws {
    try writer.element(
      "ai:synthetic-id",
      attributes: ["resource": "\(Self.assetExtensions)#docker-\(container.kind.rawValue)", "id": container.id])
    if container.kind == .container {
      try writer.element(
        "ai:synthetic-id", attributes: ["resource": "\(Self.assetExtensions)#docker-image", "id": container.imageID])
    }
    try writer.startElement("ai:extended-information")
    try writer.startElement(
      "palisade:container", namespaces: ["palisade": Self.assetExtensions],
      attributes: [
        "kind": container.kind.rawValue, "id": container.id, "name": container.name, "image": container.image,
        "image-id": container.imageID, "image-digest": container.imageDigest, "target": container.targetName,
      ])
    try writer.endElement()
    try writer.endElement()
  }

  /// `fe80::1` as `fe80:0:0:0:0:0:0:1`; nil when the text is not an IPv6 address.
  static func expandedIPv6(_ address: String) -> String? {
    var bytes = in6_addr()
    guard inet_pton(AF_INET6, address, &bytes) == 1 else { return nil }
    return withUnsafeBytes(of: bytes) { raw in
      stride(from: 0, to: 16, by: 2).map { String(UInt16(raw[$0]) << 8 | UInt16(raw[$0 + 1]), radix: 16) }
        .joined(separator: ":")
    }
  }
}
