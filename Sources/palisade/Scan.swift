import ArgumentParser
import Engine
import Foundation
import Probes
import Reports
import SCAPContent
import XMLSupport

extension Palisade {
  /// `palisade scan`: evaluate content against a host and write the results.
  struct Scan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check a host against SCAP content and write ARF results.",
      discussion: """
        Each run writes OUTPUT-DIR/HOST/TIMESTAMP/arf.xml (an ARF 1.1 report holding the XCCDF TestResult and \
        full OVAL results) and then points OUTPUT-DIR/HOST/latest at that folder. Nothing is written when the \
        content cannot be loaded.

        Examples:
          palisade scan                     (this host, bundled content)
          palisade scan --root /mnt/image   (a host tree mounted there)
          palisade scan --profile MAC-1_Classified --output-dir /var/lib/palisade
        """)

    @Option(
      name: .long, help: ArgumentHelp("SCAP content: a source data stream or an XCCDF benchmark.", valueName: "file"))
    var content: String?

    @Option(
      name: .long,
      help: ArgumentHelp(
        "Profile id, or its part after '_profile_' (default: the benchmark's own selection).", valueName: "id"))
    var profile: String?

    @Option(name: .long, help: ArgumentHelp("Data stream id, when the content holds several.", valueName: "id"))
    var datastreamID: String?

    @Option(
      name: .long,
      help: ArgumentHelp(
        "Scan the host tree under this folder instead of '/' (a mounted image or chroot).",
        valueName: "dir"))
    var root: String = "/"

    @Option(name: .long, help: ArgumentHelp("Where results go.", valueName: "dir"))
    var outputDir: String = "results"

    @Flag(name: .long, help: "Print only the result file's path and the counts.")
    var quiet = false

    func run() async throws {
      // A result file that outgrows `ulimit -f` must fail its write (EFBIG) and be cleaned up, not kill the scan.
      signal(SIGXFSZ, SIG_IGN)
      do {
        let outcome = try await scan()
        let resultPath = try ScanResultFolder(base: outputDir, host: outcome.target.hostname).write(outcome)
        let summary = TerminalSummary(outcome: outcome, resultPath: resultPath)
        print(
          quiet ? summary.text.split(separator: "\n").suffix(3).joined(separator: "\n") : summary.text,
          terminator: quiet ? "\n" : "")
        if outcome.ruleResults.contains(where: { $0.result.needsAttention }) {
          throw ExitStatus.findings
        }
      } catch let exit as ExitCode {
        throw exit
      } catch {
        FileHandle.standardError.write(Data(Self.diagnostic(for: error).utf8))
        throw ExitStatus.scanFailed
      }
    }

    private func scan() async throws -> ScanOutcome {
      guard let contentPath = content ?? BundledContent.locate() else {
        throw ScanError(
          "cannot find Palisade's bundled content (\(BundledContent.fileName)); give one with --content or set "
            + "PALISADE_CONTENT")
      }
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
        throw ScanError("--root '\(root)' is not a folder")
      }
      let systemRoot = SystemRoot(root)
      let document = try SCAPDocument(contentsOf: contentPath)
      let request = ScanRequest(
        document: document, dataStreamID: datastreamID, profileID: profile,
        collector: SystemCollector(root: systemRoot), target: .ofThisHost())
      return try await Scanner().scan(request)
    }

    /// `file:line:col: error: message` for content problems, `palisade: error: message` for the rest.
    static func diagnostic(for error: Error) -> String {
      switch error {
      case let located as LocatedError: "\(located)\n"
      case let output as OutputError: "\(output)\n"
      case let read as FileReadError: "\(read)\n"
      default: "palisade: error: \(error)\n"
      }
    }
  }
}
