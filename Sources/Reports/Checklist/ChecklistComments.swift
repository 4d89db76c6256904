extension Finding {
  /// A checklist's COMMENTS for the finding: each reviewer's answer with who, when and why, overrides of an
  /// automated result named as such; empty when nobody reviewed the rule.
  var checklistComments: String {
    overrides.map(\.sentence).joined(separator: "\n")
  }
}
