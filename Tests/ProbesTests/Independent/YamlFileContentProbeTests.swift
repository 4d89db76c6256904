import Foundation
import OVAL
import TestSupport
import Testing

@testable import Probes

@Suite("yamlfilecontent_object")
struct YamlFileContentProbeTests {
  static let daemonJSON = """
    {
      "log-driver": "syslog",
      "log-opts": {"max-size": "10m", "Max-File": 3, "compress": true},
      "icc": false,
      "hosts": ["unix:///var/run/docker.sock", "tcp://0.0.0.0:2376"],
      "nested": {"a": {"b": 1}},
      "seqmaps": [{"x": 1, "y": "s"}, {"x": 2}],
      "num": 1.5,
      "quoted": "true",
      "nul": null,
      "empty": {},
      "matrix": [[1, 2], [3]],
      "mapseq": {"k": [1, 2], "j": "v"}
    }
    """

  static func object(file: String = "/etc/docker/daemon.json", yamlpath: String) -> String {
    """
    <ind:yamlfilecontent_object id="oval:t:obj:1" version="1">
      <ind:filepath>\(file)</ind:filepath>
      <ind:yamlpath>\(yamlpath)</ind:yamlpath>
    </ind:yamlfilecontent_object>
    """
  }

  private func dockerHost() throws -> FakeHost {
    try FakeHost().write("/etc/docker/daemon.json", Self.daemonJSON)
  }

  /// The `value` records of the single item, each as (field name, value, datatype) triples.
  private func values(_ collected: CollectedObject) throws -> [[Field]] {
    #expect(collected.items.count == 1)
    let item = try #require(collected.items.first)
    return item.entities(named: "value").map { value in
      #expect(value.datatype == .record)
      return value.fields.map { Field($0.name, $0.value, $0.datatype) }
    }
  }

  struct Field: Equatable, CustomStringConvertible {
    let name: String
    let value: String
    let datatype: Datatype
    init(_ name: String, _ value: String, _ datatype: Datatype = .string) {
      self.name = name
      self.value = value
      self.datatype = datatype
    }
    var description: String { "\(name)=\(value) (\(datatype.rawValue))" }
  }

  @Test("a scalar is a record with one field '#'; the item names the file and the path")
  func scalar() async throws {
    let host = try dockerHost()
    let collected = try await host.collect(Self.object(yamlpath: ".log-driver"))
    #expect(collected.flag == .complete)
    let item = try #require(collected.items.first)
    #expect(item.type == "yamlfilecontent_item")
    #expect(item.family == "independent")
    #expect(item.entities.map(\.name) == ["filepath", "path", "filename", "yamlpath", "value"])
    #expect(item.value(of: "filepath") == "/etc/docker/daemon.json")
    #expect(item.value(of: "path") == "/etc/docker")
    #expect(item.value(of: "filename") == "daemon.json")
    #expect(item.value(of: "yamlpath") == ".log-driver")
    #expect(try values(collected) == [[Field("#", "syslog")]])
  }

  @Test(
    "a key with a dash can be written bare, dotted or quoted in brackets",
    arguments: [
      ".log-driver", "log-driver", "$.log-driver", #".["log-driver"]"#, ".['log-driver']", "['log-driver']",
    ])
  func keySpellings(yamlpath: String) async throws {
    let host = try dockerHost()
    let collected = try await host.collect(Self.object(yamlpath: yamlpath))
    #expect(try values(collected) == [[Field("#", "syslog")]])
  }

  @Test("a mapping is one record with a field per key, typed, with upper case escaped as OpenSCAP does")
  func mapping() async throws {
    let host = try dockerHost()
    let collected = try await host.collect(Self.object(yamlpath: ".log-opts"))
    #expect(
      try values(collected) == [
        [Field("max-size", "10m"), Field("^max-^file", "3", .int), Field("compress", "true", .boolean)]
      ])
  }

  @Test(
    "scalars are typed as OpenSCAP types them",
    arguments: [
      (".icc", Field("#", "false", .boolean)),
      (".num", Field("#", "1.500000", .float)),
      (".quoted", Field("#", "true")),
      (".nul", Field("#", "(null)")),
      (".nested.a.b", Field("#", "1", .int)),
      (".log-opts.max-size", Field("#", "10m")),
    ])
  func typedScalars(yamlpath: String, expected: Field) async throws {
    let host = try dockerHost()
    let collected = try await host.collect(Self.object(yamlpath: yamlpath))
    #expect(try values(collected) == [[expected]])
  }

  @Test("a sequence of scalars is one record with a '#' field per element, as OpenSCAP reports it")
  func sequenceOfScalars() async throws {
    let host = try dockerHost()
    let sockets = [Field("#", "unix:///var/run/docker.sock"), Field("#", "tcp://0.0.0.0:2376")]
    #expect(try values(await host.collect(Self.object(yamlpath: ".hosts"))) == [sockets])
    #expect(try values(await host.collect(Self.object(yamlpath: ".hosts[:]"))) == [sockets])
    #expect(try values(await host.collect(Self.object(yamlpath: ".hosts[1]"))) == [[sockets[1]]])
    #expect(try values(await host.collect(Self.object(yamlpath: ".hosts[1:]"))) == [[sockets[1]]])
    #expect(try await host.collect(Self.object(yamlpath: ".hosts[5]")).flag == .doesNotExist)
  }

  @Test("a sequence of mappings or of sequences gives a record per element")
  func sequenceOfStructures() async throws {
    let host = try dockerHost()
    let maps = [[Field("x", "1", .int), Field("y", "s")], [Field("x", "2", .int)]]
    #expect(try values(await host.collect(Self.object(yamlpath: ".seqmaps"))) == maps)
    #expect(try values(await host.collect(Self.object(yamlpath: ".seqmaps[:]"))) == maps)
    #expect(try values(await host.collect(Self.object(yamlpath: ".seqmaps[1]"))) == [maps[1]])
    #expect(
      try values(await host.collect(Self.object(yamlpath: ".seqmaps[:].x"))) == [
        [Field("#", "1", .int), Field("#", "2", .int)]
      ])
    let matrix = [[Field("#", "1", .int), Field("#", "2", .int)], [Field("#", "3", .int)]]
    #expect(try values(await host.collect(Self.object(yamlpath: ".matrix"))) == matrix)
  }

  @Test("a mapping whose value is a sequence gives the key several values")
  func mappingWithSequence() async throws {
    let host = try dockerHost()
    #expect(
      try values(await host.collect(Self.object(yamlpath: ".mapseq"))) == [
        [Field("k", "1", .int), Field("k", "2", .int), Field("j", "v")]
      ])
  }

  @Test("a mapping inside a mapping is an error, as in OpenSCAP")
  func nestedMapping() async throws {
    let host = try dockerHost()
    let collected = try await host.collect(Self.object(yamlpath: ".nested"))
    #expect(collected.flag == .error)
    #expect(
      collected.messageText
        == "/etc/docker/daemon.json: yamlpath '.nested' points to a multi-dimensional structure "
        + "(map containing another map)")
  }

  @Test(
    "a path that selects nothing, or only an empty mapping, does not exist",
    arguments: [
      ".missing", ".log-driver.x", ".empty", ".hosts[0].x", ".seqmaps[:].z", ".log-opts[0]",
    ])
  func selectsNothing(yamlpath: String) async throws {
    let host = try dockerHost()
    let collected = try await host.collect(Self.object(yamlpath: yamlpath))
    #expect(collected.flag == .doesNotExist)
    #expect(collected.items.isEmpty)
  }

  @Test("YAML files: nested keys, a top-level sequence, YAML 1.2 types, several documents")
  func yamlFile() async throws {
    let host = try FakeHost()
    try host.write(
      "/etc/app/config.yaml",
      """
      # comment
      server:
        tls: True
        port: 0x1F
        mode: 0o17
        insecure: yes
        ratio: .5
        limit: -.inf
        name: 'quoted'
      """)
    try host.write("/etc/app/list.yaml", "- a\n- b\n- c\n")
    try host.write("/etc/app/multi.yaml", "key: one\n---\nkey: two\n")
    let server = try values(await host.collect(Self.object(file: "/etc/app/config.yaml", yamlpath: ".server")))
    #expect(
      server == [
        [
          Field("tls", "true", .boolean), Field("port", "31", .int), Field("mode", "15", .int),
          Field("insecure", "yes"), Field("ratio", "0.500000", .float), Field("limit", "-inf", .float),
          Field("name", "quoted"),
        ]
      ])
    let list = try values(await host.collect(Self.object(file: "/etc/app/list.yaml", yamlpath: "[:]")))
    #expect(list == [[Field("#", "a"), Field("#", "b"), Field("#", "c")]])
    let second = try values(await host.collect(Self.object(file: "/etc/app/list.yaml", yamlpath: "[1]")))
    #expect(second == [[Field("#", "b")]])
    let multi = try values(await host.collect(Self.object(file: "/etc/app/multi.yaml", yamlpath: ".key")))
    #expect(multi == [[Field("#", "one"), Field("#", "two")]])
  }

  @Test("a missing, empty or comment-only file does not exist")
  func missingAndEmptyFiles() async throws {
    let host = try FakeHost()
    try host.write("/etc/empty.yaml", "")
    try host.write("/etc/comment.yaml", "# nothing here\n")
    for file in ["/etc/missing.json", "/etc/empty.yaml", "/etc/comment.yaml"] {
      let collected = try await host.collect(Self.object(file: file, yamlpath: ".a"))
      #expect(collected.flag == .doesNotExist, "\(file)")
      #expect(collected.messages.isEmpty)
    }
  }

  @Test("invalid JSON is an error naming the file, line and column")
  func invalidJSON() async throws {
    let host = try FakeHost()
    try host.write("/etc/docker/daemon.json", "{\n  \"log-driver\": [\"syslog\",\n}\n")
    let collected = try await host.collect(Self.object(yamlpath: ".log-driver"))
    #expect(collected.flag == .error)
    let message = collected.messageText
    #expect(message.hasPrefix("/etc/docker/daemon.json:3:1: "), "\(message)")
    #expect(message.contains("expected a value, found '}'"))
  }

  @Test("a key longer than libyaml's 1024 characters is read in a JSON file")
  func longKey() async throws {
    let host = try FakeHost()
    let key = String(repeating: "k", count: 2000)
    try host.write("/etc/docker/daemon.json", #"{"labels": {"\#(key)": "v"}, "log-driver": "syslog"}"#)
    let values = try values(await host.collect(Self.object(yamlpath: ".log-driver")))
    #expect(values == [[Field("#", "syslog")]])
  }

  @Test("a duplicate key is an error with its place")
  func duplicateKey() async throws {
    let host = try FakeHost()
    try host.write("/etc/docker/daemon.json", "{\"a\": 1,\n \"a\": 2}")
    let collected = try await host.collect(Self.object(yamlpath: ".a"))
    #expect(collected.flag == .error)
    #expect(collected.messageText.hasPrefix("/etc/docker/daemon.json:2:2: duplicate key 'a'"))
  }

  @Test("an invalid yamlpath is an error quoting it", arguments: [".", "..a", ".a[", ".a[x]", ".a[-1]", ".a[0]x"])
  func invalidPath(yamlpath: String) async throws {
    let host = try dockerHost()
    let collected = try await host.collect(Self.object(yamlpath: yamlpath))
    #expect(collected.flag == .error)
    #expect(collected.messageText.contains("invalid yamlpath '\(yamlpath)'"))
  }

  @Test("a folder or a FIFO is an error naming the host path")
  func folderAndFIFO() async throws {
    let host = try FakeHost()
    try host.makeFolder("/etc/docker/daemon.json")
    try host.makeFIFO("/run/docker.json")
    let folder = try await host.collect(Self.object(yamlpath: ".a"))
    #expect(folder.flag == .error)
    #expect(folder.messageText == "/etc/docker/daemon.json: cannot read file: is a directory, not a regular file")
    let fifo = try await host.collect(Self.object(file: "/run/docker.json", yamlpath: ".a"))
    #expect(fifo.flag == .error)
    #expect(fifo.messageText == "/run/docker.json: cannot read file: is a FIFO, not a regular file")
  }

  @Test(
    "an unreadable file is an error with errno's reason", .enabled(if: !Prerequisites.isRoot, "root reads any file"))
  func unreadable() async throws {
    let host = try dockerHost()
    try host.setPermissions("/etc/docker/daemon.json", 0)
    let collected = try await host.collect(Self.object(yamlpath: ".log-driver"))
    #expect(collected.flag == .error)
    #expect(collected.messageText == "/etc/docker/daemon.json: cannot read file: permission denied")
  }

  @Test("a file that is not UTF-8 is an error naming it")
  func notUTF8() async throws {
    let host = try FakeHost()
    try host.makeFolder("/etc/docker")
    try Data([0x7B, 0xFF, 0xFE, 0x7D]).write(to: URL(fileURLWithPath: host.scannerPath("/etc/docker/daemon.json")))
    let collected = try await host.collect(Self.object(yamlpath: ".a"))
    #expect(collected.flag == .error)
    #expect(collected.messageText.hasPrefix("/etc/docker/daemon.json:"))
    try Data(Array(#"{"a": ""#.utf8) + [0xFF, 0x22, 0x7D]).write(
      to: URL(fileURLWithPath: host.scannerPath("/etc/docker/daemon.json")))
    let inString = try await host.collect(Self.object(yamlpath: ".a"))
    #expect(inString.messageText == "/etc/docker/daemon.json:1:7: the string is not UTF-8")
  }

  @Test("the evaluator compares the records with a state, as the Docker STIG content does")
  func evaluatesWithState() async throws {
    let host = try dockerHost()
    let document = definitionsDocument(
      definitions: """
        <definition id="oval:t:def:1" version="1" class="compliance">
          <metadata><title>log driver</title><description>d</description></metadata>
          <criteria><criterion test_ref="oval:t:tst:1"/></criteria>
        </definition>
        <definition id="oval:t:def:2" version="1" class="compliance">
          <metadata><title>hosts</title><description>d</description></metadata>
          <criteria><criterion test_ref="oval:t:tst:2"/></criteria>
        </definition>
        """,
      tests: """
        <ind:yamlfilecontent_test id="oval:t:tst:1" version="1" check="all" check_existence="at_least_one_exists">
          <ind:object object_ref="oval:t:obj:1"/><ind:state state_ref="oval:t:ste:1"/>
        </ind:yamlfilecontent_test>
        <ind:yamlfilecontent_test id="oval:t:tst:2" version="1" check="all" check_existence="at_least_one_exists">
          <ind:object object_ref="oval:t:obj:2"/><ind:state state_ref="oval:t:ste:2"/>
        </ind:yamlfilecontent_test>
        """,
      objects: Self.object(yamlpath: ".log-driver")
        + Self.object(yamlpath: ".hosts").replacingOccurrences(of: "oval:t:obj:1", with: "oval:t:obj:2"),
      states: """
        <ind:yamlfilecontent_state id="oval:t:ste:1" version="1">
          <ind:value datatype="record"><field name="#" operation="pattern match">^(syslog|journald)$</field></ind:value>
        </ind:yamlfilecontent_state>
        <ind:yamlfilecontent_state id="oval:t:ste:2" version="1">
          <ind:value datatype="record">
            <field name="#" operation="pattern match" entity_check="at least one">^tcp://</field>
          </ind:value>
        </ind:yamlfilecontent_state>
        """)
    let evaluator = OVALEvaluator(
      definitions: try loadDefinitions(document), collector: SystemCollector(root: host.systemRoot))
    #expect(await evaluator.evaluate(definitionID: "oval:t:def:1") == .true)
    #expect(await evaluator.evaluate(definitionID: "oval:t:def:2") == .true)
  }
}
