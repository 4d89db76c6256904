import Foundation

extension RemediationScript {
  /// An Ansible playbook of the plan's fixes: one play on all hosts, the XCCDF Values the fixes promote to variables
  /// gathered into its `vars`, then every fix's tasks in plan order.
  var ansibleText: String {
    var variables: [String] = []
    var tasks: [(ruleID: String, parts: [String])] = []
    for entry in plan.entries {
      guard let text = entry.text else { continue }
      let split = PromotedVariables(splitting: text)
      for line in split.variableLines where !variables.contains(line) { variables.append(line) }
      tasks.append((entry.rule.id, split.taskParts))
    }
    var playbook = RemediationHeader(plan: plan, provenance: provenance).text
    playbook += "  vars:\n" + variables.joined()
    playbook += "  tasks:\n"
    for (ruleID, parts) in tasks {
      switch layout {
      case .openSCAP:
        for part in parts { playbook += Self.indented(part, by: 4) + "\n" }
      case .guarded:
        let body = parts.joined()
        guard body.contains(where: { !$0.isWhitespace }) else { continue }
        playbook += """
              - name: Remediate '\(ruleID)'
                block:
          \(Self.indented(body, by: 8))
                rescue:
                  - name: Report that the fix for '\(ruleID)' failed
                    debug:
                      msg: "The fix for '\(ruleID)' failed; the remaining fixes still run"


          """
      }
    }
    if layout == .guarded { playbook += RulesWithoutFixList(plan: plan).comment }
    return playbook
  }

  /// Each line with its trailing white space removed, and indented when it is not empty; every line ends in "\n".
  static func indented(_ text: String, by width: Int) -> String {
    let indentation = String(repeating: " ", count: width)
    return text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      let trimmed = line.reversed().drop { $0.isWhitespace || $0 == "\u{0B}" }.reversed()
      return trimmed.isEmpty ? "\n" : indentation + String(trimmed) + "\n"
    }.joined()
  }
}

/// SCAP Security Guide's Ansible fixes declare each XCCDF Value they use as a `set_fact` task marked
/// "# promote to variable"; a playbook turns those into play variables, as OpenSCAP does, and keeps the rest as tasks.
struct PromotedVariables {
  /// `    name: value\n` lines, in order.
  var variableLines: [String] = []
  /// The text between the promoted tasks.
  var taskParts: [String] = []

  private static let pattern = try? NSRegularExpression(
    pattern: "- name: XCCDF Value [^ ]+ # promote to variable\n  set_fact:\n    ([^:]+): (.+)\n  tags:\n    - always\n")

  init(splitting text: String) {
    let source = text as NSString
    var start = 0
    for match in Self.pattern?.matches(in: text, range: NSRange(location: 0, length: source.length)) ?? [] {
      let name = source.substring(with: match.range(at: 1))
      let value = source.substring(with: match.range(at: 2))
      variableLines.append("    \(name): \(value)\n")
      taskParts.append(source.substring(with: NSRange(location: start, length: match.range.location - start)))
      start = match.range.location + match.range.length
    }
    if start < source.length { taskParts.append(source.substring(from: start)) }
  }
}
