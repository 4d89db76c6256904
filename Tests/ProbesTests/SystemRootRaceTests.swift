import Foundation
import Synchronization
import TestSupport
import Testing

@testable import Probes

/// A folder of the scanned tree swapped for a link to a folder outside the root, again and again, while the probes read
/// through it (as a running container's rootfs can do to a scan of it): no read may ever return the outside file.
@Suite("SystemRoot under a racing swap")
struct SystemRootRaceTests {
  /// How often the readers read; bounded, and enough for the old path-string reads to escape many times.
  static let rounds = 10000

  /// The file read below the swapped folder: deep, so that a path string resolved before the open goes through the
  /// swapped folder well before its last component is opened.
  static let below = "/a/b/c/d/value"

  /// A host whose `/etc/conf` folder (holding `a/b/c/d/value`, "inside") a background thread keeps swapping with
  /// `/etc/alt`, a link to an outside folder holding the same path with "outside".
  final class SwappedHost {
    let host: FakeHost
    let outside: FakeHost
    private let swapper: Swapper

    init() throws {
      outside = try FakeHost()
      try outside.write(SystemRootRaceTests.below, "outside")
      host = try FakeHost()
      try host.write("/etc/conf" + SystemRootRaceTests.below, "inside")
      try host.link("/etc/alt", to: outside.folder)
      swapper = Swapper(
        folder: host.scannerPath("/etc/conf"), link: host.scannerPath("/etc/alt"), held: host.scannerPath("/etc/held"))
    }

    func startSwapping() { swapper.start() }
    func stopSwapping() { swapper.stop() }
  }

  /// Plain renames in a loop on a thread of its own, so that `folder` is now the folder, now the link.
  final class Swapper: Sendable {
    let folder: String
    let link: String
    let held: String
    private let stopped = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)

    init(folder: String, link: String, held: String) {
      self.folder = folder
      self.link = link
      self.held = held
    }

    func start() {
      Thread.detachNewThread { [self] in
        while !stopped.load(ordering: .relaxed) {
          rename(folder, held)
          rename(link, folder)
          rename(folder, link)
          rename(held, folder)
        }
        finished.signal()
      }
    }

    func stop() {
      stopped.store(true, ordering: .relaxed)
      finished.wait()
    }
  }

  @Test("a file read through a folder being swapped for a link never comes from outside the root")
  func readsStayInside() throws {
    let swapped = try SwappedHost()
    swapped.startSwapping()
    defer { swapped.stopSwapping() }
    var outsideReads = 0
    var insideReads = 0
    for _ in 0..<Self.rounds {
      guard let data = try? swapped.host.systemRoot.contents(ofFileAtHostPath: "/etc/conf" + Self.below) else {
        continue
      }
      let text = String(decoding: data, as: UTF8.self)
      if text == "outside" { outsideReads += 1 }
      if text == "inside" { insideReads += 1 }
    }
    #expect(outsideReads == 0)
    #expect(insideReads > 0)
  }

  @Test("content probes walking a folder being swapped for a link never report the outside file")
  func probesStayInside() async throws {
    let swapped = try SwappedHost()
    swapped.startSwapping()
    defer { swapped.stopSwapping() }
    let objects = [
      TextFileContent54ProbeTests.object(file: "<ind:filepath>/etc/conf\(Self.below)</ind:filepath>", pattern: "^.*$"),
      TextFileContent54ProbeTests.object(
        file: #"<ind:path operation="pattern match">^/etc/.*</ind:path><ind:filename>value</ind:filename>"#,
        pattern: "^.*$"),
    ]
    var texts: Set<String> = []
    for round in 0..<(Self.rounds / 25) {
      let collected = try await swapped.host.collect(objects[round % objects.count])
      texts.formUnion(collected.values(of: "text"))
    }
    #expect(!texts.contains("outside"))
  }
}
