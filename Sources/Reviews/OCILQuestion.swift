import Engine
public import SCAPContent
import XMLSupport

/// The question a reviewer answers for a rule whose check is an OCIL questionnaire with one boolean or choice
/// question test action: its text, and each answer with the status it gives, as the test action says.
/// `palisade review walk` asks it, as an OCIL interpreter would, and records the status the answer gives.
public struct OCILQuestion: Sendable {
  /// One answer a reviewer may give.
  public struct Answer: Sendable {
    /// What the reviewer types: `yes`, `no`, or a choice's number.
    public let key: String
    /// The answer as the question words it (the choice's text; yes or no).
    public let label: String
    public let status: Review.Status
  }

  public let text: String
  public let answers: [Answer]

  /// The question of `rule`'s OCIL check in `ocil`; nil when the rule has none, or its questionnaire is not one
  /// boolean or choice question.
  public init?(of rule: Rule, in ocil: OCILComponent) {
    let namespace = SCAPNamespace.ocil
    let names = RuleDecider.checks(of: rule).filter { $0.system == OCILResults.checkSystem }.flatMap {
      $0.contentRefs.compactMap(\.name)
    }
    guard let questionnaire = names.lazy.compactMap({ ocil.questionnaires[$0] }).first else { return nil }
    let actionIDs = OCILComponent.testActionIDs(of: questionnaire)
    guard actionIDs.count == 1,
      let action = ocil.children("test_actions").first(where: { $0[attribute: "id"] == actionIDs[0] }),
      let question = ocil.children("questions").first(where: {
        $0[attribute: "id"] == action[attribute: "question_ref"]
      }),
      let text = question.firstElement(named: "question_text", in: namespace)?.trimmedText
    else { return nil }
    let candidates: [(String, String, OCILQuestionAnswer)]
    switch question.localName {
    case "boolean_question": candidates = [("yes", "yes", .boolean(true)), ("no", "no", .boolean(false))]
    case "choice_question":
      candidates = question.elements(named: "choice", in: namespace).enumerated().compactMap { index, choice in
        choice[attribute: "id"].map { ("\(index + 1)", choice.trimmedText, .choice($0)) }
      }
    default: return nil
    }
    let answers = candidates.compactMap { key, label, answer -> Answer? in
      guard let outcome = answer.result(in: action), let status = Review.Status(ocilResult: outcome) else {
        return nil
      }
      return Answer(key: key, label: label, status: status)
    }
    guard !answers.isEmpty else { return nil }
    self.text = text
    self.answers = answers
  }

  /// The answer `input` gives (its key, `y` or `n` too); nil when it is none of them.
  public func answer(_ input: String) -> Answer? {
    let typed = input.lowercased()
    return answers.first { $0.key == typed || ($0.key == "yes" && typed == "y") || ($0.key == "no" && typed == "n") }
  }
}

extension Review.Status {
  /// The status an OCIL result gives; nil for results a reviewer does not record (ERROR, UNKNOWN, NOT_TESTED).
  init?(ocilResult: String) {
    switch OCILResults.ruleResult(ofOCIL: ocilResult) {
    case .pass?: self = .pass
    case .fail?: self = .fail
    case .notapplicable?: self = .notapplicable
    default: return nil
    }
  }
}
