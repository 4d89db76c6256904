import ArgumentParser
import Engine
import Remediation
import Reports
import SCAPContent

/// The options of `palisade fix` and of oscap's spelling `palisade xccdf generate fix`.
struct FixGenerationOptions: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp("The fixes to gather: 'bash' or 'ansible'.", valueName: "type"))
  var fixType: String = "bash"

  @Option(name: .long, help: ArgumentHelp("Profile id, or its part after '_profile_'.", valueName: "id"))
  var profile: String?

  @Option(
    name: .long,
    help: ArgumentHelp("Fix only the failed rules of this TestResult of a result file.", valueName: "id"))
  var resultID: String?

  @Option(name: [.short, .long], help: ArgumentHelp("Write here instead of standard output.", valueName: "file"))
  var output: String?

  @OptionGroup var selection: ContentSelectionOptions

  @Argument(
    help: ArgumentHelp(
      "A data stream or XCCDF benchmark, or a result: an ARF file, XCCDF results or a 'palisade scan' run folder.",
      valueName: "file"))
  var file: String

  func validate() throws {
    guard FixSystem(fixType: fixType) != nil else {
      throw ValidationError("'--fix-type' must be 'bash' or 'ansible', not '\(fixType)'")
    }
  }

  /// Generates the script and writes it; exits 1 with a diagnostic when the content or output cannot be used.
  func run(layout: RemediationLayout, command: String) async throws {
    try await CommandFailure.reported {
      let system = FixSystem(fixType: fixType) ?? .bash
      let evaluated = EvaluatedContent.isResult(file) ? try EvaluatedContent(contentsOf: file, resultID: resultID) : nil
      let fromResult = evaluated != nil && (resultID != nil || profile == nil)
      let content = try ProfiledBenchmark(
        document: try evaluated?.document ?? SCAPDocument(contentsOf: file), dataStreamID: selection.datastreamID,
        checklistID: selection.checklistID, profileID: profile ?? (fromResult ? evaluated?.result.profileID : nil),
        tailoringID: selection.tailoringID, tailoringPath: selection.tailoringFile)
      let plan =
        if let evaluated, fromResult {
          try RemediationPlan(remediating: evaluated.result, of: content, system: system)
        } else {
          RemediationPlan(profiling: content, system: system)
        }
      let provenance = RemediationProvenance(
        generator: "Palisade \(Palisade.configuration.version)", command: command)
      let text = RemediationScript(plan: plan, layout: layout, provenance: provenance).text
      if let output {
        var file = try AtomicFileOutput(path: output)
        try file.write(text)
        try file.commit()
      } else {
        StandardStreams.writeOutput(text)
      }
    }
  }
}

extension Palisade {
  /// `palisade fix`: a bash script or Ansible playbook of a benchmark's fixes, each fix isolated from the others.
  struct FixCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "fix",
      abstract: "Generate a bash script or Ansible playbook that fixes a profile's rules, or a scan's failed rules.",
      discussion: """
        The script is made of the rules' XCCDF fixes for the fix type, with the profile's values substituted, in \
        the benchmark's order. Each rule's fix runs on its own (a subshell in bash, a block with a rescue in \
        Ansible), so one that fails does not stop the rest; the rules without a fix are listed at the end. \
        'palisade xccdf generate fix' writes the same fixes in oscap's layout.
        """)

    @OptionGroup var options: FixGenerationOptions

    func run() async throws { try await options.run(layout: .guarded, command: "palisade fix") }
  }
}

extension Palisade.XCCDFCommand {
  /// `palisade xccdf generate`: oscap's document generators; `fix` is the one Palisade has.
  struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Generate documents from XCCDF content (oscap-compatible).", subcommands: [GenerateFix.self])
  }

  /// `palisade xccdf generate fix`: `palisade fix` in oscap's layout, byte for byte apart from the generator line.
  struct GenerateFix: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "fix", abstract: "Generate a bash script or Ansible playbook in oscap's layout.")

    @OptionGroup var options: FixGenerationOptions

    func run() async throws { try await options.run(layout: .openSCAP, command: "palisade xccdf generate fix") }
  }
}
