/// How a generated script is laid out.
public enum RemediationLayout: Sendable {
  /// OpenSCAP's `oscap xccdf generate fix` layout, byte for byte apart from the line naming the generator: each
  /// fix inline, a missing one announced where it would run (bash) or left out (Ansible).
  case openSCAP
  /// Palisade's own: each rule's fix isolated so that one that fails (or exits) does not stop the rest (a subshell
  /// in bash, a block with a rescue in Ansible), and the rules without a fix listed at the end.
  case guarded
}

/// Who wrote a script and with which command, for its header.
public struct RemediationProvenance: Sendable {
  /// The program and its version, as in "Palisade 0.1.0".
  public let generator: String
  /// The command that generates such a script, as in "palisade xccdf generate fix".
  public let command: String

  public init(generator: String, command: String) {
    self.generator = generator
    self.command = command
  }
}
