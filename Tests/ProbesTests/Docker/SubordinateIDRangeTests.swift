import Testing

@testable import Probes

/// /etc/subgid (and /etc/subuid) as newuidmap reads them: the user's first range, by name or numeric id.
@Suite struct SubordinateIDRangeTests {
  @Test func theUsersFirstRangeIsFoundByNameOrId() {
    let text = """
      alice:100000:65536
      # a comment line is no entry
      1001:200000:1000
      palisaderootless:300000:65536
      palisaderootless:400000:10

      """
    #expect(
      SubordinateIDRange.first(in: text, forUser: "palisaderootless", id: 1001)
        == SubordinateIDRange(start: 200000, count: 1000))
    #expect(
      SubordinateIDRange.first(in: text, forUser: "palisaderootless", id: 1002)
        == SubordinateIDRange(start: 300000, count: 65536))
    #expect(SubordinateIDRange.first(in: text, forUser: "alice", id: 1000)?.end == 165536)
    #expect(SubordinateIDRange.first(in: text, forUser: "bob", id: 1003) == nil)
  }

  @Test(arguments: [
    "bob:x:65536", "bob:100000:", "bob:100000:0", "bob:100000:65536:extra", "bob:4294967295:2", "bob 100000 65536",
  ])
  func malformedOrOverflowingEntriesAreSkipped(_ line: String) {
    #expect(SubordinateIDRange.first(in: line + "\nbob:5:6\n", forUser: "bob", id: 1003)?.start == 5)
  }
}
