import ArgumentParser

/// `--profile` and `--datastream-id` of `scan` and `xccdf eval`: which data stream of the content, and which profile
/// of its benchmark, to evaluate. Both are looked up in the content when it is loaded (an unknown one is reported
/// then, naming the content), so nothing here can be refused earlier.
struct ProfileSelectionOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "Profile id, or its part after '_profile_' (default: the benchmark's own selection).", valueName: "id"))
  var profile: String?

  @Option(name: .long, help: ArgumentHelp("Data stream id, when the content holds several.", valueName: "id"))
  var datastreamID: String?
}
