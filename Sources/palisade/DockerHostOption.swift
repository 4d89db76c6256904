public import ArgumentParser
import Foundation
import Probes

extension DockerHostDiscovery.Engine: ArgumentParser.ExpressibleByArgument {}

/// `--docker-host`, `--context` and the TLS and timeout flags: which Docker daemon the Docker Engine API checks ask,
/// and how. Read as the docker CLI reads them: `--docker-host` or `--context` (not both), else `$DOCKER_HOST`, else
/// `$DOCKER_CONTEXT`, else the docker CLI's current context (`docker context use`), else /var/run/docker.sock. The
/// context `default` is `$DOCKER_HOST` or the default socket. TLS for an address (not a named context, which holds its
/// own) from `--tlsverify` or `$DOCKER_TLS_VERIFY`, with certificates from the flags or `$DOCKER_CERT_PATH` (ca.pem,
/// cert.pem, key.pem).
struct DockerHostOption: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "The Docker daemon's API address: unix:///path or tcp://HOST:PORT (default: $DOCKER_HOST, else the docker "
        + "context, else the first socket of /var/run/docker.sock, $XDG_RUNTIME_DIR/docker.sock, "
        + "/run/podman/podman.sock, $XDG_RUNTIME_DIR/podman/podman.sock).", valueName: "address"))
  var dockerHost: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "A docker context (docker context ls) naming the daemon and its TLS files (default: $DOCKER_CONTEXT, else "
        + "the docker CLI's current context).", valueName: "name"))
  var context: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "When nothing names the daemon, look for this engine's socket only: docker or podman (default: Docker's "
        + "sockets, then podman's).", valueName: "engine"))
  var engine: DockerHostDiscovery.Engine?

  @Flag(
    name: .long,
    help: ArgumentHelp(
      "When nothing names the daemon, look for a rootless engine's socket only ($XDG_RUNTIME_DIR/docker.sock, "
        + "$XDG_RUNTIME_DIR/podman/podman.sock)."))
  var rootless = false

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

  /// The docker CLI's precedence: a flag, `DOCKER_HOST`, `DOCKER_CONTEXT`, the current context, the default socket;
  /// `--engine` and `--rootless` ask for the default socket of that engine instead (`DockerHostDiscovery`).
  private func resolvedHost() throws(ValidationError) -> DockerHost {
    if dockerHost != nil && context != nil {
      throw ValidationError("'--docker-host' and '--context' both name the daemon: give one of them")
    }
    let discovery = DockerHostDiscovery(engine: engine, rootless: rootless, environment: environment)
    if (dockerHost != nil || context != nil) && (engine != nil || rootless) {
      throw ValidationError(
        "'--engine' and '--rootless' look for the engine's socket, and '\(dockerHost != nil ? "--docker-host" : "--context")' names it: give one of them"
      )
    }
    if let dockerHost { return try address(dockerHost, from: "--docker-host") }
    if let context { return try contextHost(context, from: "--context") }
    if engine != nil || rootless { return discovery.host() }
    if let variable = nonEmptyVariable("DOCKER_HOST") { return try address(variable, from: "DOCKER_HOST") }
    if let name = nonEmptyVariable("DOCKER_CONTEXT") { return try contextHost(name, from: "DOCKER_CONTEXT") }
    let store = DockerContextStore(environment: environment)
    let current: String?
    do {
      current = try store.currentContextName()
    } catch {
      throw ValidationError(error.description)
    }
    if let current {
      return try contextHost(current, from: "the current docker context in \(store.configFolder)/config.json")
    }
    return discovery.host()
  }

  private func nonEmptyVariable(_ name: String) -> String? {
    environment[name].flatMap { $0.isEmpty ? nil : $0 }
  }

  private func address(_ text: String, from source: String) throws(ValidationError) -> DockerHost {
    do {
      return try DockerHost(parsing: text, tls: tls)
    } catch {
      throw ValidationError("\(source): \(error.description)")
    }
  }

  private func contextHost(_ name: String, from source: String) throws(ValidationError) -> DockerHost {
    // `default` is what the docker CLI shows for DOCKER_HOST and the TLS flags, else the default socket.
    if name == DockerContextStore.defaultContextName {
      guard let variable = nonEmptyVariable("DOCKER_HOST") else {
        return DockerHostDiscovery(engine: nil, rootless: false, environment: environment).host()
      }
      return try address(variable, from: "DOCKER_HOST")
    }
    do {
      return try DockerContextStore(environment: environment).host(ofContext: name)
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

extension DockerHostOption {
  /// The collector of a command that probes the tree at `root`, asking this daemon.
  func collector(root: SystemRoot) -> SystemCollector {
    SystemCollector(root: root, dockerHost: host, dockerRequestTimeout: requestTimeout)
  }
}
