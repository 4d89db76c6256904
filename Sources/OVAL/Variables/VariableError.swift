/// Why a variable has no values: no value supplied, a function that failed, an object that collected nothing.
public struct VariableError: Error, Sendable, CustomStringConvertible {
  public let message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}
