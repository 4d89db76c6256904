import Foundation
import TestSupport
import Testing

/// Until when a new answer holds: `--valid-for` or `--no-expiry` when given, else the content's XCCDF Value
/// `xccdf_dev.palisade_value_review_validity_days` (0: never), through the real binary.
@Suite struct ReviewExpiryDefaultTests {
  static let valueID = "xccdf_dev.palisade_value_review_validity_days"

  /// A copy of the bundled content whose review validity Value defaults to `days`.
  static func content(validityDays days: String, in folder: TemporaryFolder) throws -> String {
    let text = try String(contentsOfFile: ProjectPaths.bundledContent, encoding: .utf8)
    let start = try #require(text.range(of: "<Value id=\"\(valueID)\""))
    let value = try #require(text.range(of: "<value>365</value>", range: start.upperBound..<text.endIndex))
    let path = folder.url.appendingPathComponent("content-\(days).xml").path
    try text.replacingCharacters(in: value, with: "<value>\(days)</value>").write(
      toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  /// The days between the recorded answer's time and its expiry; nil when it has none.
  static func recordedValidity(in reviewFile: String) throws -> Double? {
    let data = try Data(contentsOf: URL(fileURLWithPath: reviewFile))
    let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let review = try #require((root["reviews"] as? [[String: Any]])?.first)
    let formatter = ISO8601DateFormatter()
    let time = try #require((review["time"] as? String).flatMap(formatter.date(from:)))
    guard let expires = (review["expires"] as? String).flatMap(formatter.date(from:)) else { return nil }
    return expires.timeIntervalSince(time) / 86_400
  }

  /// `palisade review set SV-235788` with `content` and `extra`, in a results folder of its own.
  static func set(content: String, _ extra: [String] = []) throws -> (CommandResult, Double?) {
    let output = try TemporaryFolder()
    defer { output.remove() }
    let run = try CommandRun.run(
      ProjectPaths.palisade,
      [
        "review", "set", "SV-235788", "--status", "pass", "--reviewer", "erin", "--host", "h1", "--content", content,
        "--output-dir", output.path,
      ] + extra)
    guard run.status == 0 else { return (run, nil) }
    return (run, try recordedValidity(in: output.url.appendingPathComponent("reviews.json").path))
  }

  @Test func theContentsValueSetsTheDefaultAndTheFlagsWin() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let bundled = try Self.set(content: ProjectPaths.bundledContent)
    #expect(bundled.0.status == 0, "\(bundled.0.standardError)")
    #expect(bundled.1 == 365)

    let thirty = try Self.content(validityDays: "30", in: folder)
    let fromContent = try Self.set(content: thirty)
    #expect(fromContent.0.status == 0, "\(fromContent.0.standardError)")
    #expect(fromContent.1 == 30)
    #expect(try Self.set(content: thirty, ["--valid-for", "7"]).1 == 7)
    let noExpiry = try Self.set(content: thirty, ["--no-expiry"])
    #expect(noExpiry.0.status == 0 && noExpiry.1 == nil)

    let never = try Self.set(content: try Self.content(validityDays: "0", in: folder))
    #expect(never.0.status == 0 && never.1 == nil, "\(never.0.standardError)")
  }

  @Test func aValueThatIsNotANumberOfDaysIsAnErrorNamingTheContent() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let broken = try Self.content(validityDays: "soon", in: folder)
    let (run, _) = try Self.set(content: broken)
    #expect(run.status == 1)
    #expect(run.standardError.contains("\(broken):"), "\(run.standardError)")
    #expect(run.standardError.contains(Self.valueID), "\(run.standardError)")
  }
}
