import Foundation
import TestSupport
import Testing

extension RealDockerDaemonTests {
  /// A dockerd listening on 127.0.0.1 with TLS and client certificates made by openssl here: asked over TCP, the way
  /// the docker CLI asks it (flags, or DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH), it decides every rule as
  /// over its unix socket; a certificate from another authority is a clear error of the API rules.
  @Suite(
    .enabled(
      if: Prerequisites.canStartDockerd && Prerequisites.docker != nil && Prerequisites.openssl != nil
        && Prerequisites.python3 != nil,
      "needs dockerd and docker (docker.io), root, openssl and python3"))
  struct RemoteTLS {
    /// A CA, a server certificate for 127.0.0.1, a client certificate (in `client/` as ca.pem, cert.pem, key.pem, the
    /// names DOCKER_CERT_PATH holds), and a second CA that signed neither.
    struct Certificates {
      let folder: URL
      var path: String { folder.path }
      func file(_ name: String) -> String { folder.appendingPathComponent(name).path }

      init(in folder: URL, openssl: String) throws {
        self.folder = folder
        let client = folder.appendingPathComponent("client")
        try FileManager.default.createDirectory(at: client, withIntermediateDirectories: true)
        func run(_ arguments: [String]) throws {
          let result = try CommandRun.run(openssl, arguments)
          guard result.status == 0 else { throw CertificateError(description: result.standardError) }
        }
        for ca in ["ca", "other-ca"] {
          try run([
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "\(folder.path)/\(ca)-key.pem", "-out",
            "\(folder.path)/\(ca).pem", "-days", "2", "-subj", "/CN=palisade test \(ca)",
          ])
        }
        for (name, usage) in [("server", "serverAuth"), ("client/cert", "clientAuth")] {
          let extensions = "\(folder.path)/\(usage).ext"
          try Data("subjectAltName=IP:127.0.0.1\nextendedKeyUsage=\(usage)\n".utf8).write(
            to: URL(fileURLWithPath: extensions))
          let key = name == "server" ? "\(folder.path)/server-key.pem" : "\(folder.path)/client/key.pem"
          try run([
            "req", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", "\(folder.path)/\(usage).csr", "-subj",
            "/CN=127.0.0.1",
          ])
          try run([
            "x509", "-req", "-in", "\(folder.path)/\(usage).csr", "-CA", "\(folder.path)/ca.pem", "-CAkey",
            "\(folder.path)/ca-key.pem", "-CAcreateserial", "-out", "\(folder.path)/\(name).pem", "-days", "2",
            "-extfile", extensions,
          ])
        }
        try FileManager.default.copyItem(atPath: file("ca.pem"), toPath: file("client/ca.pem"))
      }
    }

    struct CertificateError: Error, CustomStringConvertible {
      let description: String
    }

    /// A TCP port free on 127.0.0.1 now.
    static func freePort() throws -> Int {
      let run = try CommandRun.run(
        try #require(Prerequisites.python3),
        ["-c", "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"])
      return Int(run.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 23760
    }

    static func results(_ host: FakeHost, extra: [String], environment: [String: String] = [:]) throws -> RuleResults {
      let output = try TemporaryFolder()
      defer { output.remove() }
      let command = try CommandRun.run(
        ProjectPaths.palisade,
        ["scan", "--content", ProjectPaths.bundledContent, "--root", host.root.path, "--output-dir", output.path]
          + extra, environment: environment)
      let arf = try #require(ScanRun.latestARF(in: output.path), "\(command.standardError)")
      return try RuleResults(arf: arf)
    }

    @Test func aTLSDaemonOverTCPDecidesTheRulesAsOverItsSocket() throws {
      let openssl = try #require(Prerequisites.openssl)
      let certificates = try Certificates(in: try TemporaryFolder().url, openssl: openssl)
      defer { try? FileManager.default.removeItem(at: certificates.folder) }
      let port = try Self.freePort()
      let address = "tcp://127.0.0.1:\(port)"
      let daemon = try DockerDaemon.start(
        configuration: #"{"log-driver": "json-file"}"#,
        arguments: [
          "-H", address, "--tlsverify", "--tlscacert", certificates.file("ca.pem"), "--tlscert",
          certificates.file("server.pem"), "--tlskey", certificates.file("server-key.pem"),
        ])
      defer { daemon.stop() }
      let host = try EngineRules.host(daemonJSON: #"{"log-driver": "json-file"}"#)
      defer { host.remove() }

      let overSocket = try Self.results(host, extra: ["--docker-host", daemon.dockerHost])
      let withFlags = try Self.results(
        host,
        extra: [
          "--docker-host", address, "--tlsverify", "--tlscacert", certificates.file("client/ca.pem"), "--tlscert",
          certificates.file("client/cert.pem"), "--tlskey", certificates.file("client/key.pem"),
        ])
      let fromEnvironment = try Self.results(
        host, extra: [],
        environment: [
          "DOCKER_HOST": address, "DOCKER_TLS_VERIFY": "1", "DOCKER_CERT_PATH": certificates.file("client"),
        ])
      #expect(overSocket.byRule.values.contains("fail"))
      #expect(!overSocket.byRule.isEmpty)
      #expect(withFlags.byRule == overSocket.byRule)
      #expect(fromEnvironment.byRule == overSocket.byRule)

      let wrongAuthority = try Self.results(
        host,
        extra: [
          "--docker-host", address, "--tlsverify", "--tlscacert", certificates.file("other-ca.pem"), "--tlscert",
          certificates.file("client/cert.pem"), "--tlskey", certificates.file("client/key.pem"),
        ])
      // SV-235830 reads the container list through the API only.
      #expect(wrongAuthority["SV-235830"] == "error")
      let message = wrongAuthority.messages(of: "SV-235830").joined(separator: "\n")
      #expect(
        message.contains("Docker Engine API at \(address): GET /containers/json?all=1: "), "\(message)")
      #expect(
        message.contains("TLS failed: SSL certificate problem: unable to get local issuer certificate"), "\(message)")
    }
  }
}
