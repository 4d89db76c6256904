import Foundation
import TestSupport
import Testing
import XMLSupport

/// Who was scanned: a scan with `--root` names the tree's host (its /etc/hostname, /etc/machine-id, /etc/hosts and
/// network configuration), not the machine running Palisade, in the result folder and the ARF's asset; `--target`
/// names it instead.
@Suite struct ScannedHostIdentityTests {
  static let asset = "//arf:asset/ai:computing-device"
  static let namespaces = [
    "arf": "http://scap.nist.gov/schema/asset-reporting-format/1.1",
    "ai": "http://scap.nist.gov/schema/asset-identification/1.1",
    "x": "http://checklists.nist.gov/xccdf/1.2",
  ]

  /// A tree of web01: host name, machine id, /etc/hosts with its FQDN, an ifupdown and a networkd address.
  static func web01() throws -> FakeHost {
    let host = try FakeHost.compliant()
    try host.write("/etc/hostname", "# set by the installer\nweb01\n")
    try host.write("/etc/machine-id", "0123456789ABCDEF0123456789abcdef\n")
    try host.write(
      "/etc/hosts", "127.0.0.1\tlocalhost\n127.0.1.1\tweb01.example.org web01\n198.51.100.7 web01.example.org web01\n")
    try host.write(
      "/etc/network/interfaces",
      "auto eth0\niface eth0 inet static\n  address 192.0.2.10/24\n  hwaddress ether 52:54:00:ab:cd:ef\n")
    try host.write(
      "/etc/systemd/network/10-eth1.network",
      "[Match]\nName=eth1\nMACAddress=52:54:00:00:00:01\n\n[Network]\nAddress=2001:db8::10/64\n")
    return host
  }

  static func texts(_ path: String, in arf: String) throws -> [String] {
    try XMLDocument(contentsOf: arf).elements(matching: path, namespaces: namespaces).map(\.trimmedText)
  }

  @Test func aTreeIsFiledUnderItsOwnHostName() throws {
    let host = try Self.web01()
    let output = try TemporaryFolder()
    defer { output.remove() }
    let run = try LogDriverFixture.scan(root: host.folder, output: output.path)
    #expect(run.command.status == 0, "\(run.command.standardError)")
    #expect(run.arfPath == "\(output.path)/web01/latest/arf.xml")
    let arf = try #require(run.arfPath)
    #expect(try Self.texts("\(Self.asset)/ai:hostname", in: arf) == ["web01"])
    #expect(try Self.texts("\(Self.asset)/ai:fqdn", in: arf) == ["web01.example.org"])
    #expect(
      try Self.texts("\(Self.asset)//ai:ip-v4", in: arf) == ["192.0.2.10", "198.51.100.7"],
      "the configured address, then /etc/hosts' own; loopback left out")
    #expect(try Self.texts("\(Self.asset)//ai:ip-v6", in: arf) == ["2001:db8:0:0:0:0:0:10"])
    #expect(
      try Self.texts("\(Self.asset)//ai:mac-address", in: arf) == [
        "52:54:00:AB:CD:EF", "52:54:00:00:00:01", "00:00:00:00:00:00",
      ])
    let machineID = try XMLDocument(contentsOf: arf).elements(
      matching: "\(Self.asset)/ai:synthetic-id", namespaces: Self.namespaces
    ).compactMap { $0[attribute: "id"] }
    #expect(machineID == ["0123456789abcdef0123456789abcdef"])
    #expect(try Self.texts("//x:TestResult/x:target", in: arf) == ["web01"])
  }

  @Test func targetOverridesTheTreesName() throws {
    let host = try Self.web01()
    let output = try TemporaryFolder()
    defer { output.remove() }
    let run = try LogDriverFixture.scan(root: host.folder, output: output.path, extra: ["--target", "web01-prod"])
    #expect(run.command.status == 0, "\(run.command.standardError)")
    let arf = try #require(run.arfPath)
    #expect(arf == "\(output.path)/web01-prod/latest/arf.xml")
    #expect(try Self.texts("\(Self.asset)/ai:hostname", in: arf) == ["web01-prod"])
    #expect(try Self.texts("\(Self.asset)//ai:ip-v4", in: arf) == ["192.0.2.10", "198.51.100.7"])
  }

  @Test func xccdfEvalNamesTheTreeAndTakesTarget() throws {
    let host = try Self.web01()
    let output = try TemporaryFolder()
    defer { output.remove() }
    for (extra, name) in [([String](), "web01"), (["--target", "db02"], "db02")] {
      let arf = output.path + "/\(name).xml"
      let result = try CommandRun.run(
        ProjectPaths.palisade,
        ["xccdf", "eval", "--root", host.folder, "--results-arf", arf] + extra + [LogDriverFixture.content])
      #expect(result.status == 0, "\(result.standardError)")
      #expect(try Self.texts("\(Self.asset)/ai:hostname", in: arf) == [name])
    }
  }

  /// A tree without /etc/hostname is named after its folder; a hostile name cannot leave the output folder.
  @Test func aTreeWithoutOrWithAHostileNameStaysInsideTheOutputFolder() throws {
    let output = try TemporaryFolder()
    defer { output.remove() }
    let parent = try TemporaryFolder()
    defer { parent.remove() }
    let named = parent.path + "/db02"
    try FileManager.default.createDirectory(atPath: named + "/etc/docker", withIntermediateDirectories: true)
    try Data(#"{"log-driver": "syslog"}"#.utf8).write(to: URL(fileURLWithPath: named + "/etc/docker/daemon.json"))
    let unnamed = try LogDriverFixture.scan(root: named, output: output.path)
    #expect(unnamed.arfPath == "\(output.path)/db02/latest/arf.xml")

    let hostile = try FakeHost.compliant()
    try hostile.write("/etc/hostname", "../../etc/passwd\n")
    let run = try LogDriverFixture.scan(root: hostile.folder, output: output.path + "/h")
    #expect(run.command.status == 0, "\(run.command.standardError)")
    #expect(run.arfPath == "\(output.path)/h/_.._etc_passwd/latest/arf.xml")
  }

  @Test func aTargetNameThatIsNotAHostNameIsRefused() throws {
    let output = try TemporaryFolder()
    defer { output.remove() }
    let host = try FakeHost.compliant()
    let result = try CommandRun.run(
      ProjectPaths.palisade,
      [
        "scan", "--content", LogDriverFixture.content, "--root", host.folder, "--output-dir", output.path, "--target",
        "../x",
      ])
    #expect(result.status == 1)
    #expect(result.standardError.contains("'--target ../x': a target name holds letters"))
    #expect(output.files().isEmpty)
  }
}
