import ArgumentParser

/// The exit codes, as oscap uses them.
enum ExitStatus {
  /// Every selected rule passed or did not apply.
  static let compliant = ExitCode(0)
  /// The scan itself failed: content, options or output.
  static let scanFailed = ExitCode(1)
  /// At least one rule failed or could not be decided.
  static let findings = ExitCode(2)
}
