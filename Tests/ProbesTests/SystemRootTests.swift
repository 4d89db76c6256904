import Foundation
import TestSupport
import Testing

@testable import Probes

@Suite("SystemRoot")
struct SystemRootTests {
  private func text(_ host: FakeHost, _ hostPath: String) throws -> String {
    String(decoding: try host.systemRoot.contents(ofFileAtHostPath: hostPath), as: UTF8.self)
  }

  private func failure(_ host: FakeHost, _ hostPath: String) -> HostFileError? {
    do {
      _ = try host.systemRoot.contents(ofFileAtHostPath: hostPath)
      return nil
    } catch {
      return error
    }
  }

  @Test(
    "normalizes the root folder",
    arguments: [
      ("/", "/"), ("/mnt/image/", "/mnt/image"), ("/mnt//image/./x/..", "/mnt/image"), ("/..", "/"),
    ])
  func normalizesRoot(written: String, expected: String) {
    #expect(SystemRoot(written).path == expected)
  }

  @Test("a relative root is taken from the current folder")
  func relativeRoot() {
    let root = SystemRoot("image")
    #expect(root.path == FileManager.default.currentDirectoryPath + "/image")
  }

  @Test("maps a host path below the root")
  func mapsBelowRoot() throws {
    let host = try FakeHost()
    try host.write("/etc/docker/daemon.json", "{}")
    #expect(try host.systemRoot.canonicalHostPath(of: "/etc/docker/daemon.json") == "/etc/docker/daemon.json")
    #expect(try text(host, "/etc/docker/daemon.json") == "{}")
    #expect(try host.systemRoot.canonicalHostPath(of: "/") == "/")
  }

  @Test("the host root maps paths to themselves")
  func hostRoot() throws {
    #expect(try SystemRoot.host.canonicalHostPath(of: "/") == "/")
    #expect(SystemRoot.host.isHostRoot)
  }

  @Test("'..' in a host path stops at the root")
  func dotDotStopsAtRoot() throws {
    let host = try FakeHost()
    try host.write("/etc/passwd", "fake passwd")
    #expect(try text(host, "/../../../../etc/passwd") == "fake passwd")
    #expect(try text(host, "/etc/../../etc/./passwd") == "fake passwd")
  }

  @Test("an absolute link target is re-rooted under the root")
  func absoluteLinkIsReRooted() throws {
    let host = try FakeHost()
    try host.write("/real/daemon.json", "inside")
    try host.link("/etc/docker/daemon.json", to: "/real/daemon.json")
    #expect(try text(host, "/etc/docker/daemon.json") == "inside")
    #expect(try host.systemRoot.canonicalHostPath(of: "/etc/docker/daemon.json") == "/real/daemon.json")
  }

  @Test("an absolute link to a file outside the root does not reach it")
  func absoluteLinkCannotEscape() throws {
    let outside = try FakeHost()
    try outside.write("/secret", "outside")
    let host = try FakeHost()
    try host.link("/etc/shadow", to: outside.folder + "/secret")
    #expect(failure(host, "/etc/shadow")?.kind == .doesNotExist)
    // The same path inside the root is what the link names.
    try host.write(outside.folder + "/secret", "inside")
    #expect(try text(host, "/etc/shadow") == "inside")
  }

  @Test("'..' in a link target cannot climb above the root")
  func relativeLinkCannotEscape() throws {
    let outside = try FakeHost()
    try outside.write("/secret", "outside")
    let host = try FakeHost()
    let climb = String(repeating: "../", count: 30)
    try host.link("/etc/link", to: climb + outside.folder.dropFirst() + "/secret")
    #expect(failure(host, "/etc/link")?.kind == .doesNotExist)
    try host.write("/etc/passwd", "fake passwd")
    try host.link("/var/lib/passwd", to: climb + "etc/passwd")
    #expect(try text(host, "/var/lib/passwd") == "fake passwd")
  }

  @Test("relative links and links to folders resolve inside the root")
  func relativeLinksAndFolders() throws {
    let host = try FakeHost()
    try host.write("/opt/docker/daemon.json", "via folder")
    try host.link("/etc/docker", to: "../opt/docker")
    #expect(try text(host, "/etc/docker/daemon.json") == "via folder")
    try host.link("/etc/alias.json", to: "docker/daemon.json")
    #expect(try text(host, "/etc/alias.json") == "via folder")
  }

  @Test("a symbolic link loop is refused, not followed forever")
  func loopIsRefused() throws {
    let host = try FakeHost()
    try host.link("/etc/a", to: "/etc/b")
    try host.link("/etc/b", to: "a")
    try host.link("/etc/self", to: "self")
    for path in ["/etc/a", "/etc/self", "/etc/a/daemon.json"] {
      let error = try #require(failure(host, path))
      #expect(error.kind == .unreadable)
      #expect(error.reason.contains("too many levels of symbolic links"))
      #expect(error.description.hasPrefix(path + ": "))
    }
  }

  @Test("a chain of links within the hop limit resolves")
  func chainWithinLimit() throws {
    let host = try FakeHost()
    try host.write("/etc/target", "end of chain")
    try host.link("/etc/link0", to: "target")
    for index in 1..<SystemRoot.maximumSymbolicLinkHops {
      try host.link("/etc/link\(index)", to: "link\(index - 1)")
    }
    #expect(try text(host, "/etc/link\(SystemRoot.maximumSymbolicLinkHops - 1)") == "end of chain")
    try host.link("/etc/one-too-many", to: "link\(SystemRoot.maximumSymbolicLinkHops - 1)")
    #expect(failure(host, "/etc/one-too-many")?.kind == .unreadable)
  }

  @Test("missing files and paths through files do not exist")
  func missing() throws {
    let host = try FakeHost()
    try host.write("/etc/passwd", "x")
    for path in ["/etc/nothing", "/nothing/at/all", "/etc/passwd/child", "/etc/passwd/..", "/etc/passwd/."] {
      let error = try #require(failure(host, path))
      #expect(error.kind == .doesNotExist, "\(path)")
    }
    try host.link("/etc/dangling", to: "/nowhere")
    #expect(failure(host, "/etc/dangling")?.kind == .doesNotExist)
  }

  @Test("a folder and a FIFO are refused with their kind, without blocking")
  func folderAndFIFO() throws {
    let host = try FakeHost()
    try host.makeFolder("/etc/docker")
    try host.makeFIFO("/run/fifo")
    let folder = try #require(failure(host, "/etc/docker"))
    #expect(folder.kind == .unreadable)
    #expect(folder.description == "/etc/docker: cannot read file: is a directory, not a regular file")
    let fifo = try #require(failure(host, "/run/fifo"))
    #expect(fifo.kind == .unreadable)
    #expect(fifo.description == "/run/fifo: cannot read file: is a FIFO, not a regular file")
  }

  @Test("an unreadable file gives errno's reason", .enabled(if: !Prerequisites.isRoot, "root reads any file"))
  func unreadable() throws {
    let host = try FakeHost()
    try host.write("/etc/secret", "x")
    try host.setPermissions("/etc/secret", 0)
    let error = try #require(failure(host, "/etc/secret"))
    #expect(error.kind == .unreadable)
    #expect(error.reason == "permission denied")
  }

  @Test("a relative host path is refused")
  func relativeHostPath() throws {
    let host = try FakeHost()
    #expect(
      failure(host, "etc/passwd")
        == HostFileError(
          hostPath: "etc/passwd", kind: .unreadable, reason: "not an absolute path"))
  }
}
