public import Engine
public import OVAL

/// One rule's result with everything a reviewer needs to accept it: the rule, the result, the scanner's
/// messages, and the evidence the check collected.
public struct Finding: Sendable {
  public let rule: ReportedRule
  public let result: RuleResultValue
  /// xsd:dateTime of the rule result as written.
  public let time: String?
  public let messages: [FindingMessage]
  /// The OVAL definition the check evaluated and its result, when the result file has OVAL results.
  public let definition: (id: String, result: OVALResult)?
  /// What each OVAL test of the check examined, found and expected.
  public let evidence: [TestEvidence]
  /// XCCDF Values the check used (`check-export`), with the value each had in the scan.
  public let boundValues: [BoundValue]
  /// False for a STIG rule that no scanned rule matched: it was not evaluated at all.
  public let wasEvaluated: Bool
  /// Notes about how the finding was assembled, such as a revision mismatch with the STIG.
  public let notes: [String]
  /// Reviewers' answers that decided or replaced the result.
  public let overrides: [FindingOverride]

  public init(
    rule: ReportedRule, result: RuleResultValue, time: String?, messages: [FindingMessage],
    definition: (id: String, result: OVALResult)?, evidence: [TestEvidence], boundValues: [BoundValue],
    wasEvaluated: Bool = true, notes: [String] = [], overrides: [FindingOverride] = []
  ) {
    self.rule = rule
    self.result = result
    self.time = time
    self.messages = messages
    self.definition = definition
    self.evidence = evidence
    self.boundValues = boundValues
    self.wasEvaluated = wasEvaluated
    self.notes = notes
    self.overrides = overrides
  }

  /// The same finding about another rule (a STIG rule it was matched to), with notes added.
  func about(_ rule: ReportedRule, notes extraNotes: [String]) -> Finding {
    Finding(
      rule: rule, result: result, time: time, messages: messages, definition: definition, evidence: evidence,
      boundValues: boundValues, wasEvaluated: wasEvaluated, notes: notes + extraNotes,
      overrides: overrides)
  }
}

/// A rule-result `message`.
public struct FindingMessage: Sendable {
  public let severity: RuleMessage.Severity
  public let text: String

  public init(severity: RuleMessage.Severity, text: String) {
    self.severity = severity
    self.text = text
  }
}

/// An XCCDF Value a check exported to its check system, and the value it had in the scan.
public struct BoundValue: Sendable {
  public let valueID: String
  public let exportName: String
  public let title: String?
  public let value: String?

  public init(valueID: String, exportName: String, title: String?, value: String?) {
    self.valueID = valueID
    self.exportName = exportName
    self.title = title
    self.value = value
  }
}
