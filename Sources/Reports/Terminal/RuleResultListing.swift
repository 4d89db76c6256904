public import Engine

/// Each evaluated rule as oscap's `xccdf eval` lists it: Title, Rule, Ident and Result lines, then a blank line.
public struct RuleResultListing {
  public let outcome: ScanOutcome

  public init(outcome: ScanOutcome) {
    self.outcome = outcome
  }

  public var text: String {
    var text = ""
    for result in outcome.ruleResults where result.result != .notselected {
      text += "Title\t\(TerminalText.escaped(result.rule.title))\nRule\t\(TerminalText.escaped(result.rule.id))\n"
      for ident in result.rule.idents { text += "Ident\t\(TerminalText.escaped(ident.value))\n" }
      text += "Result\t\(result.result.rawValue)\n\n"
    }
    return text
  }
}
