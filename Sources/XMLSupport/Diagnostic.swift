/// An error whose description already names the file it is about, and the place when one is known:
/// `file:line:col: error: message` (or `file: error: message`). A `Diagnostic` prints it as it is.
public protocol FileDiagnostic: Error, CustomStringConvertible {}

/// One line Palisade reports on standard error: an error that names its file as `file:line:col: error: message`,
/// anything else as `palisade: SEVERITY: message`. Every command reports through this one type.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
  /// How serious the line is; the word after `palisade:`.
  public enum Severity: String, Sendable {
    case error, warning, note
  }

  public let severity: Severity
  /// The text after `palisade: SEVERITY: `, or the whole line for an error that names its file.
  public let message: String
  /// Whether `message` names its file and place itself (and so carries no `palisade:` prefix).
  public let namesFile: Bool

  /// A message of Palisade's own.
  public init(_ severity: Severity, _ message: String) {
    self.severity = severity
    self.message = message
    self.namesFile = false
  }

  /// The diagnostic of a failure: the error's own line when it names its file (`FileDiagnostic`), else
  /// `palisade: error: ` and its description.
  public init(error: any Error) {
    severity = .error
    if let located = error as? any FileDiagnostic {
      message = located.description
      namesFile = true
    } else {
      message = "\(error)"
      namesFile = false
    }
  }

  /// The line, without its line break.
  public var description: String { namesFile ? message : "palisade: \(severity.rawValue): \(message)" }
}
