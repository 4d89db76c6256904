import ArgumentParser
import Foundation
import Probes
import XMLSupport

/// `--root`: the host tree a command scans, for every command that probes a host. A root that is missing, is not a
/// folder, or cannot be read is refused before anything runs: scanned, it would look like an empty host, on which
/// every "must not exist" check passes.
struct HostRootOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "Scan the host tree under this folder instead of '/' (a mounted image or chroot).", valueName: "dir"))
  var root: String = "/"

  /// The root to probe through.
  var systemRoot: SystemRoot { SystemRoot(root) }

  /// The collector of a command that probes this host tree, asking the Docker daemon `docker` names.
  func collector(askingDockerThrough docker: DockerHostOption) -> SystemCollector {
    docker.collector(root: systemRoot)
  }

  /// Refuses an unusable root: prints `palisade: error: --root 'DIR': REASON` and exits 1 (the command line is
  /// well formed; the folder it names is not usable, as an unreadable content file is not).
  func validate() throws {
    guard let problem = Self.problem(with: root) else { return }
    StandardStreams.write(Diagnostic(.error, "--root '\(root)': \(problem)"))
    throw ExitStatus.scanFailed
  }

  /// Why `path` cannot be scanned as a host tree; nil when it can. "Cannot be read" is what this user meets when
  /// listing the folder and looking inside it, so a folder with mode 000 is refused for an unprivileged user and
  /// taken by root, who can read it.
  static func problem(with path: String) -> String? {
    var status = stat()
    guard stat(path, &status) == 0 else { return errnoReason() }
    guard status.st_mode & S_IFMT == S_IFDIR else { return "not a folder" }
    let folder = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard folder >= 0 else { return "cannot be read: \(errnoReason())" }
    close(folder)
    guard access(path, X_OK) == 0 else { return "cannot be searched: \(errnoReason())" }
    return nil
  }
}
