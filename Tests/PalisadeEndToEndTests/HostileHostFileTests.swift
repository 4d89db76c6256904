import Foundation
import TestSupport
import Testing

/// Host files that anyone with write access to a container volume or /tmp can shape, where daemon.json is expected.
/// Each scan must finish (a hang fails the test through CommandRun's time limit), give SV-235787 the result
/// `error` with a message naming the file and saying what is wrong, and exit 2.
@Suite struct HostileHostFileTests {
  static let daemonJSON = "/etc/docker/daemon.json"

  /// Scans a host prepared by `prepare` (given the scanner's path of daemon.json) and checks the rule's error.
  func ruleIsAnError(expecting reason: String, _ prepare: (String) throws -> Void) throws {
    let host = try FakeHost()
    let output = try TemporaryFolder()
    defer {
      host.remove()
      output.remove()
    }
    let path = host.root.appendingPathComponent(String(Self.daemonJSON.dropFirst())).path
    try FileManager.default.createDirectory(
      atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path, withIntermediateDirectories: true)
    try prepare(path)
    let run = try LogDriverFixture.scan(root: host.root.path, output: output.path)
    #expect(run.command.status == 2, "\(run.command.standardError)")
    let arf = try #require(run.arfPath, "no ARF written: \(run.command.standardError)")
    let result = try #require(try ScanRun.ruleResult(inARF: arf))
    #expect(result.result == "error")
    #expect(
      result.messages.contains { $0.contains(Self.daemonJSON) && $0.contains(reason) }, "\(result.messages)")
  }

  @Test func fifo() throws {
    try ruleIsAnError(expecting: "is a FIFO, not a regular file") { path in
      #expect(mkfifo(path, 0o644) == 0)
    }
  }

  @Test func fifoWithAWriterThatNeverWrites() throws {
    var writer: BackgroundCommand?
    try ruleIsAnError(expecting: "is a FIFO, not a regular file") { path in
      #expect(mkfifo(path, 0o644) == 0)
      writer = try BackgroundCommand("/bin/sh", ["-c", "exec 3>\"$0\"; sleep 30", path])
    }
    writer?.stop()
  }

  @Test func listeningSocketThatNeverAnswers() throws {
    var descriptor: Int32 = -1
    try ruleIsAnError(expecting: "is a socket, not a regular file") { path in
      descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
      var address = sockaddr_un()
      address.sun_family = sa_family_t(AF_UNIX)
      let bytes = Array(path.utf8)
      try #require(bytes.count < MemoryLayout.size(ofValue: address.sun_path))
      withUnsafeMutableBytes(of: &address.sun_path) { buffer in
        buffer.copyBytes(from: bytes)
        buffer[bytes.count] = 0
      }
      let bound = withUnsafePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
        }
      }
      #expect(bound == 0)
      #expect(listen(descriptor, 1) == 0)
    }
    close(descriptor)
  }

  /// /dev/zero's own device (character 1:5) inside the fake root, reached through an absolute symbolic link as on a
  /// real host: reading it would never end. Creating a device needs root.
  @Test(.enabled(if: Prerequisites.isRoot, "needs root (mknod needs CAP_MKNOD)"))
  func characterDeviceBehindASymbolicLink() throws {
    try ruleIsAnError(expecting: "is a character device, not a regular file") { path in
      let root = URL(fileURLWithPath: path).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
      let devices = root.appendingPathComponent("dev")
      try FileManager.default.createDirectory(at: devices, withIntermediateDirectories: true)
      // makedev(1, 5) in glibc's encoding: the minor number's low byte, then the major number.
      let zeroDevice = dev_t(1 << 8 | 5)
      #expect(mknod(devices.appendingPathComponent("zero").path, S_IFCHR | 0o666, zeroDevice) == 0)
      try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "/dev/zero")
    }
  }

  @Test func symbolicLinkLoop() throws {
    try ruleIsAnError(expecting: "too many levels of symbolic links") { path in
      try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "daemon.json")
    }
  }

  @Test func symbolicLinksThatPointAtEachOther() throws {
    try ruleIsAnError(expecting: "too many levels of symbolic links") { path in
      let other = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("other.json").path
      try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "other.json")
      try FileManager.default.createSymbolicLink(atPath: other, withDestinationPath: "/etc/docker/daemon.json")
    }
  }

  @Test func folder() throws {
    try ruleIsAnError(expecting: "is a directory, not a regular file") { path in
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
    }
  }

  @Test func invalidUTF8() throws {
    try ruleIsAnError(expecting: "not UTF-8") { path in
      try Data([0x7B, 0x22, 0x6C, 0x6F, 0x67, 0x2D, 0xFF, 0xFE, 0x22, 0x7D]).write(to: URL(fileURLWithPath: path))
    }
  }

  @Test(arguments: [
    #"{"log-driver": "syslog","#, "{\"log-driver\": \"syslog\"}\n}", "\u{0}\u{1}\u{2}",
  ])
  func invalidJSON(_ text: String) throws {
    try ruleIsAnError(expecting: "daemon.json:") { path in
      try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }
  }

  @Test(arguments: ["log-driver: [syslog\n  - : :", "log-driver: syslog\n\tlog-opts: {}", "a: &x 1\nb: *y\n"])
  func invalidYAML(_ text: String) throws {
    try ruleIsAnError(expecting: "daemon.json:") { path in
      try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }
  }

  @Test func nestingTooDeep() throws {
    try ruleIsAnError(expecting: "nesting") { path in
      let depth = 100_000
      let text =
        #"{"log-driver": "syslog", "x": "# + String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        + "}"
      try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }
  }

  /// YAML's own billion laughs: nine aliases of nine aliases, twelve deep. Valid YAML; expanding it would take
  /// terabytes.
  @Test func aliasBomb() throws {
    try ruleIsAnError(expecting: "daemon.json") { path in
      var lines = [#"a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]"#]
      for level in 1..<12 {
        lines.append(
          "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ",") + "]")
      }
      lines.append("log-driver: *a11")
      try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: path))
    }
  }
}
