import Foundation

/// Runs the validators the report tests compare against (xmllint, python3 with jsonschema).
enum ExternalTool {
  struct Result {
    let status: Int32
    let output: String
  }

  /// The full path of a program on PATH, or nil when it is not installed.
  static func which(_ program: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").map { "\($0)/\(program)" }.first {
      FileManager.default.isExecutableFile(atPath: $0)
    }
  }

  /// Runs a program and returns its status with standard output and error together.
  static func run(_ executable: String, _ arguments: [String]) throws -> Result {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let outputFile = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-tool-\(UUID()).out")
    _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: outputFile) }
    let handle = try FileHandle(forWritingTo: outputFile)
    process.standardOutput = handle
    process.standardError = handle
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    try handle.close()
    return Result(
      status: process.terminationStatus, output: (try? String(contentsOf: outputFile, encoding: .utf8)) ?? "")
  }

  /// The project's own checking scripts, in Tests/Tools (shared with the end-to-end tests).
  static let tools = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Tools")

  /// Validates a JSON file against a JSON schema with python's jsonschema (draft chosen by the schema).
  static func validateJSON(_ python: String, document: String, schema: String) throws -> Result {
    try run(python, [tools.appendingPathComponent("validate-json-schema.py").path, schema, document])
  }

  /// Checks with python's HTML parser that every element of an HTML file is closed, in order.
  static func checkHTMLNesting(_ python: String, document: String) throws -> Result {
    try run(python, [tools.appendingPathComponent("check-html-nesting.py").path, document])
  }
}
