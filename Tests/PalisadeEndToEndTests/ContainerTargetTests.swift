import Foundation
import TestSupport
import Testing
import XMLSupport

extension RealDockerDaemonTests {
  /// `palisade scan --image`, `--container` and `--all-containers` against a real dockerd, on an image made with
  /// `docker import` from a tree built here (`DebianLikeTree`).
  @Suite(
    .enabled(
      if: Prerequisites.canStartDockerd && Prerequisites.docker != nil && Prerequisites.busybox != nil,
      "needs dockerd and docker (docker.io), busybox-static and root"))
  struct ContainerTargets {
    static let image = "palisade-test/debian:11"

    /// The Debian-like tree (changed by `prepare` first), a daemon holding it as `image`, a folder to be TMPDIR and
    /// one for results; all removed when the fixture goes away.
    final class Fixture {
      let tree: FakeHost
      let daemon: DockerDaemon
      let temporary: TemporaryFolder
      let output: TemporaryFolder

      init(prepare: (FakeHost) throws -> Void = { _ in }) throws {
        tree = try DebianLikeTree.make()
        temporary = try TemporaryFolder()
        output = try TemporaryFolder()
        do {
          try prepare(tree)
          daemon = try DockerDaemon.start(configuration: "{}")
        } catch {
          tree.remove()
          temporary.remove()
          output.remove()
          throw error
        }
        do {
          try DebianLikeTree.importImage(tree, as: image, into: daemon)
        } catch {
          daemon.stop()
          throw error
        }
      }

      deinit {
        daemon.stop()
        tree.remove()
        temporary.remove()
        output.remove()
      }
    }

    /// Runs `palisade scan` with `arguments`, the daemon's address and `--output-dir output`.
    static func scan(_ arguments: [String], daemon: String, output: String, environment: [String: String] = [:])
      throws -> CommandResult
    {
      try CommandRun.run(
        ProjectPaths.palisade, ["scan", "--docker-host", daemon, "--output-dir", output, "--quiet"] + arguments,
        environment: environment, timeout: 600)
    }

    /// The rules whose results differ between two scans, for the failure message.
    static func differences(_ first: [String: String], _ second: [String: String]) -> [String] {
      Set(first.keys).union(second.keys).filter { first[$0] != second[$0] }.sorted().map {
        "\($0): \(first[$0] ?? "-") / \(second[$0] ?? "-")"
      }
    }

    /// The image scanned through the API (by `scan` and by `xccdf eval`), the same tree scanned with `--root` and read
    /// by oscap through
    /// OSCAP_PROBE_ROOT give every rule the same result; so do a container of that image scanned through the API and
    /// oscap on the container's export unpacked by `tar` (which holds what Docker adds to a container: /.dockerenv,
    /// which makes SSG's "machine" platform false, /etc/hostname...).
    @Test(
      .enabled(if: Prerequisites.oscap != nil && Prerequisites.hasSSGDebian11, "needs oscap and ssg-debian"),
      arguments: ["standard", "anssi_np_nt28_high"])
    func ssgResultsMatchTheUnpackedTreeAndOscap(profile: String) throws {
      let oscap = try #require(Prerequisites.oscap)
      let fixture = try Fixture()
      let (tree, daemon, output) = (fixture.tree, fixture.daemon, fixture.output)
      try daemon.run(["run", "-d", "--network", "none", "--name", "deb11", Self.image, "/bin/sleep", "600"])
      let content = ["--content", Prerequisites.ssgDebian11, "--profile", profile]
      func palisade(_ target: [String], _ name: String) throws -> [String: String] {
        let folder = output.path + "/" + name
        let result = try Self.scan(content + target, daemon: daemon.dockerHost, output: folder)
        #expect(result.status == 2, "\(result.standardOutput)\(result.standardError)")
        return try RuleResults(arf: try #require(ScanRun.latestARF(in: folder), "\(result.standardError)")).byRule
      }
      func openSCAP(on root: String, _ name: String) throws -> [String: String] {
        let arf = output.path + "/\(name).xml"
        _ = try CommandRun.run(
          oscap, ["xccdf", "eval", "--profile", profile, "--results-arf", arf, Prerequisites.ssgDebian11],
          environment: ["OSCAP_PROBE_ROOT": root], timeout: 600)
        return try RuleResults(arf: arf).byRule
      }
      let image = try palisade(["--image", Self.image], "image")
      let container = try palisade(["--container", "deb11"], "container")
      let root = try palisade(["--root", tree.root.path], "root")
      // oscap's command line takes the same targets.
      let xccdfEvalARF = output.path + "/xccdf-eval.xml"
      let xccdfEval = try CommandRun.run(
        ProjectPaths.palisade,
        [
          "xccdf", "eval", "--docker-host", daemon.dockerHost, "--image", Self.image, "--profile", profile,
          "--results-arf", xccdfEvalARF, Prerequisites.ssgDebian11,
        ], timeout: 600)
      #expect(xccdfEval.status == 2, "\(xccdfEval.standardError)")
      let imageThroughXCCDFEval = try RuleResults(arf: xccdfEvalARF).byRule
      // oscap writes its package cache's temporary files into the tree it reads: it gets copies.
      let treeCopy = output.path + "/tree"
      #expect(try CommandRun.run("/usr/bin/env", ["cp", "-a", tree.root.path, treeCopy]).status == 0)
      let exported = output.path + "/exported"
      try FileManager.default.createDirectory(atPath: exported, withIntermediateDirectories: true)
      try daemon.run(["export", "-o", output.path + "/exported.tar", "deb11"])
      let untar = try CommandRun.run("/usr/bin/env", ["tar", "-xpf", output.path + "/exported.tar", "-C", exported])
      #expect(untar.status == 0, "\(untar.standardError)")
      let oscapOnTree = try openSCAP(on: treeCopy, "oscap-tree")
      let oscapOnExport = try openSCAP(on: exported, "oscap-export")

      let decided = image.values.filter { $0 != "notselected" }
      #expect(decided.count >= 44 && decided.contains("pass") && decided.contains("fail"), "\(image)")
      #expect(image == root, "\(Self.differences(image, root))")
      #expect(image == imageThroughXCCDFEval, "\(Self.differences(image, imageThroughXCCDFEval))")
      #expect(image == oscapOnTree, "\(Self.differences(image, oscapOnTree))")
      #expect(container == oscapOnExport, "\(Self.differences(container, oscapOnExport))")
    }

    /// The bundled Docker content scanned in an image or container that has dockerd installed: the Docker host's
    /// rules do not apply inside, and each says so; the same tree scanned as a host (`--root`) decides them. The
    /// ARF's asset names the container: its id and name, its image as named, and the image's id.
    @Test func theDockerHostRulesDoNotApplyInsideAndTheAssetNamesTheContainer() throws {
      let fixture = try Fixture { tree in
        try tree.installDockerEngine()
        try tree.write("/etc/docker/daemon.json", #"{"log-driver": "json-file"}"#)
      }
      let (tree, daemon, output) = (fixture.tree, fixture.daemon, fixture.output)
      try daemon.run(["create", "--network", "none", "--name", "web01", Self.image, "/bin/sleep", "600"])
      let containerID = try daemon.run(["inspect", "--format", "{{.Id}}", "web01"])
      let imageID = try daemon.run(["image", "inspect", "--format", "{{.Id}}", Self.image])
      let content = ["--content", ProjectPaths.bundledContent]

      let asHost = try Self.scan(content + ["--root", tree.root.path], daemon: daemon.dockerHost, output: output.path)
      let hostResults = try RuleResults(arf: try #require(ScanRun.latestARF(in: output.path), "\(asHost)")).byRule
      #expect(hostResults.values.contains("fail"), "scanned as a host, the tree's Docker rules are decided")

      for (target, folder) in [(["--image", Self.image], "image"), (["--container", "web01"], "container")] {
        let run = try Self.scan(content + target, daemon: daemon.dockerHost, output: output.path + "/" + folder)
        #expect(run.status == 0, "\(run.standardOutput)\(run.standardError)")
        let arf = try #require(ScanRun.latestARF(in: output.path + "/" + folder), "\(run.standardError)")
        let results = try RuleResults(arf: arf)
        #expect(Set(results.byRule.values).isSubset(of: ["notapplicable", "notchecked"]), "\(results.byRule)")
        let notApplicable = results.byRule.filter { $0.value == "notapplicable" }.keys
        #expect(notApplicable.count > 60)
        for rule in notApplicable {
          #expect(results.messages[rule]?.first?.contains("not inside its containers") == true, "\(rule)")
        }
      }

      let document = try XMLDocument(contentsOf: try #require(ScanRun.latestARF(in: output.path + "/container")))
      let namespaces = [
        "ai": "http://scap.nist.gov/schema/asset-identification/1.1", "p": "http://palisade.dev/XMLSchema/asset-1",
        "x": "http://checklists.nist.gov/xccdf/1.2",
      ]
      let asset = try #require(
        try document.elements(
          matching: "//ai:computing-device/ai:extended-information/p:container", namespaces: namespaces
        )
        .first)
      #expect(asset[attribute: "kind"] == "container")
      #expect(asset[attribute: "id"] == containerID)
      #expect(asset[attribute: "name"] == "web01")
      #expect(asset[attribute: "image"] == Self.image)
      #expect(asset[attribute: "image-id"] == imageID)
      #expect(asset[attribute: "image-digest"] == nil, "an imported image has no repository digest")
      let syntheticIDs = try document.elements(
        matching: "//ai:computing-device/ai:synthetic-id", namespaces: namespaces)
      #expect(syntheticIDs.map { $0[attribute: "id"] } == [containerID, imageID])
      #expect(
        try document.elements(matching: "//ai:computing-device/ai:hostname", namespaces: namespaces).first?.trimmedText
          == "container-web01")
      #expect(
        try document.elements(matching: "//x:TestResult/x:target", namespaces: namespaces).first?.trimmedText
          == "docker-container://web01")
    }

    /// A scan stopped by SIGTERM while it reads the unpacked image removes its private folder before it ends.
    @Test(.enabled(if: Prerequisites.hasSSGDebian11, "needs ssg-debian (a scan slow enough to be stopped)"))
    func aSignalRemovesTheUnpackedTree() throws {
      let fixture = try Fixture()
      let (daemon, temporary, output) = (fixture.daemon, fixture.temporary, fixture.output)
      let scan = try BackgroundCommand(
        ProjectPaths.palisade,
        [
          "scan", "--docker-host", daemon.dockerHost, "--output-dir", output.path, "--image", Self.image, "--content",
          Prerequisites.ssgDebian11, "--profile", "anssi_np_nt28_high",
        ], environment: ["TMPDIR": temporary.path])
      defer { scan.stop() }
      // Held (SIGSTOP) once the tree is unpacked, whatever the machine's load.
      var unpacked = false
      for _ in 0..<600_000 where scan.process.isRunning {
        if temporary.files().contains(where: { $0.hasSuffix("/rootfs/etc/os-release") }) {
          kill(scan.pid, SIGSTOP)
          unpacked = temporary.files().contains { $0.hasSuffix("/rootfs/etc/os-release") }
          break
        }
        usleep(1_000)
      }
      try #require(unpacked, "the scan ended before its tree could be seen")
      kill(scan.pid, SIGTERM)
      kill(scan.pid, SIGCONT)
      let result = try scan.finish()
      #expect(result.status == 128 + SIGTERM, "\(result.standardError)")
      #expect(temporary.files().isEmpty, "\(temporary.files())")
      #expect(ScanRun.latestARF(in: output.path) == nil)
    }

    /// An image over the size limit, an unknown container and an unreachable daemon are errors (exit 1) that write
    /// nothing and leave no temporary folder; `--all-containers` scans each running container into its own folder.
    @Test func limitsUnknownTargetsAndEveryRunningContainer() throws {
      let fixture = try Fixture()
      let (daemon, temporary, output) = (fixture.daemon, fixture.temporary, fixture.output)
      let content = ["--content", ProjectPaths.bundledContent]
      let environment = ["TMPDIR": temporary.path]

      let tooLarge = try Self.scan(
        content + ["--image", Self.image, "--target-size-limit", "64K"], daemon: daemon.dockerHost,
        output: output.path, environment: environment)
      #expect(tooLarge.status == 1)
      #expect(
        tooLarge.standardError
          == "palisade: error: image '\(Self.image)' is larger than the size limit (65536 bytes; "
          + "--target-size-limit raises it)\n")
      #expect(output.files().isEmpty)
      #expect(temporary.files().isEmpty)

      let unknown = try Self.scan(
        content + ["--container", "nonexistent"], daemon: daemon.dockerHost, output: output.path,
        environment: environment)
      #expect(unknown.status == 1)
      #expect(
        unknown.standardError.contains("GET /containers/nonexistent/json answered 404"), "\(unknown.standardError)")
      #expect(unknown.standardError.contains("No such container: nonexistent"), "\(unknown.standardError)")
      #expect(output.files().isEmpty)

      let unreachable = try Self.scan(
        content + ["--all-containers"], daemon: ScanRun.absentDockerHost, output: output.path)
      #expect(unreachable.status == 1)
      #expect(unreachable.standardError.contains("cannot connect"), "\(unreachable.standardError)")
      #expect(output.files().isEmpty)

      for name in ["alpha", "beta"] {
        try daemon.run(["run", "-d", "--network", "none", "--name", name, Self.image, "/bin/sleep", "600"])
      }
      try daemon.run(["create", "--network", "none", "--name", "stopped", Self.image, "/bin/sleep", "600"])
      let all = try Self.scan(
        content + ["--all-containers"], daemon: daemon.dockerHost, output: output.path, environment: environment)
      #expect(all.status == 0, "\(all.standardOutput)\(all.standardError)")
      let folders = try FileManager.default.contentsOfDirectory(atPath: output.path).sorted()
      #expect(folders == ["container-alpha", "container-beta"])
      for folder in folders {
        #expect(FileManager.default.fileExists(atPath: "\(output.path)/\(folder)/latest/arf.xml"))
      }
      #expect(temporary.files().isEmpty)

      // One container too large for the limit: its scan fails (1, the worst status), the others are still scanned.
      try fixture.tree.write("/var/cache/large", String(repeating: "x", count: 8 << 20))
      try DebianLikeTree.importImage(fixture.tree, as: "palisade-test/large:1", into: daemon)
      try daemon.run([
        "run", "-d", "--network", "none", "--name", "gamma", "palisade-test/large:1", "/bin/sleep", "600",
      ])
      let worst = try Self.scan(
        content + ["--all-containers", "--target-size-limit", "6M"], daemon: daemon.dockerHost,
        output: output.path + "/worst", environment: environment)
      #expect(worst.status == 1, "\(worst.standardOutput)\(worst.standardError)")
      #expect(worst.standardError.contains("container 'gamma' is larger than the size limit"), "\(worst.standardError)")
      let written = try FileManager.default.contentsOfDirectory(atPath: output.path + "/worst").sorted()
      #expect(written == ["container-alpha", "container-beta"])
      #expect(temporary.files().isEmpty)
    }
  }
}
