/// Computes the values of OVAL variables, each once per evaluation.
struct VariableResolver {
  let definitions: OVALDefinitions
  /// Values supplied for external variables (from XCCDF values or an OVAL variables document).
  let externalValues: [String: [String]]
  private var cache: [String: Result<[String], VariableError>] = [:]

  init(definitions: OVALDefinitions, externalValues: [String: [String]]) {
    self.definitions = definitions
    self.externalValues = externalValues
  }

  /// Every value computed so far, for the results document.
  var resolvedValues: [String: [String]] {
    cache.compactMapValues { try? $0.get() }
  }

  /// The values of the variable; a variable that yields no value is an error (OVAL 5.11.2 spec, VariableType).
  mutating func values(of id: String) -> Result<[String], VariableError> {
    if let cached = cache[id] { return cached }
    // Guards against a local variable that refers to itself through its components.
    cache[id] = .failure(VariableError("variable '\(id)' refers to itself"))
    let result = compute(id)
    cache[id] = result
    return result
  }

  private mutating func compute(_ id: String) -> Result<[String], VariableError> {
    guard let variable = definitions.variables[id] else {
      return .failure(VariableError("undefined variable '\(id)'"))
    }
    let values: Result<[String], VariableError>
    switch variable.kind {
    case .external:
      guard let supplied = externalValues[id] else {
        return .failure(VariableError("no value was supplied for external variable '\(id)'"))
      }
      values = .success(supplied)
    case .constant(let constants):
      values = .success(constants)
    case .local(let component):
      values = evaluate(component)
    }
    if case .success(let list) = values, list.isEmpty {
      return .failure(VariableError("variable '\(id)' has no value"))
    }
    return values
  }

  private mutating func evaluate(_ component: Component) -> Result<[String], VariableError> {
    switch component {
    case .literal(let text):
      return .success([text])
    case .variable(let ref):
      return values(of: ref)
    case .concat(let parts):
      var combinations = [""]
      for part in parts {
        switch evaluate(part) {
        case .failure(let error): return .failure(error)
        case .success(let values):
          combinations = combinations.flatMap { prefix in values.map { prefix + $0 } }
        }
      }
      return .success(combinations)
    case .split(let delimiter, let part):
      return evaluate(part).map { values in
        values.flatMap { value in
          delimiter.isEmpty ? [value] : value.components(separatedBy: delimiter)
        }
      }
    case .unsupported(let name, let location):
      return .failure(VariableError("\(location): the '\(name)' function is not supported yet"))
    }
  }
}

/// Why a variable has no values.
public struct VariableError: Error, Sendable, CustomStringConvertible {
  public let message: String
  init(_ message: String) { self.message = message }
  public var description: String { message }
}

extension String {
  fileprivate func components(separatedBy delimiter: String) -> [String] {
    var parts: [String] = []
    var remainder = Substring(self)
    while let range = remainder.range(of: delimiter) {
      parts.append(String(remainder[..<range.lowerBound]))
      remainder = remainder[range.upperBound...]
    }
    parts.append(String(remainder))
    return parts
  }
}
