import ArgumentParser
import XMLSupport

/// The one way a command reports that it failed: the error is printed as its `Diagnostic`
/// (`file:line:col: error: message` where the place is known, `palisade: error: message` otherwise) and the command
/// exits 1 (`ExitStatus.scanFailed`).
enum CommandFailure {
  /// Runs a command's work and reports what it throws. An exit code and a usage error pass through: they are the
  /// command's own answer and the argument parser's.
  /// - Parameter failing: runs first, with the error, before anything is printed (a scan sends its alert).
  static func reported<Result>(
    whenFailing failing: (any Error) -> Void = { _ in }, _ work: () async throws -> Result
  ) async throws -> Result {
    do {
      return try await work()
    } catch let exit as ExitCode {
      throw exit
    } catch let usage as ValidationError {
      throw usage
    } catch {
      failing(error)
      StandardStreams.write(Diagnostic(error: error))
      throw ExitStatus.scanFailed
    }
  }
}
