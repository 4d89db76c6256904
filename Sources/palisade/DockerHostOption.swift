import ArgumentParser
import Foundation
import Probes

/// `--docker-host` and its TLS and timeout flags: which Docker daemon the Docker Engine API checks ask, and how.
/// Read as the docker CLI reads them: the flag, else `$DOCKER_HOST`, else /var/run/docker.sock; TLS from
/// `--tlsverify` or `$DOCKER_TLS_VERIFY`, with certificates from the flags or `$DOCKER_CERT_PATH` (ca.pem, cert.pem,
/// key.pem).
struct DockerHostOption: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "The Docker daemon's API address: unix:///path or tcp://HOST:PORT (default: $DOCKER_HOST, else "
        + "unix:///var/run/docker.sock).", valueName: "address"))
  var dockerHost: String?

  @Flag(
    name: .customLong("tlsverify"),
    help: "Speak TLS to a tcp:// daemon and verify its certificate (default: set when $DOCKER_TLS_VERIFY is).")
  var tlsVerify = false

  @Option(
    name: .customLong("tlscacert"),
    help: ArgumentHelp(
      "The authority that signs the daemon's certificate (default: $DOCKER_CERT_PATH/ca.pem).",
      valueName: "file"))
  var tlsCACertificate: String?

  @Option(
    name: .customLong("tlscert"),
    help: ArgumentHelp("The client certificate (default: $DOCKER_CERT_PATH/cert.pem).", valueName: "file"))
  var tlsCertificate: String?

  @Option(
    name: .customLong("tlskey"),
    help: ArgumentHelp("The client certificate's key (default: $DOCKER_CERT_PATH/key.pem).", valueName: "file"))
  var tlsKey: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "The deadline of each Docker Engine API request; the scan waits at most six of them for the daemon in all.",
      valueName: "seconds"))
  var dockerTimeout: Double = 5

  /// The environment the defaults come from (the process's; tests give their own).
  var environment: [String: String] { ProcessInfo.processInfo.environment }

  func validate() throws {
    guard dockerTimeout.isFinite, dockerTimeout > 0, dockerTimeout <= 3600 else {
      throw ValidationError("'--docker-timeout' must be a number of seconds from 0 to 3600, not \(dockerTimeout)")
    }
    _ = try resolvedHost()
  }

  /// The host to query.
  var host: DockerHost {
    // validate() has refused a host that does not parse.
    (try? resolvedHost()) ?? .standard
  }

  /// The deadline of one request.
  var requestTimeout: Duration { .milliseconds(Int((dockerTimeout * 1000).rounded())) }

  private func resolvedHost() throws(ValidationError) -> DockerHost {
    let variable = environment["DOCKER_HOST"].flatMap { $0.isEmpty ? nil : $0 }
    guard let text = dockerHost ?? variable else { return .standard }
    let source = dockerHost == nil ? "DOCKER_HOST" : "--docker-host"
    do {
      return try DockerHost(parsing: text, tls: tls)
    } catch {
      throw ValidationError("\(source): \(error.description)")
    }
  }

  /// TLS settings as the docker CLI derives them; nil for plain HTTP.
  private var tls: DockerTLS? {
    // A given authority is always checked: a scanner must not trust an answer from a daemon it cannot identify.
    let verify = tlsVerify || !(environment["DOCKER_TLS_VERIFY"] ?? "").isEmpty || tlsCACertificate != nil
    let givenFiles = tlsCACertificate != nil || tlsCertificate != nil || tlsKey != nil
    guard verify || givenFiles else { return nil }
    let certificatePath =
      environment["DOCKER_CERT_PATH"].flatMap { $0.isEmpty ? nil : $0 }
      ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".docker").path
    // A default file is used only when it is there: the daemon's certificate may be signed by a system authority,
    // and a daemon may not ask for a client certificate.
    func file(_ given: String?, _ name: String) -> String? {
      if let given { return given }
      let path = (certificatePath as NSString).appendingPathComponent(name)
      return FileManager.default.fileExists(atPath: path) ? path : nil
    }
    return DockerTLS(
      verify: verify, caFile: file(tlsCACertificate, "ca.pem"), certificateFile: file(tlsCertificate, "cert.pem"),
      keyFile: file(tlsKey, "key.pem"))
  }
}
