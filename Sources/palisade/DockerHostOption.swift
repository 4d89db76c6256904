import ArgumentParser
import Foundation
import Probes

/// `--docker-host`: which Docker daemon the Docker Engine API checks ask. Defaults to `$DOCKER_HOST` when it is a
/// unix socket, else /var/run/docker.sock.
struct DockerHostOption: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "The Docker daemon's API socket (default: $DOCKER_HOST, else /var/run/docker.sock).", valueName: "unix:///path"))
  var dockerHost: String?

  func validate() throws {
    if let dockerHost {
      do {
        _ = try DockerHost(parsing: dockerHost)
      } catch {
        throw ValidationError(error.description)
      }
    }
  }

  /// The host to query.
  var host: DockerHost {
    if let dockerHost, let host = try? DockerHost(parsing: dockerHost) { return host }
    if let variable = ProcessInfo.processInfo.environment["DOCKER_HOST"], let host = try? DockerHost(parsing: variable) {
      return host
    }
    return .standard
  }
}
