import Foundation
import OVAL
import TestSupport
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
        "filepath", "path", "filename", "pattern", "instance", "line", "text", "subexpression", "subexpression",
      ])
    #expect(first.value(of: "filepath") == "/etc/ssh/sshd_config")
    #expect(first.value(of: "path") == "/etc/ssh")
    #expect(first.value(of: "filename") == "sshd_config")
    #expect(first.value(of: "pattern") == #"^(#)?(\w+)\s+(\S+)$"#)
    // OpenSCAP repeats the pattern in the deprecated `line` entity.
    #expect(first.value(of: "line") == #"^(#)?(\w+)\s+(\S+)$"#)
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

  @Test("a folder or a FIFO is passed over without being opened, as OpenSCAP passes them over")
  func folderAndFIFO() async throws {
    let host = try sshHost()
    try host.makeFIFO("/run/fifo")
    let folder = try await host.collect(Self.object(file: "<ind:filepath>/etc/ssh</ind:filepath>", pattern: "."))
    #expect(folder.flag == .doesNotExist)
    let fifo = try await host.collect(Self.object(file: "<ind:filepath>/run/fifo</ind:filepath>", pattern: "."))
    #expect(fifo.flag == .doesNotExist)
  }

  @Test(
    "an unreadable file is an error with errno's reason", .enabled(if: !Prerequisites.isRoot, "root reads any file"))
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
    "files named by a pattern, by a folder pattern, or by another operation are found by the walk",
    arguments: [
      #"<ind:filepath operation="pattern match">^/etc/.*_config$</ind:filepath>"#,
      #"<ind:path operation="pattern match">^/etc/s.h$</ind:path><ind:filename>sshd_config</ind:filename>"#,
      #"<ind:path>/etc/ssh</ind:path><ind:filename operation="not equal">x</ind:filename>"#,
    ])
  func filesFoundByTheWalk(file: String) async throws {
    let host = try sshHost()
    let collected = try await host.collect(Self.object(file: file, pattern: "^Port"))
    #expect(collected.flag == .complete)
    #expect(collected.items.map { $0.value(of: "filepath") } == ["/etc/ssh/sshd_config"])
  }

  @Test("a recursive path search finds the file below the folder")
  func recursion() async throws {
    let host = try sshHost()
    let collected = try await host.collect(
      Self.object(
        file: "<ind:path>/etc</ind:path><ind:filename>sshd_config</ind:filename>", pattern: "Port",
        behaviors: #"<ind:behaviors recurse_direction="down" max_depth="-1"/>"#))
    #expect(collected.items.map { $0.value(of: "filepath") } == ["/etc/ssh/sshd_config"])
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

@Suite("textfilecontent54_object on large files", .serialized)
struct TextFileContent54StreamingTests {
  /// The process's resident set: `VmRSS` now, or `VmHWM`, its peak since the last reset.
  static func residentKilobytes(_ field: String) throws -> Int {
    let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
    let line = try #require(status.split(separator: "\n").first { $0.hasPrefix(field + ":") })
    return try #require(Int(line.split(whereSeparator: \.isWhitespace)[1]))
  }

  @Test("a 2 GB file costs memory in proportion to a window, not to the file")
  func twoGigabyteSparseFile() async throws {
    let host = try FakeHost()
    try host.makeFolder("/var/log")
    let path = host.scannerPath("/var/log/huge.log")
    let descriptor = open(path, O_CREAT | O_WRONLY, 0o644)
    try #require(descriptor >= 0)
    // `truncate -s 2G`: a hole of 2 GiB (NUL bytes that take no disk), then the line the pattern looks for.
    try #require(ftruncate(descriptor, 2 << 30) == 0)
    let line = Array("\nsecret=hunter2\n".utf8)
    try #require(pwrite(descriptor, line, line.count, 2 << 30) == line.count)
    close(descriptor)

    // Resets VmHWM to the current RSS (Linux's clear_refs), so the peak below is this collection's.
    try "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    let before = try Self.residentKilobytes("VmRSS")
    let collected = try await host.collect(
      TextFileContent54ProbeTests.object(
        file: "<ind:filepath>/var/log/huge.log</ind:filepath>", pattern: #"^secret=(\w+)$"#))
    let peak = try Self.residentKilobytes("VmHWM")

    #expect(collected.flag == .complete, "\(collected.messageText)")
    #expect(collected.items.map { $0.value(of: "text") } == ["secret=hunter2"])
    #expect(collected.items.first?.value(of: "subexpression") == "hunter2")
    // A window is a few MiB; 64 MiB leaves room for the test runner's other suites, and is far from 2 GiB.
    #expect(peak - before < 64 * 1024, "peak grew by \(peak - before) kB")
  }

  @Test("matches that cross the boundary between two reads are found whole, in order")
  func matchesAcrossWindows() async throws {
    let host = try FakeHost()
    // Lines of 100 bytes: window boundaries fall inside lines, and a multi-byte character straddles one.
    var text = ""
    for number in 1...40_000 {
      let body = "key\(number)=é" + String(repeating: "x", count: 100 - 8 - String(number).count)
      text += body + "\n"
    }
    try host.write("/etc/big.conf", text)
    let collected = try await host.collect(
      TextFileContent54ProbeTests.object(
        file: "<ind:filepath>/etc/big.conf</ind:filepath>", pattern: #"^key(\d+)=é(x+)$"#,
        instance: #"<ind:instance datatype="int" operation="greater than">39998</ind:instance>"#))
    #expect(collected.items.map { $0.value(of: "instance") } == ["39999", "40000"])
    #expect(collected.items.first?.entities(named: "subexpression").first?.value == "39999")
    let spanning = try await host.collect(
      TextFileContent54ProbeTests.object(
        file: "<ind:filepath>/etc/big.conf</ind:filepath>", pattern: #"key20000=é.*?key20002"#,
        behaviors: #"<ind:behaviors singleline="true"/>"#))
    #expect(collected.flag == .complete)
    #expect(spanning.items.count == 1, "\(spanning.messageText)")
    #expect(spanning.items.first?.value(of: "text")?.hasSuffix("key20002") == true)
  }

  @Test("bytes that are not UTF-8 read as U+FFFD, and the rest of the file is still searched")
  func invalidUTF8() async throws {
    let host = try FakeHost()
    try host.write("/etc/latin1.conf", bytes: Array("name=caf".utf8) + [0xE9] + Array("\nPort 22\n".utf8))
    let collected = try await host.collect(
      TextFileContent54ProbeTests.object(
        file: "<ind:filepath>/etc/latin1.conf</ind:filepath>", pattern: "^(\\w+)=(.*)$|^Port (\\d+)$"))
    #expect(collected.items.map { $0.value(of: "text") } == ["name=caf\u{FFFD}", "Port 22"])
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
