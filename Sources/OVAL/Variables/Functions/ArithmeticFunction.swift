import Foundation

/// The arithmetic function: adds or multiplies its components' values, over their Cartesian product; integers stay
/// integers unless a float takes part (OVAL 5.11.2, ArithmeticFunctionType).
enum ArithmeticFunction {
  static func apply(_ operation: ArithmeticOperation, to operands: [[String]]) throws(FunctionError) -> [String] {
    var results: [String] = []
    for combination in cartesianProduct(operands) {
      let integers = combination.map { Int64($0.trimmed) }
      if integers.allSatisfy({ $0 != nil }) {
        var total: Int64 = operation == .add ? 0 : 1
        for case let value? in integers {
          let (next, overflow) =
            operation == .add ? total.addingReportingOverflow(value) : total.multipliedReportingOverflow(by: value)
          guard !overflow else { throw FunctionError("arithmetic overflow on \(combination)") }
          total = next
        }
        results.append(String(total))
        continue
      }
      var total: Double = operation == .add ? 0 : 1
      for text in combination {
        guard let value = Double(text.trimmed) else {
          throw FunctionError("arithmetic needs int or float values, not '\(text)'")
        }
        total = operation == .add ? total + value : total * value
      }
      results.append(FloatFormatting.text(total))
    }
    return results
  }
}

/// Floats as OVAL values, to 15 significant digits: a double's decimal precision, so that 1.1 * 1.1 reads 1.21
/// rather than exposing the binary rounding of its last bit.
enum FloatFormatting {
  static func text(_ value: Double) -> String {
    String(format: "%.15g", value)
  }
}
