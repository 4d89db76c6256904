import Dispatch
import Engine
import Foundation
import OVAL
import Reports
import SCAPContent
import XMLSupport

/// One fuzz input through what `palisade scan` and `palisade oval eval` do with content: parse the XML, recognise
/// the document, load the benchmark or OVAL definitions, evaluate every rule or definition (against `EchoCollector`,
/// never the machine), and write the results. Bad input must end in a thrown error with a message; anything else
/// (a crash, a sanitizer report, a hang) is a bug.
enum FuzzTarget {
  /// The name the input goes by; its folder does not exist, so relative references in the input find nothing.
  static let inputPath = "/nonexistent/palisade-fuzz/input.xml"

  /// Runs one input to the end.
  ///
  /// The input and the semaphore are statics rather than values the task captures: the task then owns nothing that
  /// it frees after signalling, so every allocation of the input is freed before this returns, as libFuzzer's leak
  /// detection expects (a captured input was once reported as leaked when the task freed it a moment too late).
  static func run(_ data: Data) {
    FileNameRoundTrip.check(data)
    JSONParsing.check(Array(data))
    DockerReplyServing.check(Array(data))
    input = data
    Task {
      await evaluate(input)
      finished.signal()
    }
    finished.wait()
    input = Data()
  }

  /// The input being run. Written by the fuzzer's thread only while no task runs, read by the task only while that
  /// thread waits on `finished`: the semaphore orders every access.
  nonisolated(unsafe) private static var input = Data()
  private static let finished = DispatchSemaphore(value: 0)

  private static func evaluate(_ data: Data) async {
    do {
      let root = try XMLDocument(data: data, path: inputPath).rootElement()
      let document = try SCAPDocument(parsing: root, path: inputPath)
      var writer = XMLWriter(output: XMLStringOutput())
      if case .ovalDefinitions(let source, let path) = document {
        let definitions = try OVALDefinitions(parsing: source, path: path)
        let evaluator = OVALEvaluator(definitions: definitions, collector: EchoCollector())
        for definition in definitions.definitions {
          _ = await evaluator.evaluate(definitionID: definition.id)
        }
        let run = OVALRun(href: path, definitions: definitions, record: evaluator.record)
        try OVALResultsWriter(run: run, systemInfo: .target(target), timestamp: Date(timeIntervalSince1970: 0))
          .writeDocument(to: &writer)
      } else {
        let request = ScanRequest(document: document, collector: EchoCollector(), target: target)
        let outcome = try await Scanner().scan(request)
        try ARFWriter(outcome: outcome).write(to: &writer)
        _ = TerminalSummary(outcome: outcome, resultPath: nil).text
      }
    } catch {
      // Every error must describe itself; formatting it is part of the target.
      _ = String(describing: error)
    }
  }

  /// A fixed host, so that runs do not depend on the machine's names and addresses.
  private static let target = TargetIdentity(
    hostname: "fuzz", fullyQualifiedName: "fuzz.example", ipAddresses: ["192.0.2.1"],
    macAddresses: ["00:00:5E:00:53:01"], interfaces: [], userName: "fuzz", isPrivileged: false,
    operatingSystem: "Linux", operatingSystemRelease: "6.1.0", operatingSystemVersion: "#1 SMP", architecture: "x86_64")
}
