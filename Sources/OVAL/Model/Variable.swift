public import XMLSupport

/// An OVAL variable: where its values come from.
public struct Variable: Sendable {
  public let id: String
  public let version: String
  public let datatype: Datatype
  public let comment: String?
  public let kind: Kind
  public let location: SourceLocation

  /// The three kinds of OVAL variable.
  public enum Kind: Sendable {
    /// Values supplied from outside: an OVAL variables document or XCCDF values.
    case external
    /// Values written in the definitions document.
    case constant([String])
    /// Values computed from a component.
    case local(Component)
  }
}

/// A component of a local variable (OVAL 5.11.2 spec, section on local_variable).
public indirect enum Component: Sendable {
  case literal(String)
  case variable(varRef: String)
  case concat([Component])
  case split(delimiter: String, Component)
  case unsupported(name: String, location: SourceLocation)
}
