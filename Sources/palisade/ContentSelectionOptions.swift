import ArgumentParser

/// oscap's choices inside a content file: the data stream, the benchmark and the tailoring, for every command that
/// reads XCCDF content.
struct ContentSelectionOptions: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp("An XCCDF tailoring file.", valueName: "file"))
  var tailoringFile: String?

  @Option(name: .long, help: ArgumentHelp("A tailoring component-ref inside the data stream.", valueName: "id"))
  var tailoringID: String?

  @Option(name: .long, help: ArgumentHelp("The data stream to use.", valueName: "id"))
  var datastreamID: String?

  @Option(name: .long, help: ArgumentHelp("The checklist component-ref to use.", valueName: "id"))
  var xccdfID: String?

  @Option(name: .long, help: ArgumentHelp("The benchmark to use, by its id.", valueName: "id"))
  var benchmarkID: String?

  /// The checklist asked for, by component-ref or benchmark id.
  var checklistID: String? { xccdfID ?? benchmarkID }

  func validate() throws {
    if xccdfID != nil && benchmarkID != nil {
      throw ValidationError("'--xccdf-id' and '--benchmark-id' both choose the benchmark; give one")
    }
  }
}
