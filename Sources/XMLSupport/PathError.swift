/// What a `PathError` could not do with its path, as its message says it (`cannot read file`).
public protocol PathOperation: Sendable {
  static var failure: String { get }
}

/// An operation on one path (a file, a folder, a socket) that failed, with errno's reason in lowercase or what is
/// wrong with the path. Each operation is its own type (`FileReadError`, `OutputError`, `SyslogError`), so that a
/// caller can tell the failures apart; all share this shape and these two ways of saying it.
public struct PathError<Operation: PathOperation>: FileDiagnostic, Sendable, Equatable {
  public let path: String
  public let reason: String

  public init(path: String, reason: String) {
    self.path = path
    self.reason = reason
  }

  /// The diagnostic line of an error that names its file: `PATH: error: cannot read file: REASON`.
  public var description: String { "\(path): error: \(Operation.failure): \(reason)" }

  /// The failure said inside another message (a warning, for instance): `cannot read file PATH: REASON`.
  public var sentence: String { "\(Operation.failure) \(path): \(reason)" }
}
