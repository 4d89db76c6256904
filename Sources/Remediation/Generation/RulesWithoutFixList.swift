/// The closing list of rules that a generated script cannot fix, with why.
struct RulesWithoutFixList {
  let plan: RemediationPlan

  var comment: String {
    let missing = plan.rulesWithoutFix
    guard !missing.isEmpty else { return "# Every rule in this \(plan.system.fixType) remediation has a fix.\n" }
    var text = "# Rules without a \(plan.system.fixType) fix (\(missing.count) of \(plan.entries.count)):\n"
    for entry in missing { text += "# - \(entry.rule.id): \(entry.missingReason ?? "no fix")\n" }
    return text
  }

  var bashText: String {
    let count = plan.rulesWithoutFix.count
    return comment
      + "(>&2 echo \"\(count) of \(plan.entries.count) rules have no bash fix; see the end of this script\")\n"
  }
}
