import ArgumentParser
import Foundation

/// The `palisade` command: a SCAP 1.3 compliance scanner for Linux hosts and Docker engines.
@main
struct Palisade: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "palisade",
    abstract: "A SCAP 1.3 compliance scanner for Linux hosts and Docker engines.",
    discussion: """
      Palisade evaluates SCAP content (source data streams, XCCDF benchmarks with OVAL checks) against this \
      host, or a host tree mounted elsewhere, and writes ARF results that oscap, STIG Viewer workflows and \
      SCAP tooling read.

      Start with 'palisade scan': with no options it checks this host against Palisade's bundled Docker \
      Enterprise 2.x STIG content and writes its results under ./results.

      Exit codes: 0 every selected rule passed (or did not apply); 2 at least one rule failed, or could not be \
      decided (error, unknown); 1 the scan itself failed (unreadable or malformed content, unwritable output) or \
      the command line cannot be taken.
      """,
    version: "\(BuildStamp.release) (commit \(BuildStamp.commit))",
    subcommands: [
      ScanCommand.self, FixCommand.self, XCCDFCommand.self, OVALCommand.self, InfoCommand.self, ValidateCommand.self,
      ReportCommand.self, DiffCommand.self, ReviewCommand.self, FleetCommand.self,
    ]
  )

  /// Runs the command line, with broken pipes ended quietly: a write to a closed pipe (`palisade scan | head -1`)
  /// fails with EPIPE instead of killing the process with SIGPIPE, and the exit code stays the command's own.
  /// A command line that cannot be taken (an unknown option, a value out of range) exits 1, as oscap's does, not
  /// with the argument parser's 64: a scheduler sees one code for "the scan did not run".
  /// The Swift runtime of a binary built with `--static-swift-stdlib` (the Debian package's) reads its arguments from
  /// /proc/self/cmdline. Where /proc is not mounted (a chroot) it would see none, not even its own name, and print the
  /// help with exit 0 instead of running the command it was given: that is a failed run, and says so.
  static func main() async {
    signal(SIGPIPE, SIG_IGN)
    guard !CommandLine.arguments.isEmpty else {
      StandardStreams.writeError(
        "palisade: error: cannot read the command line (/proc/self/cmdline): is /proc mounted? Nothing was run.")
      Foundation.exit(ExitStatus.scanFailed.rawValue)
    }
    do {
      var command = try parseAsRoot()
      if var asynchronous = command as? AsyncParsableCommand {
        try await asynchronous.run()
      } else {
        try command.run()
      }
    } catch {
      guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
      for line in fullMessage(for: error).split(separator: "\n", omittingEmptySubsequences: false) {
        StandardStreams.writeError(String(line))
      }
      Foundation.exit(ExitStatus.scanFailed.rawValue)
    }
  }
}
