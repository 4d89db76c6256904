import Foundation
import OVAL
import TestSupport
import Testing

@testable import Probes

@Suite("systemdunitproperty_object and systemdunitdependency_object")
struct SystemdUnitProbeTests {
  static let property = """
    <linux:systemdunitproperty_object id="oval:t:obj:1" version="1">
      <linux:unit operation="pattern match">^(sshd|multi-user)</linux:unit>
      <linux:property operation="pattern match">^(ActiveState|Names|Wants|CanStart)$</linux:property>
    </linux:systemdunitproperty_object>
    """
  static let dependency = """
    <linux:systemdunitdependency_object id="oval:t:obj:1" version="1">
      <linux:unit>multi-user.target</linux:unit>
    </linux:systemdunitdependency_object>
    """

  /// A busctl that answers like systemd on a host with sshd.service wanted by multi-user.target.
  static let fakeBusctl = #"""
    #!/bin/sh
    # arguments: --system --json=short call DESTINATION PATH INTERFACE METHOD [SIGNATURE ARGS...]
    path="$5"; method="$7"
    case "$method" in
      ListUnits) echo '{"type":"a(ssssssouso)","data":[[["sshd.service","d","loaded","active","running","","/o",0,"",""],["multi-user.target","d","loaded","active","active","","/o",0,"",""],["basic.target","d","loaded","active","active","","/o",0,"",""]]]}' ;;
      LoadUnit) echo "{\"type\":\"o\",\"data\":[\"/unit/$9\"]}" ;;
      GetAll)
        case "$path" in
          /unit/sshd.service) echo '{"type":"a{sv}","data":[{"ActiveState":{"type":"s","data":"active"},"Names":{"type":"as","data":["sshd.service","ssh.service"]},"CanStart":{"type":"b","data":true},"InactiveExitTimestamp":{"type":"t","data":18446744073709551615}}]}' ;;
          *) echo '{"type":"a{sv}","data":[{"ActiveState":{"type":"s","data":"active"},"Wants":{"type":"as","data":["sshd.service","basic.target"]}}]}' ;;
        esac ;;
      Get)
        case "$path ${10}" in
          "/unit/multi-user.target Wants") echo '{"type":"v","data":[{"type":"as","data":["sshd.service","basic.target"]}]}' ;;
          "/unit/basic.target Requires") echo '{"type":"v","data":[{"type":"as","data":["sshd.service","sysinit.target"]}]}' ;;
          *) echo '{"type":"v","data":[{"type":"as","data":[]}]}' ;;
        esac ;;
      *) exit 1 ;;
    esac
    """#

  private func collector(busctl: String?) throws -> (SystemCollector, FakeHost) {
    let host = try FakeHost()
    let session = CollectionSession(root: .host, itemLimit: 1000)
    var bus: SystemdBus?
    if let busctl {
      let path = host.scannerPath("/busctl")
      try busctl.write(toFile: path, atomically: true, encoding: .utf8)
      chmod(path, 0o755)
      bus = SystemdBus(executable: path)
    }
    _ = session.table("systemd bus") { bus }
    return (SystemCollector(session: session), host)
  }

  @Test("without systemd's bus, both objects are errors with OpenSCAP's message")
  func noBus() async throws {
    let (collector, host) = try collector(busctl: nil)
    _ = host
    for object in [Self.property, Self.dependency] {
      let collected = await collector.collect(try objectRequest(object))
      #expect(collected.flag == .error)
      #expect(collected.messageText == "DBus connection failed, could not identify systemd units.")
    }
  }

  @Test("offline (--root) scans report not collected")
  func offline() async throws {
    let host = try FakeHost()
    let collected = try await host.collect(Self.property)
    #expect(collected.flag == .notCollected)
  }

  @Test("unit properties as OpenSCAP writes D-Bus values: one value per array element")
  func properties() async throws {
    let (collector, host) = try collector(busctl: Self.fakeBusctl)
    _ = host
    let collected = await collector.collect(try objectRequest(Self.property))
    #expect(collected.flag == .complete, "\(collected.messageText)")
    let sshd = collected.items.filter { $0.value(of: "unit") == "sshd.service" }
    #expect(sshd.map { $0.value(of: "property") } == ["ActiveState", "CanStart", "Names"])
    #expect(sshd.last?.entities(named: "value").map(\.value) == ["sshd.service", "ssh.service"])
    #expect(sshd.dropFirst().first?.value(of: "value") == "true")
  }

  @Test("dependencies of a target, followed through targets, each once")
  func dependencies() async throws {
    let (collector, host) = try collector(busctl: Self.fakeBusctl)
    _ = host
    let collected = await collector.collect(try objectRequest(Self.dependency))
    #expect(
      collected.items.first?.entities(named: "dependency").map(\.value) == [
        "sshd.service", "basic.target", "sysinit.target",
      ])
  }

  @Test("64-bit values keep every digit")
  func bigNumbers() {
    #expect(SystemdBus.text(of: .number("18446744073709551615"), type: "t") == "18446744073709551615")
    #expect(SystemdBus.text(of: .bool(false), type: "b") == "false")
    #expect(SystemdBus.text(of: .array([.string("a"), .string("b")]), type: "as") == "a, b")
  }
}
