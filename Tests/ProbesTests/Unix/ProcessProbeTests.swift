import Foundation
import OVAL
import TestSupport
import Testing

@testable import Probes

@Suite("process58_object and process_object")
struct ProcessProbeTests {
  /// A fake /proc: sshd (pid 100), a zombie (pid 101), a kernel thread (pid 2) and its child (pid 3).
  private func host() throws -> FakeHost {
    let host = try FakeHost()
    func stat(_ pid: Int, _ name: String, _ state: String, _ parent: Int) -> String {
      // pid (comm) state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime
      // priority nice num_threads itrealvalue starttime
      "\(pid) (\(name)) \(state) \(parent) \(pid) \(pid) 34816 0 0 0 0 0 0 6000 500 0 0 20 0 1 0 100\n"
    }
    try host.write("/proc/stat", "cpu 1 2 3\nbtime 1700000000\n")
    try host.write("/proc/100/stat", stat(100, "sshd", "S", 1))
    try host.write("/proc/100/cmdline", bytes: Array("/usr/sbin/sshd\u{0}-D\u{0}".utf8))
    try host.write("/proc/100/status", "Name:\tsshd\nUid:\t0\t0\t0\t0\nCapEff:\t0000000000000401\n")
    try host.write("/proc/100/loginuid", "4294967295")
    try host.write("/proc/101/stat", stat(101, "defunct one", "Z", 100))
    try host.write("/proc/2/stat", stat(2, "kthreadd", "S", 0))
    try host.write("/proc/3/stat", stat(3, "kworker/0:0", "I", 2))
    return host
  }

  @Test("processes with the fields OpenSCAP reports; kernel threads are left out")
  func process58() async throws {
    let collected = try await host().collect(
      """
      <unix:process58_object id="oval:t:obj:1" version="1">
        <unix:command_line operation="pattern match">.*</unix:command_line>
        <unix:pid datatype="int" operation="greater than">0</unix:pid>
      </unix:process58_object>
      """)
    #expect(collected.values(of: "command_line") == ["/usr/sbin/sshd -D", "[defunct one] <defunct>"])
    let sshd = try #require(collected.items.first)
    #expect(sshd.value(of: "ppid") == "1" && sshd.value(of: "user_id") == "0")
    #expect(sshd.value(of: "exec_time") == "00:01:05")
    #expect(sshd.value(of: "tty") == "pts/0")
    #expect(sshd.entities(named: "posix_capability").map(\.value) == ["CAP_CHOWN", "CAP_NET_BIND_SERVICE"])
    #expect(sshd.value(of: "loginuid") == "4294967295")
    #expect(sshd.entities.last?.name == "session_id")
  }

  @Test("a nil pid selects every process; command_line selects by its whole text")
  func nilPid() async throws {
    let collected = try await host().collect(
      """
      <unix:process58_object id="oval:t:obj:1" version="1">
        <unix:command_line>/usr/sbin/sshd -D</unix:command_line><unix:pid xsi:nil="true" datatype="int"/>
      </unix:process58_object>
      """)
    #expect(collected.values(of: "pid") == ["100"])
  }

  @Test("the deprecated process_object selects by the executable's name")
  func processObject() async throws {
    let collected = try await host().collect(
      #"<unix:process_object id="oval:t:obj:1" version="1"><unix:command>sshd</unix:command></unix:process_object>"#)
    #expect(collected.values(of: "command") == ["sshd"])
  }

  @Test("command lines as ps shows them; CPU time and terminal names as ps writes them")
  func formats() {
    #expect(ProcessTable.commandLine(Array("a\u{0}b\nc\u{7}\u{0}\u{0}".utf8)) == "a b c.")
    #expect(ProcessTable.duration(90061) == "1-01:01:01")
    #expect(ProcessTable.terminalName(0) == "?")
    #expect(ProcessTable.terminalName(4 << 8 | 1) == "tty1")
  }
}
