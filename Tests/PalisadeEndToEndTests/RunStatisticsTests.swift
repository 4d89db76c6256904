import Foundation
import TestSupport
import Testing

/// `--stats` and `--stats-format` of `oval eval`, `xccdf eval` and `scan`: where the run's time and memory went, on
/// standard error, as a table or as JSON. Only the structure is checked (phases present, numbers not negative): the
/// figures themselves are the machine's.
@Suite struct RunStatisticsTests {
  static let fileSets = ProjectPaths.packageRoot
    .appendingPathComponent("Tests/PalisadeEndToEndTests/Fixtures/overlapping-file-sets-oval.xml").path

  /// The JSON report printed on standard error, decoded.
  static func report(in standardError: String) throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(standardError.utf8))
    return try #require(object as? [String: Any], "\(standardError)")
  }

  /// Every number in a JSON value, with the path that leads to it.
  static func numbers(in value: Any, at path: String = "") -> [(String, Double)] {
    switch value {
    case let dictionary as [String: Any]:
      return dictionary.flatMap { numbers(in: $0.value, at: path + "." + $0.key) }
    case let array as [Any]:
      return array.enumerated().flatMap { numbers(in: $0.element, at: path + "[\($0.offset)]") }
    case let number as NSNumber:
      return [(path, number.doubleValue)]
    default:
      return []
    }
  }

  static func phaseNames(of report: [String: Any]) -> [String] {
    ((report["phases"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String }
  }

  @Test func ovalEvalPrintsItsPhasesObjectTypesAndWalkAsJSON() throws {
    let host = try OVALObjectSetTests.host()
    defer { host.remove() }
    let output = try TemporaryFolder()
    defer { output.remove() }
    let results = output.url.appendingPathComponent("results.xml").path
    let run = try CommandRun.run(
      ProjectPaths.palisade,
      ["oval", "eval", "--stats-format", "json", "--root", host.root.path, "--results", results, Self.fileSets])
    #expect(run.status == 0, "\(run.standardError)")
    // Standard output is what it is without statistics.
    #expect(run.standardOutput.split(separator: "\n").allSatisfy { $0.hasPrefix("Definition ") })
    let report = try Self.report(in: run.standardError)
    let phases = Self.phaseNames(of: report)
    for phase in ["parse XML", "load definitions", "collect", "evaluate", "write"] {
      #expect(phases.contains(phase), "\(phases)")
    }
    let collection = try #require(report["collection"] as? [[String: Any]])
    #expect(collection.contains { $0["objectType"] as? String == "file_object" && $0["family"] as? String == "unix" })
    let walk = try #require(report["walk"] as? [String: Any])
    #expect((walk["folders"] as? Int ?? 0) > 0)
    #expect((report["peakResidentMiB"] as? Double ?? 0) > 0)
    let numbers = Self.numbers(in: report)
    #expect(!numbers.isEmpty)
    for (path, number) in numbers { #expect(number >= 0, "\(path)") }
  }

  @Test func xccdfEvalPrintsATableOnStandardError() throws {
    let host = try FakeHost.compliant()
    defer { host.remove() }
    let output = try TemporaryFolder()
    defer { output.remove() }
    let run = try CommandRun.run(
      ProjectPaths.palisade,
      [
        "xccdf", "eval", "--stats", "--root", host.root.path, "--results-arf",
        output.url.appendingPathComponent("arf.xml").path, LogDriverFixture.content,
      ])
    #expect(run.status == 0, "\(run.standardError)")
    #expect(!run.standardOutput.contains("peak RSS"))
    let lines = run.standardError.split(separator: "\n").map(String.init)
    #expect(lines.first?.hasPrefix("phase") == true, "\(run.standardError)")
    for phase in ["parse XML", "resolve", "collect", "evaluate", "write", "total"] {
      #expect(lines.contains { $0.hasPrefix(phase + " ") }, "\(phase): \(run.standardError)")
    }
    #expect(lines.contains { $0.hasPrefix("collected by object type") })
    #expect(lines.contains { $0.hasPrefix("file-system walk: ") })
  }

  @Test func scanPrintsJSONWithTheWritePhase() throws {
    let host = try FakeHost.compliant()
    defer { host.remove() }
    let output = try TemporaryFolder()
    defer { output.remove() }
    let run = try LogDriverFixture.scan(
      root: host.root.path, output: output.url.path, extra: ["--quiet", "--stats-format", "json"])
    #expect(run.command.status == 0, "\(run.command.standardError)")
    let report = try Self.report(in: run.command.standardError)
    let phases = Self.phaseNames(of: report)
    for phase in ["parse XML", "resolve", "collect", "evaluate", "write"] {
      #expect(phases.contains(phase), "\(phases)")
    }
    for (path, number) in Self.numbers(in: report) { #expect(number >= 0, "\(path)") }
  }

  @Test func withoutTheOptionNothingIsPrinted() throws {
    let host = try OVALObjectSetTests.host()
    defer { host.remove() }
    let run = try CommandRun.run(ProjectPaths.palisade, ["oval", "eval", "--root", host.root.path, Self.fileSets])
    #expect(run.status == 0)
    #expect(run.standardError.isEmpty, "\(run.standardError)")
  }
}
