import Foundation
import OVAL
import TestSupport
import Testing

@testable import Probes

@Suite("runlevel_object")
struct RunlevelProbeTests {
  @Test("S links start a script in a runlevel, K links stop it, no link neither")
  func links() async throws {
    let host = try FakeHost()
    try host.write("/etc/init.d/ssh", "#!/bin/sh\n")
    try host.write("/etc/init.d/cron", "#!/bin/sh\n")
    try host.link("/etc/rc2.d/S01ssh", to: "../init.d/ssh")
    try host.link("/etc/rc0.d/K01ssh", to: "../init.d/ssh")
    try host.makeFolder("/etc/rc3.d")
    let collected = try await host.collect(
      """
      <unix:runlevel_object id="oval:t:obj:1" version="1">
        <unix:service_name>ssh</unix:service_name><unix:runlevel operation="pattern match">^[023]$</unix:runlevel>
      </unix:runlevel_object>
      """)
    let byLevel = Dictionary(
      uniqueKeysWithValues: collected.items.map {
        ($0.value(of: "runlevel") ?? "", "\($0.value(of: "start") ?? "")/\($0.value(of: "kill") ?? "")")
      })
    #expect(byLevel == ["0": "false/true", "2": "true/false", "3": "false/false"])
  }

  @Test("a host without init scripts is an error")
  func noInitScripts() async throws {
    let host = try FakeHost()
    let collected = try await host.collect(
      #"<unix:runlevel_object id="oval:t:obj:1" version="1"><unix:service_name>ssh</unix:service_name><unix:runlevel>2</unix:runlevel></unix:runlevel_object>"#
    )
    #expect(collected.flag == .error)
  }
}
