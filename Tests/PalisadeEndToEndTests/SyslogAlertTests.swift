import Foundation
import TestSupport
import Testing

/// Alerts through a syslog listener on a test socket (`--syslog-socket PATH`): a summary after each run, an
/// error-priority message when the scan itself fails.
@Suite struct SyslogAlertTests {
  static func scan(
    root: String, output: String, content: String = LogDriverFixture.content, _ extra: [String]
  ) throws -> CommandResult {
    try CommandRun.run(
      ProjectPaths.palisade, ["scan", "--content", content, "--root", root, "--output-dir", output, "--quiet"] + extra)
  }

  @Test func summaryAfterARunWithFindings() throws {
    let host = try FakeHost()
    let output = try TemporaryFolder()
    let syslog = try SyslogListener()
    defer {
      host.remove()
      output.remove()
    }
    try host.write("/etc/docker/daemon.json", #"{"log-driver": "json-file"}"#)
    let result = try Self.scan(root: host.root.path, output: output.path, ["--syslog-socket", syslog.path])
    #expect(result.status == 2)
    let messages = syslog.messages()
    #expect(messages.count == 1)
    let message = try #require(messages.first)
    // facility daemon (3), severity warning (4)
    #expect(SyslogListener.priority(of: message) == 28)
    #expect(message.contains(" palisade \(try #require(Self.pid(of: message))) scan-summary "))
    #expect(message.contains("status=findings pass=0 fail=1 error=0 unknown=0"))
    let arf = try #require(ScanRun.latestARF(in: output.path))
    let runFolder = URL(fileURLWithPath: arf).resolvingSymlinksInPath().deletingLastPathComponent().path
    #expect(message.hasSuffix("results=\(runFolder)"), "\(message)")
  }

  @Test func summaryOfACompliantRunIsInformationalWithTheFacilityAsked() throws {
    let host = try FakeHost()
    let output = try TemporaryFolder()
    let syslog = try SyslogListener()
    defer {
      host.remove()
      output.remove()
    }
    try host.write("/etc/docker/daemon.json", #"{"log-driver": "syslog"}"#)
    let result = try Self.scan(
      root: host.root.path, output: output.path, ["--syslog-socket", syslog.path, "--syslog-facility", "local4"])
    #expect(result.status == 0)
    let message = try #require(syslog.messages().first)
    #expect(SyslogListener.priority(of: message) == 20 * 8 + 6)
    #expect(message.contains("status=compliant pass=1 fail=0"))
  }

  @Test func malformedContentSendsAnErrorPriorityMessage() throws {
    let host = try FakeHost()
    let output = try TemporaryFolder()
    let folder = try TemporaryFolder()
    let syslog = try SyslogListener()
    defer {
      host.remove()
      output.remove()
      folder.remove()
    }
    let content = folder.url.appendingPathComponent("broken.xml").path
    try Data("<ds:data-stream-collection xmlns:ds=\"x\">\n<unclosed>\n".utf8).write(to: URL(fileURLWithPath: content))
    let result = try Self.scan(
      root: host.root.path, output: output.path, content: content, ["--syslog-socket", syslog.path])
    #expect(result.status == 1)
    let message = try #require(syslog.messages().first)
    #expect(SyslogListener.priority(of: message) == 3 * 8 + 3)
    #expect(message.contains(" scan-failed "))
    #expect(message.contains("reason=content output=\(output.path)"))
    #expect(message.contains("message=\"\(content):3:1: error: "), "\(message)")
    #expect(output.files().isEmpty)
  }

  @Test func unwritableOutputSendsAnErrorPriorityMessage() throws {
    let host = try FakeHost()
    let syslog = try SyslogListener()
    defer { host.remove() }
    let result = try Self.scan(
      root: host.root.path, output: "/proc/palisade-results", ["--syslog-socket", syslog.path])
    #expect(result.status == 1)
    let message = try #require(syslog.messages().first)
    #expect(SyslogListener.priority(of: message) == 27)
    #expect(message.contains("reason=output"))
  }

  @Test func aLockHeldByAnotherRunIsAnError() throws {
    let host = try StalledScanHost()
    let output = try TemporaryFolder()
    let syslog = try SyslogListener()
    defer {
      host.remove()
      output.remove()
    }
    let first = try BackgroundCommand(
      ProjectPaths.palisade, host.scanArguments(output: output.path))
    try ScheduledScanTests.waitForLock(in: output.path)
    let second = try Self.scan(root: host.root.path, output: output.path, ["--syslog-socket", syslog.path])
    #expect(second.status == 1)
    #expect(try first.finish().status == 0)
    let message = try #require(syslog.messages().first)
    #expect(SyslogListener.priority(of: message) == 27)
    #expect(message.contains("reason=locked"))
    #expect(message.contains("(pid \(first.pid))"))
  }

  @Test func anAbsentSyslogIsAWarningAndTheExitCodeStays() throws {
    let host = try FakeHost()
    let output = try TemporaryFolder()
    defer {
      host.remove()
      output.remove()
    }
    try host.write("/etc/docker/daemon.json", #"{"log-driver": "syslog"}"#)
    let result = try Self.scan(root: host.root.path, output: output.path, ["--syslog-socket", "/nonexistent/log"])
    #expect(result.status == 0)
    #expect(
      result.standardError
        == "palisade: warning: cannot send to syslog socket /nonexistent/log: no such file or directory\n")
  }

  static func pid(of message: String) -> Int? {
    // <PRI>1 TIMESTAMP HOST APP PROCID ...
    let fields = message.split(separator: " ")
    return fields.count > 4 ? Int(fields[4]) : nil
  }
}
