/// A language a rule's XCCDF `fix` can be written in, as named by its `system` attribute.
public enum FixSystem: String, Sendable, CaseIterable {
  case bash = "urn:xccdf:fix:script:sh"
  case ansible = "urn:xccdf:fix:script:ansible"

  /// The system for oscap's `--fix-type` name (`bash`, `ansible`).
  public init?(fixType: String) {
    switch fixType {
    case "bash": self = .bash
    case "ansible": self = .ansible
    default: return nil
    }
  }

  /// The `--fix-type` name.
  public var fixType: String {
    switch self {
    case .bash: "bash"
    case .ansible: "ansible"
    }
  }
}
