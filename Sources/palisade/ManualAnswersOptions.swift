import ArgumentParser
import Engine
import Foundation
import Reviews
import XMLSupport

/// `--reviews` and `--ocil-results` of `scan` and `xccdf eval`: the answers a scan applies to the rules a host cannot
/// answer itself. A file named here that does not exist is refused before anything runs: silently left out, it would
/// leave every rule it answers `notchecked`.
struct ManualAnswersOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "Reviewers' answers to apply (see 'palisade review'; 'palisade scan' reads OUTPUT-DIR/reviews.json when it "
        + "exists and none is given).", valueName: "file"))
  var reviews: String?

  @Option(
    name: .long,
    help: ArgumentHelp("OCIL 2.0 results that answer the rules whose check system is OCIL.", valueName: "file"))
  var ocilResults: String?

  /// Refuses a named file that is missing or not a file: prints `palisade: error: --reviews 'FILE': REASON` and
  /// exits 1, as `--root` does.
  func validate() throws {
    for (option, path) in [("--reviews", reviews), ("--ocil-results", ocilResults)] {
      guard let path, let problem = Self.problem(with: path) else { continue }
      StandardStreams.write(Diagnostic(.error, "\(option) '\(path)': \(problem)"))
      throw ExitStatus.scanFailed
    }
  }

  /// The answers for `target`: its reviews in `--reviews` (else in `reviewFileByDefault` when that exists), then the
  /// OCIL results.
  /// - Throws: `LocatedError` or `FileReadError` naming a file that cannot be read.
  func answers(for target: TargetIdentity, reviewFileByDefault: String? = nil) throws -> ManualAnswerSources {
    let reviewFile = reviews ?? reviewFileByDefault
    return ManualAnswerSources(
      (try reviewFile.map { [ReviewAnswers(store: try ReviewFile.read($0), host: target.hostname)] } ?? [])
        + (try ocilResults.map { [try OCILResults(contentsOf: $0)] } ?? []))
  }

  private static func problem(with path: String) -> String? {
    var status = stat()
    guard stat(path, &status) == 0 else { return errnoReason() }
    return status.st_mode & S_IFMT == S_IFDIR ? "is a folder, not a file" : nil
  }
}
