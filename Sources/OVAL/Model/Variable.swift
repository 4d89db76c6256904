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

/// A component of a local variable: where values come from, or a function over other components
/// (OVAL 5.11.2 specification, section on local_variable and the function types).
public indirect enum Component: Sendable {
  case literal(String)
  case variable(varRef: String)
  /// The values of one entity (or one field of a record entity) of the items an object collects.
  case object(objectRef: String, itemField: String, recordField: String?)
  case function(OVALFunction)
}

/// The functions a local variable can apply to its components.
public indirect enum OVALFunction: Sendable {
  case arithmetic(ArithmeticOperation, [Component])
  case begin(String, Component)
  case end(String, Component)
  case concat([Component])
  case count([Component])
  case escapeRegex(Component)
  case globToRegex(noEscape: Bool, Component)
  case regexCapture(pattern: String, Component)
  case split(delimiter: String, Component)
  case substring(start: Int, length: Int, Component)
  case timeDifference(first: DateTimeFormat, second: DateTimeFormat, [Component])
  case unique([Component])
}

/// The operations of the arithmetic function.
public enum ArithmeticOperation: String, Sendable {
  case add, multiply
}

/// The date-time formats the time_difference function reads (OVAL 5.11.2, DateTimeFormatEnumeration).
public enum DateTimeFormat: String, Sendable {
  case yearMonthDay = "year_month_day"
  case monthDayYear = "month_day_year"
  case dayMonthYear = "day_month_year"
  case winFiletime = "win_filetime"
  case secondsSinceEpoch = "seconds_since_epoch"
  case cimDatetime = "cim_datetime"
}

extension OVALFunction {
  /// The function's direct components.
  public var components: [Component] {
    switch self {
    case .arithmetic(_, let parts), .concat(let parts), .count(let parts), .unique(let parts),
      .timeDifference(_, _, let parts):
      parts
    case .begin(_, let part), .end(_, let part), .escapeRegex(let part), .globToRegex(_, let part),
      .regexCapture(_, let part), .split(_, let part), .substring(_, _, let part):
      [part]
    }
  }
}
