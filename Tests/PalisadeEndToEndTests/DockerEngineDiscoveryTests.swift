import Foundation
import TestSupport
import Testing

extension RealDockerDaemonTests {
  /// Finding the engine when nothing names it (`--engine`, `--rootless`, the rootless sockets under
  /// `$XDG_RUNTIME_DIR`), and saying which engine answered: in the terminal summary, the ARF's target facts and the
  /// HTML report.
  @Suite struct EngineDiscovery {
    static let engineFact = "urn:xccdf:fact:palisade:container_engine:name"

    struct Scan {
      let standardOutput: String
      let arf: String
      let html: String
    }

    /// Scans an empty host with Docker installed, from a configuration folder without a current docker context.
    static func scan(_ arguments: [String], environment: [String: String]) throws -> Scan {
      try FakeHost.withDockerHost { host, output in
        let configuration = try TemporaryFolder()
        defer { configuration.remove() }
        let run = try CommandRun.run(
          ProjectPaths.palisade,
          [
            "scan", "--content", ProjectPaths.bundledContent, "--root", host.root.path, "--output-dir", output.path,
            "--format", "arf,html",
          ] + arguments, environment: environment.merging(["DOCKER_CONFIG": configuration.url.path]) { $1 })
        let arfPath = try #require(ScanRun.latestARF(in: output.path), "\(run.standardError)")
        let html = try String(
          contentsOfFile: (arfPath as NSString).deletingLastPathComponent + "/report.html", encoding: .utf8)
        return Scan(
          standardOutput: run.standardOutput, arf: try String(contentsOfFile: arfPath, encoding: .utf8), html: html)
      }
    }

    @Test(.enabled(if: Prerequisites.podman != nil && Prerequisites.isRoot, "needs podman and root"))
    func podmansServiceIsFoundAndNamed() throws {
      let runtime = try TemporaryFolder(mode: 0o700)
      defer { runtime.remove() }
      let service = try PodmanService(socketPath: runtime.url.appendingPathComponent("podman/podman.sock").path)
      defer { service.stop() }
      let expected = "Engine: Podman Engine "
      for arguments in [["--docker-host", "unix://\(service.socketPath)"], ["--engine", "podman", "--rootless"]] {
        let scan = try Self.scan(arguments, environment: ["XDG_RUNTIME_DIR": runtime.url.path])
        #expect(scan.standardOutput.contains(expected), "\(arguments): \(scan.standardOutput.prefix(400))")
        #expect(scan.standardOutput.contains(" at unix://\(service.socketPath)"), "\(arguments)")
        #expect(scan.arf.contains(#"<fact name="\#(Self.engineFact)" type="string">Podman Engine</fact>"#))
        #expect(scan.html.contains("<dt>Container engine</dt><dd>Podman Engine "))
      }
    }

    /// A rootless dockerd listens on `$XDG_RUNTIME_DIR/docker.sock`; a root dockerd whose socket sits there stands
    /// in for it (the socket is what discovery looks at).
    @Test(
      .enabled(
        if: Prerequisites.canStartDockerd && Prerequisites.docker != nil,
        "needs dockerd and docker (docker.io) and root"
      ))
    func aDaemonAtTheRootlessSocketIsFound() throws {
      let daemon = try DockerDaemon.start(configuration: "{}")
      defer { daemon.stop() }
      let runtime = daemon.folder.url.path
      var cases = [["--rootless"], ["--engine", "docker", "--rootless"]]
      // Without flags the rootful socket comes first; only where there is none is the rootless one found unasked.
      if !FileManager.default.fileExists(atPath: "/var/run/docker.sock") { cases.append([]) }
      for arguments in cases {
        let scan = try Self.scan(arguments, environment: ["XDG_RUNTIME_DIR": runtime])
        #expect(scan.standardOutput.contains("Engine: Docker Engine "), "\(arguments): \(scan.standardOutput)")
        #expect(scan.standardOutput.contains(" at \(daemon.dockerHost)"), "\(arguments)")
        #expect(scan.arf.contains(#"<fact name="\#(Self.engineFact)" type="string">Docker Engine</fact>"#))
        #expect(scan.html.contains("<dt>Container engine</dt><dd>Docker Engine "))
      }
      // Looking for podman only does not find Docker's socket.
      let podmanOnly = try Self.scan(["--engine", "podman", "--rootless"], environment: ["XDG_RUNTIME_DIR": runtime])
      #expect(!podmanOnly.standardOutput.contains("Engine: "))
      #expect(!podmanOnly.html.contains("Container engine"))
    }
  }
}
