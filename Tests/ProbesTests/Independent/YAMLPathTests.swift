import Testing
import Yams

@testable import Probes

@Suite("YAMLPath")
struct YAMLPathTests {
  @Test(
    "parses the segments OpenSCAP's yaml-path reads",
    arguments: [
      (".key", [YAMLPath.Segment.key("key")]),
      ("key", [.key("key")]),
      ("$", []),
      ("$.a", [.key("a")]),
      (".key.sub", [.key("key"), .key("sub")]),
      (".log-driver", [.key("log-driver")]),
      (#".["key.with.dots"]"#, [.key("key.with.dots")]),
      (".['quoted']", [.key("quoted")]),
      ("['a'].b", [.key("a"), .key("b")]),
      (".a['b']", [.key("a"), .key("b")]),
      (".key[0]", [.key("key"), .index(0)]),
      (".key[:]", [.key("key"), .slice(start: 0, end: nil, stride: 1)]),
      ("[:]", [.slice(start: 0, end: nil, stride: 1)]),
      ("[:].name", [.slice(start: 0, end: nil, stride: 1), .key("name")]),
      (".a[1:3]", [.key("a"), .slice(start: 1, end: 3, stride: 1)]),
      (".a[::2]", [.key("a"), .slice(start: 0, end: nil, stride: 2)]),
      (".a[12][3]", [.key("a"), .index(12), .index(3)]),
    ])
  func parses(path: String, segments: [YAMLPath.Segment]) throws {
    let parsed = try YAMLPath(parsing: path)
    #expect(parsed.segments == segments)
    #expect(parsed.description == path)
  }

  @Test(
    "refuses malformed paths with the problem and its offset",
    arguments: [
      ("", "path is empty", 0),
      (".", "segment key is missing", 0),
      ("..a", "segment key is missing", 0),
      (".a.", "segment key is missing", 2),
      (".a[", "missing ']'", 2),
      (".a[x]", "unexpected 'x' in '[...]'", 3),
      (".a[-1]", "negative indexes are not supported", 3),
      (".a[]", "index is missing", 2),
      (".a[0]x", "unexpected 'x'; a segment starts with '.' or '['", 5),
      (".['a", "missing closing ' in a quoted key", 2),
      (".['']", "segment key is missing", 2),
      (".['a'x", "expected ']' after the quoted key", 5),
      (".a[::0]", "slice stride must be at least 1", 2),
      (".a[1:2:3:4]", "a slice has at most start:end:stride", 8),
    ])
  func refuses(path: String, message: String, offset: Int) {
    #expect(throws: YAMLPathError(path: path, message: message, offset: offset)) { try YAMLPath(parsing: path) }
  }

  @Test("selects nodes in document order")
  func selects() throws {
    let document = try #require(try Yams.compose(yaml: "a:\n  - x: 1\n  - x: 2\n  - y: 3\nb: [p, q, r, s]\n"))
    func strings(_ path: String) throws -> [String] {
      try YAMLPath(parsing: path).select(in: document).map { $0.scalar?.string ?? "<node>" }
    }
    #expect(try strings(".a[:].x") == ["1", "2"])
    #expect(try strings(".b[1]") == ["q"])
    #expect(try strings(".b[1:3]") == ["q", "r"])
    #expect(try strings(".b[::2]") == ["p", "r"])
    #expect(try strings(".b[2:]") == ["r", "s"])
    #expect(try strings(".b[9]") == [])
    #expect(try strings(".a") == ["<node>"])
    #expect(try strings(".a.x") == [])
  }
}
