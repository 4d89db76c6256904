extension RemediationScript {
  /// A bash script of the plan's fixes, one section per rule in plan order.
  var bashText: String {
    var script = RemediationHeader(plan: plan, provenance: provenance).text
    let total = plan.entries.count
    for (index, entry) in plan.entries.enumerated() {
      let id = entry.rule.id
      script += """
        \(String(repeating: "#", count: 79))
        # BEGIN fix (\(index + 1) / \(total)) for '\(id)'
        \(String(repeating: "#", count: 79))
        (>&2 echo "Remediating rule \(index + 1)/\(total): '\(id)'")

        """
      switch (entry.text, layout) {
      case (let text?, .openSCAP):
        script += text
      case (let text?, .guarded):
        // A subshell: an `exit`, `set -e` or failing command inside one fix ends that fix only.
        script += "(\n" + text + (text.hasSuffix("\n") ? "" : "\n")
        script += ") || (>&2 echo \"Fix for rule '\(id)' failed with status $?\")"
      case (nil, _):
        script += "(>&2 echo \"FIX FOR THIS RULE '\(id)' IS MISSING!\")\n"
      }
      script += "\n# END fix for '\(id)'\n\n"
    }
    if layout == .guarded { script += RulesWithoutFixList(plan: plan).bashText }
    return script
  }
}
