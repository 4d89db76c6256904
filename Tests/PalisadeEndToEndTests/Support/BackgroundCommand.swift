import Foundation
import TestSupport

/// A command started without waiting for it, for tests that run two scans at once.
final class BackgroundCommand {
  let process = Process()
  private let outputFile: URL
  private let errorFile: URL

  /// Starts `executable` with `arguments`; its output goes to temporary files until `finish` reads them.
  init(_ executable: String, _ arguments: [String]) throws {
    let folder = FileManager.default.temporaryDirectory
    outputFile = folder.appendingPathComponent("palisade-background-\(UUID()).out")
    errorFile = folder.appendingPathComponent("palisade-background-\(UUID()).err")
    _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.standardOutput = try FileHandle(forWritingTo: outputFile)
    process.standardError = try FileHandle(forWritingTo: errorFile)
    process.standardInput = FileHandle.nullDevice
    try process.run()
  }

  var pid: Int32 { process.processIdentifier }

  /// Ends the command at once. SIGKILL, because a child started by Foundation's Process inherits the test thread's
  /// blocked signal mask, under which SIGTERM would stay pending forever.
  func stop() {
    guard process.isRunning else { return }
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
  }

  /// Waits for the command to end, up to `timeout` seconds (then kills it and throws).
  func finish(timeout: TimeInterval = 120) throws -> CommandResult {
    defer {
      try? FileManager.default.removeItem(at: outputFile)
      try? FileManager.default.removeItem(at: errorFile)
    }
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning && Date() < deadline { usleep(20_000) }
    if process.isRunning {
      stop()
      throw CommandTimeout(
        command: ([process.executableURL?.path ?? ""] + (process.arguments ?? [])).joined(separator: " "),
        seconds: timeout)
    }
    process.waitUntilExit()
    return CommandResult(
      status: process.terminationStatus,
      standardOutput: (try? String(contentsOf: outputFile, encoding: .utf8)) ?? "",
      standardError: (try? String(contentsOf: errorFile, encoding: .utf8)) ?? "")
  }
}
