import Foundation
import Synchronization
import Testing

@testable import Probes

/// A folder of the scanned tree swapped for a link to a folder outside the root, again and again, while the probes read
/// through it (as a running container's rootfs can do to a scan of it): no read may ever return the outside file.
@Suite("SystemRoot under a racing swap")
struct SystemRootRaceTests {
  /// How often the readers read; bounded, and enough for the old path-string reads to escape many times.
  static let rounds = 4000

  /// A host whose `/etc/conf` folder (holding `value`, "inside") a background thread keeps swapping with `/etc/alt`, a
  /// link to an outside folder holding a `value` of "outside".
  final class SwappedHost {
    let host: FakeHost
    let outside: FakeHost
    private let swapper: Swapper

    init() throws {
      outside = try FakeHost()
      try outside.write("/value", "outside")
      host = try FakeHost()
      try host.write("/etc/conf/value", "inside")
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
      guard let data = try? swapped.host.root.contents(ofFileAtHostPath: "/etc/conf/value") else { continue }
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
      TextFileContent54ProbeTests.object(file: "<ind:filepath>/etc/conf/value</ind:filepath>", pattern: "^.*$"),
      TextFileContent54ProbeTests.object(
        file: #"<ind:path operation="pattern match">^/etc/.*</ind:path><ind:filename>value</ind:filename>"#,
        pattern: "^.*$"),
    ]
    var texts: Set<String> = []
    for round in 0..<(Self.rounds / 10) {
      let collected = try await swapped.host.collect(objects[round % objects.count])
      texts.formUnion(collected.values(of: "text"))
    }
    #expect(!texts.contains("outside"))
  }
}
