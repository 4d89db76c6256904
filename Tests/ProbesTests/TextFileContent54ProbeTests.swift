import Foundation
import OVAL
import Testing

@testable import Probes

@Suite("textfilecontent54_object")
struct TextFileContent54ProbeTests {
  static let sshdConfig = """
    Port 22
    #PermitRootLogin yes
    PermitRootLogin no
    X11Forwarding yes

    """

  /// A textfilecontent54_object on `filepath` (or any other file-naming XML), with a pattern and an instance.
  static func object(
    file: String = "<ind:filepath>/etc/ssh/sshd_config</ind:filepath>", pattern: String,
    instance: String = #"<ind:instance datatype="int" operation="greater than or equal">1</ind:instance>"#,
    behaviors: String = ""
  ) -> String {
    """
    <ind:textfilecontent54_object id="oval:t:obj:1" version="1">
      \(behaviors)\(file)
      <ind:pattern operation="pattern match">\(pattern)</ind:pattern>
      \(instance)
    </ind:textfilecontent54_object>
    """
  }

  private func sshHost() throws -> FakeHost {
    try FakeHost().write("/etc/ssh/sshd_config", Self.sshdConfig)
  }

  @Test("one item per match, with the entities OpenSCAP reports")
  func itemsPerMatch() async throws {
    let host = try sshHost()
    let collected = try await host.collect(Self.object(pattern: #"^(#)?(\w+)\s+(\S+)$"#))
    #expect(collected.flag == .complete)
    #expect(collected.items.count == 4)
    let first = try #require(collected.items.first)
    #expect(first.type == "textfilecontent_item")
    #expect(first.family == "independent")
    #expect(
      first.entities.map(\.name) == [
        "filepath", "path", "filename", "pattern", "instance", "text", "subexpression", "subexpression",
      ])
    #expect(first.value(of: "filepath") == "/etc/ssh/sshd_config")
    #expect(first.value(of: "path") == "/etc/ssh")
    #expect(first.value(of: "filename") == "sshd_config")
    #expect(first.value(of: "pattern") == #"^(#)?(\w+)\s+(\S+)$"#)
    #expect(first.entities(named: "instance").first?.datatype == .int)
    #expect(collected.items.map { $0.value(of: "instance") } == ["1", "2", "3", "4"])
    #expect(
      collected.items.map { $0.value(of: "text") } == [
        "Port 22", "#PermitRootLogin yes", "PermitRootLogin no", "X11Forwarding yes",
      ])
    // A group that took no part in the match is left out, as OpenSCAP does.
    #expect(first.entities(named: "subexpression").map(\.value) == ["Port", "22"])
    #expect(collected.items[1].entities(named: "subexpression").map(\.value) == ["#", "PermitRootLogin", "yes"])
  }

  @Test(
    "the instance entity chooses matches by number",
    arguments: [
      (#"<ind:instance datatype="int">2</ind:instance>"#, ["2"]),
      (#"<ind:instance datatype="int" operation="greater than">2</ind:instance>"#, ["3", "4"]),
      (#"<ind:instance datatype="int" operation="less than or equal">1</ind:instance>"#, ["1"]),
      (#"<ind:instance datatype="int" operation="not equal">1</ind:instance>"#, ["2", "3", "4"]),
      (#"<ind:instance datatype="int">0x3</ind:instance>"#, ["3"]),
    ])
  func instanceSelection(instance: String, expected: [String]) async throws {
    let host = try sshHost()
    let collected = try await host.collect(Self.object(pattern: #"^\S+ \S+$"#, instance: instance))
    #expect(collected.items.map { $0.value(of: "instance") } == expected)
  }

  @Test("an instance that is not an int is an error")
  func invalidInstance() async throws {
    let host = try sshHost()
    let collected = try await host.collect(
      Self.object(pattern: "Port", instance: #"<ind:instance datatype="int">first</ind:instance>"#))
    #expect(collected.flag == .error)
    #expect(collected.messageText.contains("instance 'first' is not an int"))
  }

  @Test("multiline is the default: ^ and $ match at line breaks")
  func multilineDefault() async throws {
    let host = try sshHost()
    let collected = try await host.collect(Self.object(pattern: #"^PermitRootLogin\s+(\S+)$"#))
    #expect(collected.items.map { $0.value(of: "text") } == ["PermitRootLogin no"])
  }

  @Test("multiline false: ^ matches only at the start of the file")
  func multilineFalse() async throws {
    let host = try sshHost()
    let behaviors = #"<ind:behaviors multiline="false"/>"#
    let second = try await host.collect(Self.object(pattern: "^PermitRootLogin", behaviors: behaviors))
    #expect(second.flag == .doesNotExist)
    let first = try await host.collect(Self.object(pattern: #"^Port (\d+)"#, behaviors: behaviors))
    #expect(first.items.count == 1)
    #expect(first.items.first?.entities(named: "subexpression").first?.value == "22")
  }

  @Test("singleline lets . match a line break; ignore_case ignores case")
  func singlelineAndIgnoreCase() async throws {
    let host = try sshHost()
    let pattern = "Port 22.#permit"
    let without = try await host.collect(
      Self.object(pattern: pattern, behaviors: #"<ind:behaviors ignore_case="true"/>"#))
    #expect(without.flag == .doesNotExist)
    let with = try await host.collect(
      Self.object(pattern: pattern, behaviors: #"<ind:behaviors singleline="true" ignore_case="true"/>"#))
    #expect(with.items.map { $0.value(of: "text") } == ["Port 22\n#Permit"])
  }

  @Test("an invalid behavior value is an error")
  func invalidBehavior() async throws {
    let host = try sshHost()
    let collected = try await host.collect(
      Self.object(pattern: "Port", behaviors: #"<ind:behaviors multiline="yes"/>"#))
    #expect(collected.flag == .error)
    #expect(collected.messageText.contains("behavior 'multiline' must be true or false, not 'yes'"))
  }

  @Test("path and filename name the file as filepath does")
  func pathAndFilename() async throws {
    let host = try sshHost()
    let collected = try await host.collect(
      Self.object(file: "<ind:path>/etc/ssh/</ind:path><ind:filename>sshd_config</ind:filename>", pattern: "^Port"))
    #expect(collected.items.count == 1)
    #expect(collected.items.first?.value(of: "filepath") == "/etc/ssh/sshd_config")
    #expect(collected.items.first?.value(of: "path") == "/etc/ssh/")
  }

  @Test("a missing file does not exist, and neither does a file without a match")
  func missingFileAndNoMatch() async throws {
    let host = try sshHost()
    let missing = try await host.collect(
      Self.object(file: "<ind:filepath>/etc/ssh/missing</ind:filepath>", pattern: "Port"))
    #expect(missing.flag == .doesNotExist)
    #expect(missing.messages.isEmpty)
    let noMatch = try await host.collect(Self.object(pattern: "^Banner"))
    #expect(noMatch.flag == .doesNotExist)
  }

  @Test("a folder or a FIFO is an error naming the host path, without blocking")
  func folderAndFIFO() async throws {
    let host = try sshHost()
    try host.makeFIFO("/run/fifo")
    let folder = try await host.collect(Self.object(file: "<ind:filepath>/etc/ssh</ind:filepath>", pattern: "."))
    #expect(folder.flag == .error)
    #expect(folder.messageText == "/etc/ssh: cannot read file: is a directory, not a regular file")
    let fifo = try await host.collect(Self.object(file: "<ind:filepath>/run/fifo</ind:filepath>", pattern: "."))
    #expect(fifo.flag == .error)
    #expect(fifo.messageText == "/run/fifo: cannot read file: is a FIFO, not a regular file")
  }

  @Test("an unreadable file is an error with errno's reason", .enabled(if: !runsAsRoot, "root reads any file"))
  func unreadable() async throws {
    let host = try sshHost()
    try host.setPermissions("/etc/ssh/sshd_config", 0)
    let collected = try await host.collect(Self.object(pattern: "Port"))
    #expect(collected.flag == .error)
    #expect(collected.messageText == "/etc/ssh/sshd_config: cannot read file: permission denied")
  }

  @Test("an invalid regular expression is an error quoting it with PCRE2's message")
  func invalidPattern() async throws {
    let host = try sshHost()
    let collected = try await host.collect(Self.object(pattern: "^(Port"))
    #expect(collected.flag == .error)
    #expect(collected.messageText.contains("invalid regular expression '^(Port' at offset 6"))
    #expect(collected.messageText.contains("missing closing parenthesis"))
  }

  @Test(
    "operations other than equals on file names are not collected yet",
    arguments: [
      #"<ind:filepath operation="pattern match">^/etc/.*</ind:filepath>"#,
      #"<ind:path operation="pattern match">^/etc</ind:path><ind:filename>sshd_config</ind:filename>"#,
      #"<ind:path>/etc</ind:path><ind:filename operation="not equal">x</ind:filename>"#,
    ])
  func patternOnPathsNotCollected(file: String) async throws {
    let host = try sshHost()
    let collected = try await host.collect(Self.object(file: file, pattern: "Port"))
    #expect(collected.flag == .notCollected)
    #expect(collected.messageText.contains("needs a walk of the filesystem, which is not supported yet"))
  }

  @Test("a recursive path search is not collected yet")
  func recursionNotCollected() async throws {
    let host = try sshHost()
    let collected = try await host.collect(
      Self.object(
        file: "<ind:path>/etc</ind:path><ind:filename>sshd_config</ind:filename>", pattern: "Port",
        behaviors: #"<ind:behaviors recurse_direction="down" max_depth="-1"/>"#))
    #expect(collected.flag == .notCollected)
  }

  @Test("an object without a pattern, or without a file, is an error")
  func missingEntities() async throws {
    let host = try sshHost()
    let noFile = try await host.collect(Self.object(file: "", pattern: "Port"))
    #expect(noFile.flag == .error)
    #expect(noFile.messageText.contains("needs a 'filepath', or a 'path' and a 'filename'"))
    let noInstance = try await host.collect(Self.object(pattern: "Port", instance: ""))
    #expect(noInstance.flag == .error)
  }
}

@Suite("TextPattern, every match of a pattern in a text")
struct TextPatternTests {
  private func texts(_ pattern: String, _ text: String, _ options: TextPatternOptions = [.multiline]) throws
    -> [String]
  {
    try TextPattern(pattern, options: options).matches(in: text).map(\.text)
  }

  @Test("empty matches move on one character at a time, as OpenSCAP does")
  func emptyMatches() throws {
    #expect(try texts("x*", "ab") == ["", "", ""])
    #expect(try texts("x*", "") == [""])
    #expect(try texts("a*", "aab") == ["aa", "", ""])
  }

  @Test("the text before the search offset stays visible to lookbehind, \\b and ^")
  func contextBeforeOffset() throws {
    #expect(try texts("(?<=a)b", "abab") == ["b", "b"])
    #expect(try texts(#"\bfoo"#, "foo xfoo foo") == ["foo", "foo"])
    #expect(try texts("^x", "x\nx", []) == ["x"])
    #expect(try texts("^x", "x\nx", [.multiline]) == ["x", "x"])
    #expect(try texts(#"\Ax"#, "xx") == ["x"])
  }

  @Test("\\K, an open \\Q and start-of-pattern items keep their meaning")
  func patternFeatures() throws {
    #expect(try texts(#"Port\s+\K\d+"#, "Port 22\nPort 2222") == ["22", "2222"])
    #expect(try texts(#"\Qa.b"#, "axb a.b") == ["a.b"])
    #expect(try texts("(*LF)b", "abab") == ["b", "b"])
  }

  @Test("offsets count characters, not bytes")
  func unicode() throws {
    let matches = try TextPattern(#"w(\S)"#, options: [.multiline]).matches(in: "héllo wörld, wü")
    #expect(matches.map(\.text) == ["wö", "wü"])
    #expect(matches.map(\.groups) == [["ö"], ["ü"]])
  }

  @Test("matches far beyond the visible context are found in order")
  func longText() throws {
    let lines = (1...3000).map { "key\($0)=value\($0)" }
    let matches = try TextPattern(#"^key(\d+)=(\S+)$"#, options: [.multiline]).matches(
      in: lines.joined(separator: "\n"))
    #expect(matches.count == 3000)
    #expect(matches.last?.groups == ["3000", "value3000"])
    #expect(matches.map { $0.groups.first ?? nil } == (1...3000).map { String($0) })
  }

  @Test("(*ACCEPT) ends the match where it stands, as in Perl")
  func acceptEndsTheMatch() throws {
    #expect(try TextPattern("a(*ACCEPT)b", options: []).matches(in: "ab").map(\.text) == ["a"])
  }
}
