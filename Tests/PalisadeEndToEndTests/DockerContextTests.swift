import Foundation
import TestSupport
import Testing

extension RealDockerDaemonTests.RemoteTLS {
  /// A context made by the real `docker context create` (with the daemon's address and the client's TLS files) in a
  /// configuration folder of the test's own: `--context`, `DOCKER_CONTEXT` and the current context (`docker context
  /// use`) decide every rule as `--docker-host` with the TLS flags does, with the docker CLI's precedence.
  @Test func aDockerContextNamesTheDaemonAsTheDockerCLIReadsIt() throws {
    let openssl = try #require(Prerequisites.openssl)
    let docker = try #require(Prerequisites.docker)
    let certificates = try Certificates(in: try TemporaryFolder().url, openssl: openssl)
    defer { try? FileManager.default.removeItem(at: certificates.folder) }
    let (daemon, address) = try Self.startTLSDaemon(certificates)
    defer { daemon.stop() }
    let host = try RealDockerDaemonTests.EngineRules.host(daemonJSON: #"{"log-driver": "json-file"}"#)
    defer { host.remove() }
    let configuration = certificates.file("docker-config")
    func dockerCLI(_ arguments: [String]) throws {
      let run = try CommandRun.run(docker, arguments, environment: ["DOCKER_CONFIG": configuration])
      #expect(run.status == 0, "docker \(arguments): \(run.standardError)")
    }
    try dockerCLI([
      "context", "create", "tls-daemon", "--docker",
      "host=\(address),ca=\(certificates.file("client/ca.pem")),cert=\(certificates.file("client/cert.pem")),"
        + "key=\(certificates.file("client/key.pem"))",
    ])
    let nowhere = "unix:///nonexistent/palisade-test/docker.sock"
    let withConfiguration = ["DOCKER_CONFIG": configuration]

    let withFlags = try Self.results(
      host,
      extra: [
        "--docker-host", address, "--tlsverify", "--tlscacert", certificates.file("client/ca.pem"), "--tlscert",
        certificates.file("client/cert.pem"), "--tlskey", certificates.file("client/key.pem"),
      ])
    #expect(withFlags.byRule.values.contains("fail"))
    #expect(withFlags["SV-235830"] != "error", "\(withFlags.messages(of: "SV-235830"))")
    // The flag wins over DOCKER_HOST, as the docker CLI's --context does.
    let withFlag = try Self.results(
      host, extra: ["--context", "tls-daemon"], environment: withConfiguration.merging(["DOCKER_HOST": nowhere]) { $1 })
    #expect(withFlag.byRule == withFlags.byRule)
    let fromVariable = try Self.results(
      host, extra: [], environment: withConfiguration.merging(["DOCKER_CONTEXT": "tls-daemon"]) { $1 })
    #expect(fromVariable.byRule == withFlags.byRule)
    try dockerCLI(["context", "use", "tls-daemon"])
    let current = try Self.results(host, extra: [], environment: withConfiguration)
    #expect(current.byRule == withFlags.byRule)

    // DOCKER_HOST wins over DOCKER_CONTEXT and the current context; so does the context `default`.
    for environment in [["DOCKER_HOST": nowhere, "DOCKER_CONTEXT": "tls-daemon"], ["DOCKER_HOST": nowhere]] {
      let overridden = try Self.results(host, extra: [], environment: withConfiguration.merging(environment) { $1 })
      #expect(overridden["SV-235830"] == "error")
      #expect(overridden.messages(of: "SV-235830").joined().contains(nowhere), "\(environment)")
    }
    let defaultContext = try Self.results(
      host, extra: ["--context", "default"], environment: withConfiguration.merging(["DOCKER_HOST": nowhere]) { $1 })
    #expect(defaultContext.messages(of: "SV-235830").joined().contains(nowhere))

    let output = try TemporaryFolder()
    defer { output.remove() }
    let unknown = try CommandRun.run(
      ProjectPaths.palisade,
      [
        "scan", "--content", ProjectPaths.bundledContent, "--root", host.root.path, "--output-dir", output.path,
        "--context", "no-such-context",
      ], environment: withConfiguration)
    #expect(unknown.status == 1)
    let unknownContext = "--context: docker context 'no-such-context' does not exist"
    #expect(unknown.standardError.contains(unknownContext), "\(unknown.standardError)")
    let both = try CommandRun.run(
      ProjectPaths.palisade,
      ["scan", "--content", ProjectPaths.bundledContent, "--docker-host", address, "--context", "tls-daemon"],
      environment: withConfiguration)
    #expect(both.status == 1)
    #expect(both.standardError.contains("'--docker-host' and '--context'"), "\(both.standardError)")
  }
}
