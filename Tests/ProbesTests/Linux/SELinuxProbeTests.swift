import Foundation
import OVAL
import TestSupport
import Testing

@testable import Probes

@Suite("selinuxboolean_object and selinuxsecuritycontext_object")
struct SELinuxProbeTests {
  @Test("without SELinux both objects are not applicable", .enabled(if: SELinux.fileSystem == nil))
  func notApplicable() async throws {
    let host = try FakeHost()
    let boolean = try await host.collect(
      #"<linux:selinuxboolean_object id="oval:t:obj:1" version="1"><linux:name>httpd_can_network_connect</linux:name></linux:selinuxboolean_object>"#
    )
    #expect(boolean.flag == .notApplicable)
    let context = try await host.collect(
      #"<linux:selinuxsecuritycontext_object id="oval:t:obj:1" version="1"><linux:filepath>/etc/passwd</linux:filepath></linux:selinuxsecuritycontext_object>"#
    )
    #expect(context.flag == .notApplicable)
    #expect(context.messageText.contains("SELinux is not enabled"))
  }

  @Test("security contexts split into user, role, type and levels")
  func contexts() {
    let entities = SELinux.contextEntities("system_u:system_r:sshd_t:s0-s0:c0.c1023")
    #expect(entities.map(\.name) == ["user", "role", "type", "low_sensitivity", "high_sensitivity", "high_category"])
    #expect(entities.map(\.value) == ["system_u", "system_r", "sshd_t", "s0", "s0", "c0.c1023"])
  }
}
