import XMLSupport

/// An answer to an OCIL 2.0 boolean or choice question, and the result a question test action gives for it (OCIL 2.0
/// specification, test actions): `when_true`/`when_false`, `when_choice`, and `when_not_applicable` for a question
/// answered as not applicable. Both ways are here: the result an answer gives (reading OCIL results) and the answer
/// that gives a result (writing a reviewer's result as the answer to the question).
enum OCILQuestionAnswer: Equatable {
  case boolean(Bool)
  /// The id of the choice picked.
  case choice(String)
  /// The question does not apply (`response="NOT_APPLICABLE"`).
  case notApplicable

  static let namespace = OCILResults.namespace

  /// The answer a `boolean_question_result` or `choice_question_result` records; nil for another element, or one
  /// without an answer (not answered, unknown).
  init?(questionResult element: XMLElement) {
    if element[attribute: "response"] == "NOT_APPLICABLE" {
      self = .notApplicable
      return
    }
    guard element[attribute: "response"] ?? "ANSWERED" == "ANSWERED",
      let answer = element.firstElement(named: "answer", in: Self.namespace)
    else { return nil }
    switch element.localName {
    case "boolean_question_result":
      switch answer.trimmedText {
      case "true", "1": self = .boolean(true)
      case "false", "0": self = .boolean(false)
      default: return nil
      }
    case "choice_question_result":
      guard let choice = answer[attribute: "choice_ref"] else { return nil }
      self = .choice(choice)
    default: return nil
    }
  }

  /// The answer to `action`'s question that gives `result` (an OCIL result value); nil when none does.
  init?(giving result: String, in action: XMLElement) {
    let candidates: [OCILQuestionAnswer]
    switch action.localName {
    case "boolean_question_test_action": candidates = [.boolean(true), .boolean(false)]
    case "choice_question_test_action":
      candidates = action.elements(named: "when_choice", in: Self.namespace).flatMap {
        $0.elements(named: "choice_ref", in: Self.namespace).map { OCILQuestionAnswer.choice($0.trimmedText) }
      }
    default: return nil
    }
    guard let found = (candidates + [.notApplicable]).first(where: { $0.result(in: action) == result }) else {
      return nil
    }
    self = found
  }

  /// The OCIL result `action` gives this answer; nil when the action says nothing for it.
  func result(in action: XMLElement) -> String? {
    func result(of condition: XMLElement?) -> String? {
      condition?.firstElement(named: "result", in: Self.namespace)?.trimmedText
    }
    switch (self, action.localName) {
    case (.notApplicable, _):
      return result(of: action.firstElement(named: "when_not_applicable", in: Self.namespace))
    case (.boolean(let answer), "boolean_question_test_action"):
      return result(of: action.firstElement(named: answer ? "when_true" : "when_false", in: Self.namespace))
    case (.choice(let choice), "choice_question_test_action"):
      return result(
        of: action.elements(named: "when_choice", in: Self.namespace).first {
          $0.elements(named: "choice_ref", in: Self.namespace).contains { $0.trimmedText == choice }
        })
    default: return nil
    }
  }

  /// Writes the answer as the question result of `question`, for a test action of `kind`.
  func write<Output: XMLOutput>(question: String, kind: String, to writer: inout XMLWriter<Output>) throws {
    let element = kind == "choice_question_test_action" ? "choice_question_result" : "boolean_question_result"
    switch self {
    case .notApplicable:
      try writer.startElement(element, attributes: ["question_ref": question, "response": "NOT_APPLICABLE"])
      try writer.element("answer", attributes: ["xsi:nil": "true"])
    case .boolean(let answer):
      try writer.startElement(element, attributes: ["question_ref": question, "response": "ANSWERED"])
      try writer.element("answer", text: answer ? "true" : "false")
    case .choice(let choice):
      try writer.startElement(element, attributes: ["question_ref": question, "response": "ANSWERED"])
      try writer.element("answer", attributes: ["choice_ref": choice])
    }
    try writer.endElement()
  }
}
