import Foundation
import TestSupport
import Testing

/// Scanned trees shaped by someone who can write below `--root` (a container's rootfs, a mounted image), through the
/// binary: a folder swapped for a link while the scan runs, and file names that are not UTF-8.
@Suite struct HostileTreeTests {
  /// Writes `text` at `name` (bytes, not necessarily UTF-8) in the scanner's `folder`, with `mode`.
  static func write(in folder: String, name: [UInt8], _ text: String, mode: mode_t) throws {
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let path = Array(folder.utf8) + [UInt8(ascii: "/")] + name + [0]
    let descriptor = open(path.map { CChar(bitPattern: $0) }, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    #expect(descriptor >= 0)
    guard descriptor >= 0 else { return }
    defer { close(descriptor) }
    _ = Array(text.utf8).withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
    _ = fchmod(descriptor, mode)
  }

  /// OVAL content whose definitions read `/etc/conf/a/b/value` by its path and through a walk, `copies` times each.
  static func swappedFileDefinitions(copies: Int) -> String {
    var objects = ""
    for index in 1...copies {
      objects += """
        <ind:textfilecontent54_object id="oval:t:obj:\(2 * index)" version="1">
          <ind:filepath>/etc/conf/a/b/value</ind:filepath>
          <ind:pattern operation="pattern match">^(.*)$</ind:pattern>
          <ind:instance datatype="int">1</ind:instance>
        </ind:textfilecontent54_object>
        <ind:textfilecontent54_object id="oval:t:obj:\(2 * index + 1)" version="1">
          <ind:behaviors recurse_direction="down" max_depth="4"/>
          <ind:path operation="pattern match">^/etc</ind:path>
          <ind:filename>value</ind:filename>
          <ind:pattern operation="pattern match">^(.*)$</ind:pattern>
          <ind:instance datatype="int">1</ind:instance>
        </ind:textfilecontent54_object>

        """
    }
    let tests = (2...(2 * copies + 1)).map { index in
      """
      <ind:textfilecontent54_test id="oval:t:tst:\(index)" version="1" check="all" check_existence="any_exist" \
      comment="t"><ind:object object_ref="oval:t:obj:\(index)"/></ind:textfilecontent54_test>
      """
    }.joined(separator: "\n")
    let criteria = (2...(2 * copies + 1)).map { #"<criterion test_ref="oval:t:tst:\#($0)"/>"# }.joined()
    return """
      <?xml version="1.0" encoding="UTF-8"?>
      <oval_definitions xmlns="http://oval.mitre.org/XMLSchema/oval-definitions-5"
          xmlns:oval="http://oval.mitre.org/XMLSchema/oval-common-5"
          xmlns:ind="http://oval.mitre.org/XMLSchema/oval-definitions-5#independent">
        <generator><oval:schema_version>5.11.2</oval:schema_version>
          <oval:timestamp>2026-01-01T00:00:00</oval:timestamp></generator>
        <definitions><definition id="oval:t:def:1" version="1" class="compliance">
          <metadata><title>value</title><description>value</description></metadata>
          <criteria operator="OR">\(criteria)</criteria></definition></definitions>
        <tests>\(tests)</tests>
        <objects>\(objects)</objects>
      </oval_definitions>
      """
  }

  @Test(.enabled(if: Prerequisites.python3 != nil, "the swapper is a python3 loop"))
  func folderSwappedForALinkDuringScansNeverLeadsOutside() throws {
    let host = try FakeHost()
    let outside = try TemporaryFolder()
    let work = try TemporaryFolder()
    defer {
      host.remove()
      outside.remove()
      work.remove()
    }
    try FileManager.default.createDirectory(atPath: outside.path + "/a/b", withIntermediateDirectories: true)
    try "outside-secret\n".write(toFile: outside.path + "/a/b/value", atomically: false, encoding: .utf8)
    try host.write("/etc/conf/a/b/value", "inside\n")
    let etc = host.root.appendingPathComponent("etc").path
    try FileManager.default.createSymbolicLink(atPath: etc + "/alt", withDestinationPath: outside.path)
    let content = work.path + "/definitions.xml"
    try Self.swappedFileDefinitions(copies: 25).write(toFile: content, atomically: false, encoding: .utf8)
    let swapper = try BackgroundCommand(
      "/usr/bin/env",
      [
        "python3", "-c",
        """
        import os, sys
        conf, alt, held = sys.argv[1:4]
        while True:
            os.rename(conf, held); os.rename(alt, conf); os.rename(conf, alt); os.rename(held, conf)
        """,
        etc + "/conf", etc + "/alt", etc + "/held",
      ])
    defer { swapper.stop() }
    var insideValues = 0
    for round in 0..<30 {
      let results = work.path + "/results-\(round).xml"
      let run = try CommandRun.run(
        ProjectPaths.palisade, ["oval", "eval", "--root", host.root.path, "--results", results, content])
      let text = (try? String(contentsOfFile: results, encoding: .utf8)) ?? ""
      #expect(!text.isEmpty, "\(run.standardError)")
      #expect(!text.contains("outside-secret"), "round \(round) read outside the root")
      #expect(!run.standardOutput.contains("outside-secret") && !run.standardError.contains("outside-secret"))
      if text.contains(">inside<") { insideValues += 1 }
    }
    #expect(insideValues > 0)
  }

  @Test(.enabled(if: Prerequisites.isRoot, "the compliant host gives files other owners"))
  func namesThatAreNotUTF8AreFoundAndFailTheirRules() throws {
    let compliant = try #require(DockerHostFileRuleTests.cases.first)
    let host = try DockerHostFileRuleTests.build(compliant)
    let output = try TemporaryFolder()
    defer {
      host.remove()
      output.remove()
    }
    // A drop-in that makes dockerd listen on TCP (SV-235776), and a registry key anyone may write (SV-235858).
    try Self.write(
      in: host.root.appendingPathComponent("etc/systemd/system/docker.service.d").path,
      name: [0xFF] + Array("evil.conf".utf8),
      "[Service]\nExecStart=\nExecStart=/usr/bin/dockerd -H fd:// -H tcp://0.0.0.0:2376\n", mode: 0o644)
    try Self.write(
      in: host.root.appendingPathComponent("etc/docker/certs.d/registry.example:5000").path,
      name: Array("k".utf8) + [0xE9] + Array("y.pem".utf8), "key\n", mode: 0o666)
    let run = try ScanRun.scan(
      root: host.root.path, output: output.path, extra: ["--docker-host", ScanRun.absentDockerHost])
    let arf = try #require(run.arfPath, "\(run.command.standardError)")
    let results = try RuleResults(arf: arf)
    let expected = DockerHostFileRuleTests.expecting("pass", except: ["SV-235776": "fail", "SV-235858": "fail"])
    for (rule, result) in expected.sorted(by: { $0.key < $1.key }) {
      #expect(results[rule] == result, "\(rule): \(results.messages(of: rule))")
    }
    let text = try String(contentsOfFile: arf, encoding: .utf8)
    #expect(text.contains("docker.service.d/\\xffevil.conf"))
    #expect(text.contains("k\\xe9y.pem"))
  }
}
