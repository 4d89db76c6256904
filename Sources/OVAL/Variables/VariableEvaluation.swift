import Foundation

extension OVALEvaluator {
  /// The values of a variable, computed once per evaluation; a variable that yields no value is an error
  /// (OVAL 5.11.2 specification, VariableType), and so is one that refers to itself.
  func values(ofVariable id: String) async -> Result<[String], VariableError> {
    if let known = variableCache[id] { return known }
    if referencesAreTooDeep { return .failure(VariableError(Self.tooDeep("variable '\(id)'"))) }
    guard variablesInProgress.insert(id).inserted else {
      return .failure(VariableError("variable '\(id)' refers to itself"))
    }
    defer { variablesInProgress.remove(id) }
    let result = await computeValues(ofVariable: id)
    variableCache[id] = result
    if case .success(let values) = result { record.variableValues[id] = values }
    return result
  }

  private func computeValues(ofVariable id: String) async -> Result<[String], VariableError> {
    guard let variable = definitions.variables[id] else {
      return .failure(VariableError("undefined variable '\(id)'"))
    }
    let values: Result<[String], VariableError>
    switch variable.kind {
    case .external:
      guard let supplied = externalValues[id] else {
        return .failure(VariableError("no value was supplied for external variable '\(id)'", kind: .notSupplied))
      }
      values = .success(supplied)
    case .constant(let constants):
      values = .success(constants)
    case .local(let component):
      values = await evaluate(component)
    }
    if case .success(let list) = values, list.isEmpty {
      return .failure(VariableError("variable '\(id)' has no value"))
    }
    return values
  }

  /// The values a component stands for.
  func evaluate(_ component: Component) async -> Result<[String], VariableError> {
    switch component {
    case .literal(let text):
      return .success([text])
    case .variable(let ref):
      return await values(ofVariable: ref)
    case .object(let objectRef, let itemField, let recordField):
      return await values(ofObject: objectRef, itemField: itemField, recordField: recordField)
    case .function(let function):
      // Every input is computed, so that an input that failed outweighs one without a supplied value, which
      // outweighs one that merely has no values, as OpenSCAP combines its collection flags.
      var inputs: [[String]] = []
      var failure: VariableError?
      for part in function.components {
        switch await evaluate(part) {
        case .success(let values): inputs.append(values)
        case .failure(let error) where failure.map({ error.kind > $0.kind }) ?? true: failure = error
        case .failure: break
        }
      }
      if let failure { return .failure(failure) }
      do {
        return .success(try apply(function, to: inputs))
      } catch {
        return .failure(VariableError(error.description))
      }
    }
  }

  private func apply(_ function: OVALFunction, to inputs: [[String]]) throws(FunctionError) -> [String] {
    switch function {
    case .arithmetic(let operation, _): return try ArithmeticFunction.apply(operation, to: inputs)
    case .begin(let prefix, _): return TextFunctions.begin(prefix, inputs[0])
    case .end(let suffix, _): return TextFunctions.end(suffix, inputs[0])
    case .concat: return CollectionFunctions.concat(inputs)
    case .count: return CollectionFunctions.count(inputs)
    case .escapeRegex: return TextFunctions.escapeRegex(inputs[0])
    case .globToRegex(let noEscape, _): return try GlobToRegexFunction.apply(noEscape: noEscape, inputs[0])
    case .regexCapture(let pattern, _): return try TextFunctions.regexCapture(pattern, inputs[0])
    case .split(let delimiter, _): return try TextFunctions.split(delimiter, inputs[0])
    case .substring(let start, let length, _):
      return try TextFunctions.substring(start: start, length: length, inputs[0])
    case .timeDifference(let first, let second, _):
      return try TimeDifferenceFunction.apply(
        first: first, second: second, inputs, now: currentTime, timeZone: timeZone)
    case .unique: return CollectionFunctions.unique(inputs)
    }
  }

  /// object_component: the values of one entity (or a record's field) of the items an object collects; no item, or
  /// no such entity or field, is an error (OVAL 5.11.2, ObjectComponentType). No item because the object does not
  /// exist is told apart (`noValues`) from an object that could not be collected.
  private func values(ofObject objectRef: String, itemField: String, recordField: String?) async -> Result<
    [String], VariableError
  > {
    let collected = await collect(objectID: objectRef)
    let items = collected.itemIDs.compactMap { record.items[$0] }.filter { $0.status == .exists }
    guard !items.isEmpty else {
      let kind: VariableError.Kind = collected.flag == .doesNotExist ? .noValues : .failed
      return .failure(VariableError("object '\(objectRef)' collected no item for an object_component", kind: kind))
    }
    var values: [String] = []
    for item in items {
      let entities = item.entities(named: itemField)
      guard !entities.isEmpty else {
        return .failure(VariableError("an item of object '\(objectRef)' has no '\(itemField)' entity"))
      }
      for entity in entities {
        if let recordField {
          let fields = entity.fields.filter { $0.name == recordField }
          guard !fields.isEmpty else {
            return .failure(
              VariableError("entity '\(itemField)' of object '\(objectRef)' has no field '\(recordField)'"))
          }
          values += fields.map(\.value)
        } else {
          values.append(entity.value)
        }
      }
    }
    return .success(values)
  }
}
