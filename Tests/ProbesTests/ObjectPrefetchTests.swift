import Foundation
import OVAL
import Synchronization
import TestSupport
import Testing
import XMLSupport

@testable import OVAL
@testable import Probes

/// A collector that counts what it is asked, and how many requests are in flight at once.
private final class CountingCollector: FilteringObjectCollector {
  let inner: SystemCollector
  private let counts = Mutex<(calls: [String], inFlight: Int, mostInFlight: Int, filtered: Int)>(([], 0, 0, 0))

  init(_ inner: SystemCollector) {
    self.inner = inner
  }

  var calls: [String] { counts.withLock { $0.calls } }
  var mostInFlight: Int { counts.withLock { $0.mostInFlight } }
  var filtered: Int { counts.withLock { $0.filtered } }

  private func enter(_ request: ObjectRequest, filtered: Bool) {
    counts.withLock {
      $0.calls.append(request.object.id)
      $0.inFlight += 1
      $0.mostInFlight = max($0.mostInFlight, $0.inFlight)
      if filtered { $0.filtered += 1 }
    }
  }

  private func leave() { counts.withLock { $0.inFlight -= 1 } }

  func collect(_ request: ObjectRequest) async -> CollectedObject {
    enter(request, filtered: false)
    defer { leave() }
    // Long enough for the prefetch to start its other tasks.
    try? await Task.sleep(for: .milliseconds(20))
    return await inner.collect(request)
  }

  func collect(_ request: ObjectRequest, keeping filter: ItemFilter) async -> CollectedObject {
    enter(request, filtered: true)
    defer { leave() }
    try? await Task.sleep(for: .milliseconds(20))
    return await inner.collect(request, keeping: filter)
  }
}

@Suite("Objects collected ahead of evaluation")
struct ObjectPrefetchTests {
  static func document(objects count: Int) -> String {
    let tests = (1...count).map {
      #"<ind:textfilecontent54_test id="oval:t:tst:\#($0)" version="1" check="all" check_existence="at_least_one_exists"><ind:object object_ref="oval:t:obj:\#($0)"/></ind:textfilecontent54_test>"#
    }.joined()
    let objects = (1...count).map {
      """
      <ind:textfilecontent54_object id="oval:t:obj:\($0)" version="1">
        <ind:filepath>/etc/file\($0)</ind:filepath>
        <ind:pattern operation="pattern match">^x</ind:pattern><ind:instance datatype="int">1</ind:instance>
      </ind:textfilecontent54_object>
      """
    }.joined()
    let criteria = (1...count).map { #"<criterion test_ref="oval:t:tst:\#($0)"/>"# }.joined()
    let definition =
      #"<definition id="oval:t:def:1" version="1" class="compliance"><metadata><title>t</title><description>d</description></metadata><criteria operator="AND">\#(criteria)</criteria></definition>"#
    return definitionsDocument(definitions: definition, tests: tests, objects: objects)
  }

  @Test("every object a definition needs is collected once, several at a time, before it is evaluated")
  func parallelOnce() async throws {
    let host = try FakeHost()
    for number in 1...6 { try host.write("/etc/file\(number)", "x\n") }
    let collector = CountingCollector(SystemCollector(root: host.systemRoot))
    let evaluator = OVALEvaluator(definitions: try loadDefinitions(Self.document(objects: 6)), collector: collector)
    let results = await evaluator.evaluateAll()
    #expect(results.map(\.result) == [.true])
    #expect(collector.calls.count == 6)
    #expect(Set(collector.calls).count == 6)
    #expect(collector.mostInFlight > 1)
    #expect(collector.mostInFlight <= ObjectPrefetch.width)
  }

  @Test("objects with variables are left to the evaluator, which resolves them first")
  func variablesWait() async throws {
    let host = try FakeHost()
    try host.write("/etc/file1", "x\n")
    let document = definitionsDocument(
      definitions:
        #"<definition id="oval:t:def:1" version="1" class="compliance"><metadata><title>t</title><description>d</description></metadata><criteria><criterion test_ref="oval:t:tst:1"/></criteria></definition>"#,
      tests:
        #"<ind:textfilecontent54_test id="oval:t:tst:1" version="1" check="all"><ind:object object_ref="oval:t:obj:1"/></ind:textfilecontent54_test>"#,
      objects: """
        <ind:textfilecontent54_object id="oval:t:obj:1" version="1">
          <ind:filepath var_ref="oval:t:var:1"/>
          <ind:pattern operation="pattern match">^x</ind:pattern><ind:instance datatype="int">1</ind:instance>
        </ind:textfilecontent54_object>
        """
    ).replacingOccurrences(
      of: "</oval_definitions>",
      with:
        #"<variables><constant_variable id="oval:t:var:1" version="1" datatype="string" comment="c"><value>/etc/file1</value></constant_variable></variables></oval_definitions>"#
    )
    let collector = CountingCollector(SystemCollector(root: host.systemRoot))
    let evaluator = OVALEvaluator(definitions: try loadDefinitions(document), collector: collector)
    #expect(await evaluator.evaluateAll().map(\.result) == [.true])
    #expect(collector.calls == ["oval:t:obj:1"])
  }

  @Test("filters without variables are handed to the collector, and give the evaluator's results")
  func filtersGoToTheCollector() async throws {
    let host = try FakeHost()
    try host.write("/etc/a", "x")
    try host.write("/etc/b", "x")
    try host.setPermissions("/etc/a", 0o4755)
    let document = definitionsDocument(
      definitions:
        #"<definition id="oval:t:def:1" version="1" class="compliance"><metadata><title>t</title><description>d</description></metadata><criteria><criterion test_ref="oval:t:tst:1"/></criteria></definition>"#,
      tests:
        #"<unix:file_test id="oval:t:tst:1" version="1" check="all" check_existence="only_one_exists"><unix:object object_ref="oval:t:obj:1"/></unix:file_test>"#,
      objects: """
        <unix:file_object id="oval:t:obj:1" version="1">
          <unix:path>/etc</unix:path><unix:filename operation="pattern match">.</unix:filename>
          <filter action="include">oval:t:ste:1</filter>
        </unix:file_object>
        """,
      states:
        #"<unix:file_state id="oval:t:ste:1" version="1"><unix:suid datatype="boolean">1</unix:suid></unix:file_state>"#
    )
    let collector = CountingCollector(SystemCollector(root: host.systemRoot))
    let evaluator = OVALEvaluator(definitions: try loadDefinitions(document), collector: collector)
    #expect(await evaluator.evaluateAll().map(\.result) == [.true])
    #expect(collector.filtered == 1)
    let record = try #require(evaluator.record.collectedObjects["oval:t:obj:1"])
    #expect(record.itemIDs.count == 1)
    #expect(evaluator.record.items.count == 1)
  }

  @Test("a filter whose variable can be computed first is applied while collecting, as SSG's unowned-files check needs")
  func filterVariablesComputedFirst() async throws {
    let host = try FakeHost()
    try host.write("/etc/passwd", "root:x:0:0::/root:/bin/sh\n")
    try host.write("/srv/a", "x")
    try host.write("/srv/b", "x")
    let document = definitionsDocument(
      definitions:
        #"<definition id="oval:t:def:1" version="1" class="compliance"><metadata><title>t</title><description>d</description></metadata><criteria><criterion test_ref="oval:t:tst:1"/></criteria></definition>"#,
      tests:
        #"<unix:file_test id="oval:t:tst:1" version="1" check="all" check_existence="none_exist"><unix:object object_ref="oval:t:obj:1"/></unix:file_test>"#,
      objects: """
        <unix:file_object id="oval:t:obj:1" version="1">
          <unix:behaviors recurse_direction="down" max_depth="-1"/>
          <unix:path>/srv</unix:path><unix:filename operation="pattern match">.</unix:filename>
          <filter action="exclude">oval:t:ste:1</filter>
        </unix:file_object>
        <unix:password_object id="oval:t:obj:2" version="1">
          <unix:username operation="pattern match">.</unix:username>
        </unix:password_object>
        """,
      states:
        #"<unix:file_state id="oval:t:ste:1" version="1"><unix:user_id datatype="int" var_ref="oval:t:var:1" var_check="at least one"/></unix:file_state>"#
    ).replacingOccurrences(
      of: "</oval_definitions>",
      with:
        #"<variables><local_variable id="oval:t:var:1" version="1" datatype="int" comment="uids"><object_component object_ref="oval:t:obj:2" item_field="user_id"/></local_variable></variables></oval_definitions>"#
    )
    let collector = CountingCollector(SystemCollector(root: host.systemRoot))
    let evaluator = OVALEvaluator(definitions: try loadDefinitions(document), collector: collector)
    // The fake host's files belong to the test's user; only root is in its passwd, unless the test runs as root.
    let expected: OVALResult = Prerequisites.isRoot ? .true : .false
    #expect(await evaluator.evaluateAll().map(\.result) == [expected])
    #expect(collector.filtered == 1)
    let kept = evaluator.record.collectedObjects["oval:t:obj:1"]?.itemIDs.count ?? -1
    #expect(evaluator.record.items.values.filter { $0.type == "file_item" }.count == kept)
  }

  @Test(
    "ItemFilter decides as the evaluator's state comparison does, and keeps what it cannot decide for the evaluator",
    arguments: [
      (#"<unix:suid datatype="boolean">true</unix:suid>"#, OVALResult.true),
      (#"<unix:suid datatype="boolean" operation="not equal">1</unix:suid>"#, .false),
      (#"<unix:user_id datatype="int" operation="greater than">999</unix:user_id>"#, .true),
      (#"<unix:user_id datatype="int" operation="less than">999</unix:user_id>"#, .false),
      (#"<unix:filepath operation="pattern match">^/home/</unix:filepath>"#, .true),
      (#"<unix:type>symbolic link</unix:type>"#, .false),
      (
        #"<unix:owrite datatype="boolean">false</unix:owrite><unix:gwrite datatype="boolean">true</unix:gwrite>"#,
        .false
      ),
      (#"<unix:has_extended_acl datatype="boolean" check_existence="none_exist"/>"#, .false),
      (#"<unix:size datatype="int" operation="bitwise and">4</unix:size>"#, .true),
      (#"<unix:group_id datatype="int">bogus</unix:group_id>"#, .error),
    ])
  func filterDecisions(stateEntities: String, decision: OVALResult) async throws {
    let state = #"<unix:file_state id="oval:t:ste:1" version="1">\#(stateEntities)</unix:file_state>"#
    let object =
      #"<unix:file_object id="oval:t:obj:1" version="1"><unix:filepath>/x</unix:filepath><filter action="include">oval:t:ste:1</filter></unix:file_object>"#
    let definitions = try loadDefinitions(definitionsDocument(objects: object, states: state))
    let filter = try #require(
      ItemFilter(definitions.objects["oval:t:obj:1"]?.filters ?? [], states: definitions.states))
    let item = Item(
      type: "file_item", family: "unix",
      entities: [
        ItemEntity("filepath", "/home/alice/.bashrc"), ItemEntity("type", "regular"),
        ItemEntity("user_id", "1000", datatype: .int), ItemEntity("group_id", "1000", datatype: .int),
        ItemEntity("size", "12", datatype: .int), ItemEntity("suid", "true", datatype: .boolean),
        ItemEntity("gwrite", "false", datatype: .boolean), ItemEntity("owrite", "false", datatype: .boolean),
        ItemEntity("has_extended_acl", "false", datatype: .boolean),
      ])
    // An include filter keeps what matches, and what it cannot decide, which the evaluator then reports.
    #expect(filter.keeps(item) == (decision != .false))
    // The evaluator's own filter gives the same answer.
    let evaluator = OVALEvaluator(definitions: definitions, collector: SystemCollector())
    var comparison = StateComparison(evaluator: evaluator)
    let stateValue = try #require(definitions.states["oval:t:ste:1"])
    #expect(await comparison.compare(item, with: stateValue) == decision)
  }

  @Test("a filter whose state uses a variable is not handed to the collector")
  func variableStates() throws {
    let definitions = try loadDefinitions(
      definitionsDocument(
        objects:
          #"<unix:file_object id="oval:t:obj:1" version="1"><unix:filepath>/x</unix:filepath><filter action="exclude">oval:t:ste:1</filter></unix:file_object>"#,
        states:
          #"<unix:file_state id="oval:t:ste:1" version="1"><unix:user_id datatype="int" var_ref="oval:t:var:1"/></unix:file_state>"#
      ).replacingOccurrences(
        of: "</oval_definitions>",
        with:
          #"<variables><external_variable id="oval:t:var:1" version="1" datatype="int" comment="c"/></variables></oval_definitions>"#
      ))
    #expect(ItemFilter(definitions.objects["oval:t:obj:1"]?.filters ?? [], states: definitions.states) == nil)
  }
}

@Suite("PCRE2 searches over buffers read in pieces")
struct PCRESearcherTests {
  private func search(_ pattern: String, _ text: String, from offset: Int = 0, partial: PCRESearcher.Partial)
    throws -> PCRESearcher.Outcome
  {
    let searcher = try PCREPattern(pattern, options: [.multiline]).makeSearcher()
    var bytes = text
    return try bytes.withUTF8 { try searcher.search(UnsafeRawBufferPointer($0), from: offset, partial: partial) }
  }

  @Test("a match cut by the end of the buffer is partial while more may follow, decided at the end")
  func hardPartial() throws {
    #expect(try search("^secret=\\w+$", "log\nsecr", partial: .hard) == .partial(startingAt: 4))
    #expect(try search("^secret=\\w+$", "log\nsecret=abc", partial: .hard) == .partial(startingAt: 4))
    #expect(try search("^secret=\\w+$", "log\nsecret=abc", partial: .none) == .match([4..<14]))
    #expect(try search("^secret", "log\nother\n", partial: .hard) == .none)
  }

  @Test("a complete match wins over a partial one with the soft mode")
  func softPartial() throws {
    #expect(try search("^/etc/ssh$", "/etc/ssh", partial: .soft) == .match([0..<8]))
    #expect(try search("^/etc/ssh$", "/etc", partial: .soft) == .partial(startingAt: 0))
    #expect(try search("^/etc/ssh$", "/usr", partial: .soft) == .none)
  }

  @Test("the longest lookbehind is reported so a stream keeps enough context")
  func lookbehind() throws {
    #expect(try PCREPattern("(?<=abc)d").maximumLookbehind == 3)
    #expect(try PCREPattern("d").maximumLookbehind == 0)
  }
}
