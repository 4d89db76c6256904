public import Engine
public import Foundation
import Reports
public import SCAPContent
import XMLSupport

/// The answers an OCIL 2.0 results document gives (OCIL 2.0 specification, section 9, results): a questionnaire's
/// result decides each XCCDF rule whose OCIL check names that questionnaire, as a person's answer does.
///
/// A questionnaire is decided by its `questionnaire_result`, or, when the document has none for it, by the answers
/// to the boolean and choice questions of its test actions (`OCILQuestionAnswer`), when the document also holds
/// them.
public struct OCILResults: ManualAnswers {
  public static let checkSystem = "http://scap.nist.gov/schema/ocil/2"
  public static let namespace = SCAPNamespace.ocil

  /// The file read.
  public let path: String
  /// Each answered questionnaire's XCCDF result, by questionnaire id.
  public let results: [String: RuleResultValue]
  /// When the questionnaires were answered: the results' end (or start) time, else the file's time.
  public let time: Date
  /// Who answered: the results' user, else the file.
  public let authority: String

  /// Reads an OCIL 2.0 document holding `results`.
  /// - Throws: `FileReadError` or `LocatedError` naming the file and place when it is not OCIL results.
  public init(contentsOf path: String) throws {
    let root = try XMLDocument(contentsOf: path).rootElement()
    guard root.localName == "ocil", root.name.namespace == Self.namespace else {
      throw LocatedError(
        "expected OCIL 2.0 results (ocil in \(Self.namespace)), found '\(root.localName)'", at: root.location)
    }
    guard let resultsElement = root.firstElement(named: "results", in: Self.namespace) else {
      throw LocatedError("the OCIL document holds no results", at: root.location)
    }
    self.path = path
    var results: [String: RuleResultValue] = [:]
    for element in resultsElement.firstElement(named: "questionnaire_results", in: Self.namespace)?.elements ?? [] {
      guard let id = element[attribute: "questionnaire_ref"], let text = element[attribute: "result"] else {
        throw LocatedError("questionnaire_result needs questionnaire_ref and result", at: element.location)
      }
      guard let result = Self.ruleResult(ofOCIL: text) else {
        throw LocatedError("unknown OCIL result '\(text)' for \(id)", at: element.location)
      }
      results[id] = result
    }
    for (id, result) in Self.resultsFromAnswers(in: root, results: resultsElement) where results[id] == nil {
      results[id] = result
    }
    self.results = results.filter { $0.value != .notchecked }
    let stamp = resultsElement[attribute: "end_time"] ?? resultsElement[attribute: "start_time"]
    let fileTime = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate]) as? Date
    time = stamp.flatMap(UTCTimestamp.date(fromXSDDateTime:)) ?? fileTime ?? Date()
    let user = resultsElement.firstElement(named: "targets", in: Self.namespace)?
      .firstElement(named: "user", in: Self.namespace)?.firstElement(named: "name", in: Self.namespace)?.trimmedText
    authority = user.flatMap { $0.isEmpty ? nil : $0 } ?? "OCIL results \(URL(fileURLWithPath: path).lastPathComponent)"
  }

  public func answer(for rule: Rule, at time: Date) -> ManualAnswer? {
    for check in RuleDecider.checks(of: rule) where check.system == Self.checkSystem {
      for reference in check.contentRefs {
        guard let name = reference.name, let result = results[name] else { continue }
        return .answered(
          ReviewedResult(
            result: result, authority: authority, time: self.time, remark: "",
            messages: [
              RuleMessage(
                .info,
                "OCIL questionnaire \(name) answered \(result.rawValue) in \(URL(fileURLWithPath: path).lastPathComponent)"
              )
            ], overridesAutomated: false))
      }
    }
    return nil
  }

  /// OCIL 2.0's result values as XCCDF results.
  static func ruleResult(ofOCIL text: String) -> RuleResultValue? {
    switch text {
    case "PASS": .pass
    case "FAIL": .fail
    case "NOT_APPLICABLE": .notapplicable
    case "ERROR": .error
    case "UNKNOWN": .unknown
    case "NOT_TESTED": .notchecked
    default: nil
    }
  }

  /// Questionnaire results worked out from the answers to boolean and choice questions, through the test actions
  /// and questionnaires the document holds: a questionnaire passes when each of its test actions' answers gives PASS,
  /// fails when one gives FAIL.
  private static func resultsFromAnswers(in root: XMLElement, results: XMLElement) -> [String: RuleResultValue] {
    var answers: [String: OCILQuestionAnswer] = [:]
    for element in results.firstElement(named: "question_results", in: namespace)?.elements ?? [] {
      guard let question = element[attribute: "question_ref"], let answer = OCILQuestionAnswer(questionResult: element)
      else { continue }
      answers[question] = answer
    }
    guard !answers.isEmpty else { return [:] }
    var actionResults: [String: RuleResultValue] = [:]
    for action in root.firstElement(named: "test_actions", in: namespace)?.elements ?? [] {
      guard let id = action[attribute: "id"], let question = action[attribute: "question_ref"],
        let outcome = answers[question]?.result(in: action), let result = ruleResult(ofOCIL: outcome)
      else { continue }
      actionResults[id] = result
    }
    var questionnaires: [String: RuleResultValue] = [:]
    for questionnaire in root.firstElement(named: "questionnaires", in: namespace)?.elements(
      named: "questionnaire", in: namespace) ?? []
    {
      guard let id = questionnaire[attribute: "id"] else { continue }
      let references = OCILComponent.testActionIDs(of: questionnaire)
      let decided = references.compactMap { actionResults[$0] }
      guard !references.isEmpty, decided.count == references.count else { continue }
      questionnaires[id] =
        decided.contains(.fail)
        ? .fail : decided.allSatisfy { $0 == .pass } ? .pass : RuleResultValue.worst(of: decided)
    }
    return questionnaires
  }
}

/// Several sources of answers, asked in order: the first that answers a rule decides it.
public struct ManualAnswerSources: ManualAnswers {
  public let sources: [any ManualAnswers]

  public init(_ sources: [any ManualAnswers]) {
    self.sources = sources
  }

  public func answer(for rule: Rule, at time: Date) -> ManualAnswer? {
    for source in sources {
      if let answer = source.answer(for: rule, at: time) { return answer }
    }
    return nil
  }
}
