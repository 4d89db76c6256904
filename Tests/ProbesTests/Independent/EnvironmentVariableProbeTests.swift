import Foundation
import OVAL
import TestSupport
import Testing

@testable import Probes

@Suite("environmentvariable58_object and environmentvariable_object")
struct EnvironmentVariableProbeTests {
  @Test("a nil pid reads the scanner's own environment")
  func ownEnvironment() async throws {
    let host = try FakeHost()
    let collected = try await host.collect(
      """
      <ind:environmentvariable58_object id="oval:t:obj:1" version="1">
        <ind:pid xsi:nil="true" datatype="int"/><ind:name>PATH</ind:name>
      </ind:environmentvariable58_object>
      """)
    #expect(collected.flag == .complete)
    let item = try #require(collected.items.first)
    #expect(item.entities.map(\.name) == ["pid", "name", "value"])
    #expect(item.value(of: "pid") == String(getpid()))
    #expect(item.value(of: "value") == ProcessInfo.processInfo.environment["PATH"])
  }

  @Test("other processes are read from /proc under the root; an unreadable one is an error item")
  func otherProcesses() async throws {
    let host = try FakeHost()
    try host.write("/proc/42/environ", bytes: Array("HOME=/root\u{0}SHELL=/bin/sh\u{0}junk\u{0}".utf8))
    try host.write("/proc/43/environ", "")
    try host.makeFolder("/proc/44/environ")
    let collected = try await host.collect(
      """
      <ind:environmentvariable58_object id="oval:t:obj:1" version="1">
        <ind:pid datatype="int" operation="greater than">0</ind:pid><ind:name operation="pattern match">^(HOME|SHELL)$</ind:name>
      </ind:environmentvariable58_object>
      """)
    #expect(collected.items.filter { $0.status == .exists }.map { $0.value(of: "name") } == ["HOME", "SHELL"])
    #expect(collected.items.filter { $0.status == .exists }.map { $0.value(of: "pid") } == ["42", "42"])
  }

  @Test("the deprecated object selects the scanner's variables by name")
  func deprecatedObject() async throws {
    let host = try FakeHost()
    let collected = try await host.collect(
      """
      <ind:environmentvariable_object id="oval:t:obj:1" version="1">
        <ind:name operation="pattern match">^PATH$</ind:name>
      </ind:environmentvariable_object>
      """)
    #expect(collected.values(of: "name") == ["PATH"])
  }

  @Test("environment blocks split at NUL bytes and the first '='")
  func blocks() {
    let pairs = EnvironmentBlock.pairs(in: Array("A=1=2\u{0}\u{0}B=\u{0}C\u{0}".utf8))
    #expect(pairs.map(\.0) == ["A", "B"])
    #expect(pairs.map(\.1) == ["1=2", ""])
  }
}
