import Foundation

/// What running a command produced.
struct CommandResult {
  let status: Int32
  let standardOutput: String
  let standardError: String
}

/// Runs commands the way a user's shell would, with a time limit so a hung child fails the test instead of CI.
enum CommandRun {
  static func run(
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
  static func which(_ program: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").map { "\($0)/\(program)" }.first {
      FileManager.default.isExecutableFile(atPath: $0)
    }
  }
}

struct CommandTimeout: Error, CustomStringConvertible {
  let command: String
  let seconds: TimeInterval
  var description: String { "'\(command)' did not finish within \(Int(seconds)) s" }
}
