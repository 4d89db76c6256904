import Probes

/// Each fuzz input is also read as a JSON text, the way the Docker Engine API's answers, daemon.json and busctl's
/// output are read: it must parse or end in an error with a line and column, never crash or run away.
enum JSONParsing {
  static func check(_ data: [UInt8]) {
    if let problem = JSONFuzzCheck.problem(in: data), problem.isEmpty {
      // A broken invariant of our own code, which the fuzzer must report as a crash.
      fatalError("the JSON parser rejected a text without saying why")
    }
  }
}
