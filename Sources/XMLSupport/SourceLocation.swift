public import Foundation

/// A place in a source document: file path, line and column (1-based; 0 when unknown).
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
  public let file: String
  public let line: Int
  public let column: Int

  public init(file: String, line: Int, column: Int) {
    self.file = file
    self.line = line
    self.column = column
  }

  /// A location for values built in code rather than read from a file.
  public static let unknown = SourceLocation(file: "<generated>", line: 0, column: 0)

  /// `file:line:col`, the form compilers use, so editors and terminals can jump to it; just `file` when the
  /// problem is with the file as a whole.
  public var description: String { line > 0 ? "\(file):\(line):\(column)" : file }
}

/// An error about a place in a source document, printed as `file:line:col: error: message`.
public struct LocatedError: FileDiagnostic, Sendable {
  public let location: SourceLocation
  public let message: String

  public init(_ message: String, at location: SourceLocation) {
    self.location = location
    self.message = message
  }

  public var description: String { "\(location): error: \(message)" }
}

extension LocatedError: LocalizedError {
  public var errorDescription: String? { description }
}
