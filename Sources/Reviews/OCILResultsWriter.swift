public import Engine
public import Foundation
import Reports
public import SCAPContent
public import XMLSupport

/// Writes the reviews in force for a host as an OCIL 2.0 results document: the questionnaires of the content's
/// OCIL component that the answers decide (with their test actions and questions, as the OCIL schema requires a
/// results document to carry), a `questionnaire_result` for each, and the answer to its question that gives that
/// result, so that any OCIL consumer, and `--ocil-results`, reads the reviewers' answers.
public struct OCILResultsWriter {
  /// Each answered questionnaire and its result.
  public let answered: [(questionnaire: XMLElement, result: RuleResultValue)]
  let testActions: [XMLElement]
  let questions: [XMLElement]
  public let host: String
  public let time: Date

  /// - Throws: `LocatedError` when the content holds no OCIL component.
  public init(document: SCAPDocument, rules: ReviewedRules, answers: ReviewAnswers, time: Date) throws {
    guard let ocil = OCILComponent(in: document) else {
      throw LocatedError("the content holds no OCIL component", at: SourceLocation(file: "content", line: 0, column: 0))
    }
    let questionnaires = ocil.questionnaires
    var answered: [(XMLElement, RuleResultValue)] = []
    for rule in rules.benchmark.rules {
      guard case .answered(let review)? = answers.answer(for: rule, at: time) else { continue }
      for check in RuleDecider.checks(of: rule) where check.system == OCILResults.checkSystem {
        for reference in check.contentRefs {
          if let name = reference.name, let questionnaire = questionnaires[name] {
            answered.append((questionnaire, review.result))
          }
        }
      }
    }
    let actionIDs = Set(answered.flatMap { OCILComponent.testActionIDs(of: $0.0) })
    testActions = ocil.children("test_actions").filter { actionIDs.contains($0[attribute: "id"] ?? "") }
    let questionIDs = Set(testActions.compactMap { $0[attribute: "question_ref"] })
    questions = ocil.children("questions").filter { questionIDs.contains($0[attribute: "id"] ?? "") }
    self.answered = answered
    self.host = answers.host
    self.time = time
  }

  public func write<Output: XMLOutput>(to writer: inout XMLWriter<Output>) throws {
    let stamp = UTCTimestamp.string(from: time, .xsdDateTime)
    try writer.startDocument()
    try writer.startElement(
      "ocil", namespaces: ["": OCILResults.namespace, "xsi": "http://www.w3.org/2001/XMLSchema-instance"])
    try writer.startElement("generator")
    try writer.element("product_name", text: ProductInfo.name)
    try writer.element("product_version", text: ProductInfo.version)
    try writer.element("schema_version", text: "2.0")
    try writer.element("timestamp", text: stamp)
    try writer.endElement()
    for (name, elements) in [
      ("questionnaires", answered.map(\.questionnaire)), ("test_actions", testActions),
      ("questions", questions),
    ] {
      try writer.startElement(name)
      for element in elements { try writer.copy(element) }
      try writer.endElement()
    }
    try writer.startElement("results", attributes: ["start_time": stamp, "end_time": stamp])
    try writer.startElement("questionnaire_results")
    for (questionnaire, result) in answered {
      try writer.element(
        "questionnaire_result",
        attributes: ["questionnaire_ref": questionnaire[attribute: "id"], "result": Self.ocilResult(of: result)])
    }
    try writer.endElement()
    let answers = questionAnswers
    if !answers.isEmpty {
      try writer.startElement("question_results")
      for (question, kind, answer) in answers { try answer.write(question: question, kind: kind, to: &writer) }
      try writer.endElement()
    }
    try writer.startElement("targets")
    try writer.startElement("system")
    try writer.element("name", text: host)
    try writer.endElement()
    try writer.endElement()
    try writer.endElement()
    try writer.endElement()
    try writer.endDocument()
  }

  /// The answer to each answered questionnaire's question that gives its result, for a questionnaire of one question
  /// test action (as the Docker content's are): question id, test action kind, answer.
  var questionAnswers: [(String, String, OCILQuestionAnswer)] {
    let actions = Dictionary(testActions.compactMap { action in action[attribute: "id"].map { ($0, action) } }) {
      first, _ in first
    }
    return answered.compactMap { questionnaire, result in
      let references = OCILComponent.testActionIDs(of: questionnaire)
      guard references.count == 1, let action = actions[references[0]],
        let question = action[attribute: "question_ref"],
        let answer = OCILQuestionAnswer(giving: Self.ocilResult(of: result), in: action)
      else { return nil }
      return (question, action.localName, answer)
    }
  }

  /// XCCDF results as OCIL 2.0's result values.
  static func ocilResult(of result: RuleResultValue) -> String {
    switch result {
    case .pass, .fixed: "PASS"
    case .fail: "FAIL"
    case .notapplicable: "NOT_APPLICABLE"
    case .error: "ERROR"
    case .unknown: "UNKNOWN"
    case .notchecked, .notselected, .informational: "NOT_TESTED"
    }
  }
}
