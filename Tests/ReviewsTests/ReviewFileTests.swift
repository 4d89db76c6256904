import Foundation
import Reviews
import Testing
import XMLSupport

@Suite struct ReviewFileTests {
  static func temporaryFile() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("reviews-\(UUID().uuidString).json").path
  }

  static let time = Date(timeIntervalSince1970: 1_800_000_000)

  static func review(_ status: Review.Status, comment: String = "checked") -> Review {
    Review(
      scope: .host("web01"), ruleID: "SV-235787r960912_rule", status: status, findingDetails: "alert in force",
      comment: comment, reviewer: "alice", time: time, expires: time.addingTimeInterval(86_400))
  }

  @Test func aStoreReadsBackAsWritten() throws {
    let path = Self.temporaryFile()
    defer { unlink(path) }
    var store = ReviewStore(groups: ["docker": ["web01", "web02"]])
    store.record(Self.review(.pass), changedBy: "alice", source: "test", at: Self.time)
    var group = Self.review(.notapplicable)
    group.scope = .group("docker")
    store.record(group, changedBy: "bob", source: "test", at: Self.time)
    try ReviewFile.write(store, to: path)
    #expect(try ReviewFile.read(path) == store)
  }

  @Test func replacingAReviewKeepsTheOldOneInTheHistory() throws {
    var store = ReviewStore()
    store.record(Self.review(.fail), changedBy: "alice", source: "test", at: Self.time)
    store.record(Self.review(.pass), changedBy: "bob", source: "test", at: Self.time.addingTimeInterval(60))
    #expect(store.reviews.map(\.status) == [.pass])
    #expect(store.history.map(\.action) == [.recorded, .replaced])
    #expect(store.history.last?.previous?.status == .fail)
    #expect(store.history.last?.changedBy == "bob")
    let changed = store.record(Self.review(.pass), changedBy: "bob", source: "test", at: Self.time)
    #expect(!changed)
    #expect(store.history.count == 2)
  }

  @Test func aHostsOwnReviewComesBeforeItsGroups() {
    var store = ReviewStore(groups: ["docker": ["web01", "web02"]])
    var group = Self.review(.fail)
    group.scope = .group("docker")
    store.record(group, changedBy: "bob", source: "test", at: Self.time)
    #expect(store.review(ofRule: "xccdf_mil.disa.stig_rule_SV-235787r999999_rule", host: "web02")?.status == .fail)
    store.record(Self.review(.pass), changedBy: "alice", source: "test", at: Self.time)
    #expect(store.review(ofRule: "SV-235787", host: "web01")?.status == .pass)
    #expect(store.review(ofRule: "SV-235787", host: "db01") == nil)
  }

  @Test func aMissingFileIsAnEmptyStore() throws {
    #expect(try ReviewFile.read(Self.temporaryFile()) == ReviewStore())
  }

  @Test(arguments: [
    ("{\"format\": \"palisade-reviews/1\",\n  \"reviews\": [}", ":2:"),
    (#"{"format": "palisade-reviews/1", "reviews": [{"host": "a", "rule": "r", "status": "maybe"}]}"#, "maybe"),
    (#"{"format": "other"}"#, "format"),
    (#"{"format": "palisade-reviews/1", "reviews": [{"rule": "r", "status": "pass"}]}"#, "'host' or a 'group'"),
  ])
  func aBrokenFileIsAnErrorNamingTheFile(text: String, detail: String) throws {
    let path = Self.temporaryFile()
    defer { unlink(path) }
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    let error = #expect(throws: LocatedError.self) { try ReviewFile.read(path) }
    #expect(error?.description.hasPrefix(path) == true)
    #expect(error?.description.contains(detail) == true, "\(String(describing: error))")
  }
}
