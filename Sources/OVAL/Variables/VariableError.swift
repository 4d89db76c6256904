/// Why a variable has no values: no value supplied, a function that failed, an object that collected nothing.
public struct VariableError: Error, Sendable, CustomStringConvertible {
  /// A variable that stands for nothing on this system (an object_component over an object that does not exist), or
  /// whose value was not supplied, differs for OpenSCAP from one that could not be computed; the specification makes
  /// all three an error. The order is the precedence when a function's inputs fail in different ways.
  public enum Kind: Int, Sendable, Comparable {
    /// The values depend on an object that collected no item.
    case noValues
    /// An external variable without a supplied value, or a variable computed from one.
    case notSupplied
    /// A function failed, an object could not be collected, or the variable is malformed.
    case failed

    public static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rawValue < rhs.rawValue }
  }

  public let message: String
  public let kind: Kind

  public init(_ message: String, kind: Kind = .failed) {
    self.message = message
    self.kind = kind
  }

  public var description: String { message }
}
