import Foundation
import XMLSupport

/// Counts read from content installed on this machine or in ../shared, so that a new version of a package or corpus
/// changes what the tests expect instead of breaking them.
enum InstalledContent {
  static let xccdf12 = ["x": "http://checklists.nist.gov/xccdf/1.2"]

  /// The ids of the profiles of every benchmark in a data stream, in document order.
  static func profileIDs(inDataStream path: String) throws -> [String] {
    try XMLDocument(contentsOf: path).elements(matching: "//x:Benchmark/x:Profile", namespaces: xccdf12).compactMap {
      $0[attribute: "id"]
    }
  }

  /// How many test suites the catalog.xml files of NIST's validation bundles name.
  static func nistSuiteCount(inBundles bundles: [String]) throws -> Int {
    try bundles.reduce(0) { count, bundle in
      count + (try XMLDocument(contentsOf: bundle + "catalog.xml").rootElement().elements(named: "testSuite").count)
    }
  }

  /// How many definitions an OVAL definitions file holds.
  static func definitionCount(inOVAL path: String) throws -> Int {
    try XMLDocument(contentsOf: path).elements(
      matching: "//o:definitions/o:definition", namespaces: ["o": "http://oval.mitre.org/XMLSchema/oval-definitions-5"]
    ).count
  }
}
