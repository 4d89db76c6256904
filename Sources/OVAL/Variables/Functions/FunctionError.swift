/// Why a function over variable values could not produce its values.
public struct FunctionError: Error, Sendable, CustomStringConvertible {
  public let description: String
  public init(_ description: String) { self.description = description }
}

/// The Cartesian product of several value lists, as OVAL's multi-component functions combine them.
func cartesianProduct(_ lists: [[String]]) -> [[String]] {
  var combinations: [[String]] = [[]]
  for list in lists {
    combinations = combinations.flatMap { prefix in list.map { prefix + [$0] } }
  }
  return combinations
}
