import ArgumentParser
import Engine
import Probes

/// `--target NAME`: the name a scan files its results under and its ARF asset carries, instead of the one read from
/// the scanned host (its tree's /etc/hostname under `--root`, this machine's otherwise, the container's).
struct TargetNameOption: ParsableArguments {
  @Option(
    name: .customLong("target"),
    help: ArgumentHelp(
      "The scanned host's name in the results and their folder (default: the host tree's /etc/hostname).",
      valueName: "name"))
  var name: String?

  /// Refuses a name that is not a host name (letters, digits, `-`, `_`, `.`, not starting with a dot).
  func validate() throws {
    guard let name else { return }
    guard HostNameCleaning.cleaned(name) == name else {
      throw ValidationError(
        "'--target \(name)': a target name holds letters, digits, '-', '_' and '.', and does not start with '.'")
    }
  }

  /// The identity of the host tree at `root`, or of `container`, named as `--target` asks.
  func identity(root: SystemRoot, container: ContainerTarget?) -> TargetIdentity {
    let identity = container.map { TargetIdentity.of($0) } ?? .of(tree: root)
    return name.map { identity.named($0) } ?? identity
  }
}
