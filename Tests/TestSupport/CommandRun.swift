public import Foundation

/// What running a command produced.
public struct CommandResult {
  public let status: Int32
  public let standardOutput: String
  public let standardError: String

  public init(status: Int32, standardOutput: String, standardError: String) {
    self.status = status
    self.standardOutput = standardOutput
    self.standardError = standardError
  }

  /// Both streams, for a failure message.
  public var output: String { standardOutput + standardError }
}

/// Runs commands the way a user's shell would, with a time limit so a hung child fails the test instead of CI.
public enum CommandRun {
  public static func run(
    _ executable: String, _ arguments: [String], environment: [String: String] = [:], timeout: TimeInterval = 120
  ) throws -> CommandResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    var merged = ProcessInfo.processInfo.environment
    for (key, value) in environment { merged[key] = value }
    process.environment = merged
    let outputFile = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-test-\(UUID()).out")
    let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-test-\(UUID()).err")
    _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
    defer {
      try? FileManager.default.removeItem(at: outputFile)
      try? FileManager.default.removeItem(at: errorFile)
    }
    let output = try FileHandle(forWritingTo: outputFile)
    let error = try FileHandle(forWritingTo: errorFile)
    process.standardOutput = output
    process.standardError = error
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning && Date() < deadline { usleep(20_000) }
    if process.isRunning {
      // SIGKILL: the child inherits the test thread's blocked signal mask, so SIGTERM might never arrive.
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      throw CommandTimeout(command: ([executable] + arguments).joined(separator: " "), seconds: timeout)
    }
    process.waitUntilExit()
    try output.close()
    try error.close()
    return CommandResult(
      status: process.terminationStatus,
      standardOutput: (try? String(contentsOf: outputFile, encoding: .utf8)) ?? "",
      standardError: (try? String(contentsOf: errorFile, encoding: .utf8)) ?? "")
  }

  /// The full path of a program on PATH, or nil when it is not installed.
  public static func which(_ program: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").map { "\($0)/\(program)" }.first {
      FileManager.default.isExecutableFile(atPath: $0)
    }
  }
}

public struct CommandTimeout: Error, CustomStringConvertible {
  public let command: String
  public let seconds: TimeInterval
  public var description: String { "'\(command)' did not finish within \(Int(seconds)) s" }

  public init(command: String, seconds: TimeInterval) {
    self.command = command
    self.seconds = seconds
  }
}
