import ArgumentParser
import OVAL

/// `--oval-semantics`: OpenSCAP's answers (the default) or the OVAL specification's, where the two differ.
struct OVALSemanticsOption: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "Where OpenSCAP and the OVAL specification differ (variables without values, state entities an item lacks), "
        + "give OpenSCAP's answers ('openscap', the default) or the specification's ('spec'). See docs/parity.md.",
      valueName: "openscap|spec"),
    transform: { text in
      guard let semantics = OVALSemantics(rawValue: text) else {
        throw ValidationError("--oval-semantics takes 'openscap' or 'spec', not '\(text)'")
      }
      return semantics
    })
  var ovalSemantics: OVALSemantics = .openSCAP
}
