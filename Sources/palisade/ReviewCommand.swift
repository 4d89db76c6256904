public import ArgumentParser
import Engine
import Foundation
import Reports
import Reviews
import SCAPContent
import XMLSupport

extension Palisade {
  /// `palisade review`: reviewers' answers for the rules a host cannot answer, kept across scans.
  struct ReviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "review",
      abstract: "Record, list and walk through reviewers' answers for manual rules.",
      discussion: """
        Answers live in the review file beside the results (OUTPUT-DIR/reviews.json, or --reviews FILE), with the \
        history of every change; every later scan of the host applies them (docs/reviews.md). An answer expires \
        (--valid-for; by default after the days the content's Value xccdf_dev.palisade_value_review_validity_days \
        gives, else 365), and one made for an older revision of a rule no longer holds.

        Examples:
          palisade review set SV-235787 --status pass --details "SIEM alert 'docker audit gap' in force" \\
            --comment "checked with the SIEM team" --reviewer alice
          palisade review list
          palisade review walk --reviewer alice
          palisade review import web01.ckl --reviewer alice
        """,
      subcommands: [SetReview.self, ListReviews.self, Walk.self, Import.self, OCILExport.self])
  }
}

/// Options every `palisade review` subcommand shares: the review file, the content, the host.
struct ReviewStoreOptions: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp("The results folder whose review file to use.", valueName: "dir"))
  var outputDir: String = "results"

  @Option(name: .long, help: ArgumentHelp("The review file (default: OUTPUT-DIR/reviews.json).", valueName: "file"))
  var reviews: String?

  @Option(
    name: .long,
    help: ArgumentHelp("SCAP content whose rules are reviewed (default: the bundled content).", valueName: "file"))
  var content: String?

  @Option(name: .long, help: ArgumentHelp("The host the answers are for (default: this host).", valueName: "name"))
  var host: String?

  @Option(
    name: .long,
    help: ArgumentHelp("A host group of the review file the answers are for, instead of a host.", valueName: "name"))
  var group: String?

  func validate() throws {
    if host != nil && group != nil { throw ValidationError("'--host' and '--group' both choose the hosts; give one") }
  }

  var reviewFilePath: String { reviews ?? ReviewFile.path(inResultsFolder: outputDir) }

  var scope: Review.Scope { group.map(Review.Scope.group) ?? .host(hostName) }

  var hostName: String { host ?? TargetIdentity.ofThisHost().hostname }

  func rules() throws -> ReviewedRules {
    ReviewedRules(benchmark: try Scanner().benchmark(in: try document()))
  }

  func document() throws -> SCAPDocument {
    guard let path = content ?? BundledContent.locate() else {
      throw ScanError(
        "cannot find Palisade's bundled content (\(BundledContent.fileName)); give one with --content or set "
          + "PALISADE_CONTENT")
    }
    return try SCAPDocument(contentsOf: path)
  }
}

/// Who records an answer: `--reviewer`, else the login name.
struct ReviewerOption: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp("Who answers (default: the login name).", valueName: "name"))
  var reviewer: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Days an answer holds (default: the content's review validity Value, else 365).", valueName: "days"))
  var validFor: Int?

  @Flag(name: .long, help: "Answers never expire.")
  var noExpiry = false

  func validate() throws {
    if let validFor, validFor <= 0 { throw ValidationError("'--valid-for' must be a number of days above 0") }
    if validFor != nil && noExpiry { throw ValidationError("'--valid-for' and '--no-expiry' both set the expiry") }
    if name.isEmpty { throw ValidationError("give '--reviewer': the login name is not known") }
  }

  var name: String {
    reviewer ?? ProcessInfo.processInfo.environment["SUDO_USER"] ?? ProcessInfo.processInfo.environment["USER"] ?? ""
  }

  /// How long an answer to `rules` holds: the flags, else the content's Value (`ReviewValidity`).
  func validity(for rules: ReviewedRules) throws -> ReviewValidity {
    try ReviewValidity(benchmark: rules.benchmark, days: validFor, noExpiry: noExpiry)
  }
}

extension Review.Status: ExpressibleByArgument {}

extension Palisade.ReviewCommand {
  /// `palisade review set RULE`: records one answer.
  struct SetReview: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "set", abstract: "Record a reviewer's answer for one rule.")

    @Argument(
      help: ArgumentHelp(
        "The rule: its id, DISA rule or group number (SV-235787, V-235787) or STIG id.", valueName: "rule"))
    var rule: String

    @Option(name: .long, help: ArgumentHelp("pass, fail or notapplicable.", valueName: "status"))
    var status: Review.Status

    @Option(name: .long, help: ArgumentHelp("What the reviewer found (FINDING_DETAILS).", valueName: "text"))
    var details: String = ""

    @Option(name: .long, help: ArgumentHelp("Why the status holds (COMMENTS).", valueName: "text"))
    var comment: String = ""

    @Flag(name: .long, help: "Let the answer replace the result of the rule's automated check (shown as an override).")
    var overridesAutomated = false

    @OptionGroup var store: ReviewStoreOptions

    @OptionGroup var reviewer: ReviewerOption

    func run() async throws {
      try await CommandFailure.reported {
        let rules = try store.rules()
        guard let found = rules.rule(named: rule) else {
          throw ScanError("no rule '\(rule)' in benchmark '\(rules.benchmark.id)'")
        }
        if RuleDecider(rule: found) == .automated && !overridesAutomated {
          throw ScanError(
            "\(rules.reviewedID(of: found)) is decided by its automated check; give --overrides-automated to "
              + "override its result")
        }
        let path = store.reviewFilePath
        var reviews = try ReviewFile.read(path)
        let now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        let review = Review(
          scope: store.scope, ruleID: rules.reviewedID(of: found), status: status, findingDetails: details,
          comment: comment, reviewer: reviewer.name, time: now,
          expires: try reviewer.validity(for: rules).expiry(from: now),
          overridesAutomated: overridesAutomated)
        reviews.record(review, changedBy: reviewer.name, source: "palisade review set", at: now)
        try ReviewFile.write(reviews, to: path)
        let expiry = review.expires.map { "until \(UTCTimestamp.string(from: $0, .xsdDateTime))" } ?? "with no expiry"
        print("\(review.ruleID) \(review.status.rawValue) for \(review.scope), \(expiry), recorded in \(path)")
      }
    }
  }

  /// `palisade review list`: the answers on record and whether each holds.
  struct ListReviews: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list", abstract: "List the answers on record and whether each still holds.")

    @OptionGroup var store: ReviewStoreOptions

    func run() async throws {
      try await CommandFailure.reported {
        let reviews = try ReviewFile.read(store.reviewFilePath)
        guard !reviews.reviews.isEmpty else {
          print("no reviews in \(store.reviewFilePath)")
          return
        }
        let rules = try store.rules()
        let now = Date()
        for review in reviews.reviews {
          let standing: String
          if let rule = rules.rule(named: review.ruleID) {
            let host: String
            switch review.scope {
            case .host(let name): host = name
            case .group(let name): host = reviews.groups[name]?.first ?? ""
            }
            switch ReviewAnswers(store: reviews, host: host).answer(for: rule, at: now) {
            case .answered?: standing = "in force"
            case .lapsed(let reason)?: standing = "lapsed: \(reason)"
            case nil: standing = "not applied: the group has no hosts"
            }
          } else {
            standing = "no such rule in the content"
          }
          let expiry = review.expires.map { "until \(UTCTimestamp.string(from: $0, .xsdDateTime))" } ?? "no expiry"
          let override = review.overridesAutomated ? " (overrides automated)" : ""
          print(
            "\(review.scope)\t\(review.ruleID)\t\(review.status.rawValue)\(override)\t\(review.reviewer)\t"
              + "\(UTCTimestamp.string(from: review.time, .xsdDateTime))\t\(expiry)\t\(standing)")
        }
      }
    }
  }

  /// `palisade review walk`: asks about each open manual rule on the terminal and records the answers.
  struct Walk: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Walk through the manual rules without an answer in force, asking for each.",
      discussion: """
        For each rule a person decides that has no answer in force for the host, prints its title and check text \
        and, when the rule's check is an OCIL questionnaire, its question with the status each answer gives; then \
        asks for an answer (yes, no, a choice's number, or a status: pass, fail, notapplicable; an empty line skips \
        the rule, q stops), the finding details and a comment. Each answer is written to the review file as soon as it is given. Answers may be \
        piped on standard input, one line each.
        """)

    @OptionGroup var store: ReviewStoreOptions

    @OptionGroup var reviewer: ReviewerOption

    func run() async throws {
      try await CommandFailure.reported {
        let document = try store.document()
        let rules = ReviewedRules(benchmark: try Scanner().benchmark(in: document))
        let ocil = OCILComponent(in: document)
        let validity = try reviewer.validity(for: rules)
        let path = store.reviewFilePath
        var reviews = try ReviewFile.read(path)
        let host = store.group.flatMap { reviews.groups[$0]?.first } ?? store.hostName
        let open = rules.openRules(in: reviews, host: host, at: Date())
        print("\(open.count) rule(s) wait for an answer for \(store.scope).")
        var recorded = 0
        walk: for (index, rule) in open.enumerated() {
          print("")
          print("[\(index + 1)/\(open.count)] \(rules.reviewedID(of: rule)) \(rule.version ?? ""): \(rule.title)")
          print("")
          print(RuleDecider.manualCheckText(of: rule))
          print("")
          let question = ocil.flatMap { OCILQuestion(of: rule, in: $0) }
          if let question {
            print("Question: \(question.text)")
            for answer in question.answers {
              let label = answer.label == answer.key ? "" : ": \(answer.label)"
              print("  \(answer.key)\(label) (\(answer.status.rawValue))")
            }
            print("")
          }
          let keys = question.map { $0.answers.map(\.key).joined(separator: ", ") + ", or " } ?? ""
          var status: Review.Status?
          var questionAnswer: OCILQuestion.Answer?
          while status == nil {
            guard let answer = Self.ask("Status (\(keys)pass, fail, notapplicable; Enter skips, q stops): ") else {
              break walk
            }
            if answer.isEmpty { continue walk }
            if answer == "q" { break walk }
            questionAnswer = question?.answer(answer)
            status = questionAnswer?.status ?? Review.Status(rawValue: answer)
            if status == nil { print("'\(answer)' is not \(keys)pass, fail or notapplicable.") }
          }
          guard let status else { continue }
          let given = Self.ask("Finding details: ") ?? ""
          // The answer to the question is part of what the reviewer found.
          let details = [question.flatMap { q in questionAnswer.map { "\(q.text) \($0.label)." } }, given]
            .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "\n")
          let comment = Self.ask("Comment: ") ?? ""
          let now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
          let review = Review(
            scope: store.scope, ruleID: rules.reviewedID(of: rule), status: status, findingDetails: details,
            comment: comment, reviewer: reviewer.name, time: now, expires: validity.expiry(from: now))
          reviews.record(review, changedBy: reviewer.name, source: "palisade review walk", at: now)
          try ReviewFile.write(reviews, to: path)
          recorded += 1
        }
        print("")
        print("\(recorded) answer(s) recorded in \(path).")
      }
    }

    /// Prints `prompt` and reads one line; nil at the end of the input.
    private static func ask(_ prompt: String) -> String? {
      print(prompt, terminator: "")
      fflush(nil)
      return readLine()?.trimmingCharacters(in: .whitespaces)
    }
  }
}

extension Palisade.ReviewCommand {
  /// `palisade review import FILE`: the answers of a checklist reviewers filled in.
  struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Import the answers of a STIG Viewer checklist (CKL or CKLB) for its host.",
      discussion: """
        Reads a CKL (STIG Viewer 2) or CKLB (STIG Viewer 3, STIG Manager's export) and records its answers (status, \
        finding details, comments) as reviews for the host its asset names (or --host, --group). Not Reviewed rules, \
        and answers a Palisade scan wrote itself, are left alone: re-importing a scan's own checklist changes \
        nothing. Answers for rules an automated check decides are imported only with --overrides-automated, as \
        overrides.
        """)

    @Argument(help: ArgumentHelp("A .ckl or .cklb checklist.", valueName: "checklist"))
    var checklist: String

    @Flag(name: .long, help: "Import answers for automated rules too, as overrides of their results.")
    var overridesAutomated = false

    @OptionGroup var store: ReviewStoreOptions

    @OptionGroup var reviewer: ReviewerOption

    func run() async throws {
      try await CommandFailure.reported {
        let answers = try ChecklistAnswers(contentsOf: checklist)
        let rules = try store.rules()
        let path = store.reviewFilePath
        var reviews = try ReviewFile.read(path)
        guard store.group != nil || store.host != nil || !answers.host.isEmpty else {
          throw ScanError("\(checklist) names no host (HOST_NAME, host_name): give --host or --group")
        }
        let scope = store.group.map(Review.Scope.group) ?? .host(store.host ?? answers.host)
        let now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        let importer = ChecklistImport(
          rules: rules, reviewer: reviewer.name, validity: try reviewer.validity(for: rules).interval,
          overridesAutomated: overridesAutomated)
        let summary = importer.importing(
          answers, scope: scope, into: &reviews, source: "palisade review import \(checklist)", at: now)
        if !summary.recorded.isEmpty { try ReviewFile.write(reviews, to: path) }
        print(
          "\(summary.recorded.count) answer(s) recorded for \(scope) in \(path); \(summary.unchanged.count) unchanged.")
        if !summary.automatedLeftOut.isEmpty {
          print(
            "\(summary.automatedLeftOut.count) answer(s) for automated rules left out (--overrides-automated imports "
              + "them): \(summary.automatedLeftOut.joined(separator: ", "))")
        }
        if !summary.unknownRules.isEmpty {
          print(
            "\(summary.unknownRules.count) rule(s) are not in the content: \(summary.unknownRules.joined(separator: ", "))"
          )
        }
      }
    }
  }
}

extension Palisade.ReviewCommand {
  /// `palisade review ocil-results`: the answers for OCIL-checked rules, as OCIL 2.0 results.
  struct OCILExport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "ocil-results",
      abstract: "Write the answers in force for rules whose check system is OCIL as OCIL 2.0 results.")

    @Option(name: [.short, .long], help: ArgumentHelp("Where to write the OCIL results.", valueName: "file"))
    var output: String

    @OptionGroup var store: ReviewStoreOptions

    func run() async throws {
      try await CommandFailure.reported {
        let document = try store.document()
        let writer = try OCILResultsWriter(
          document: document, rules: ReviewedRules(benchmark: try Scanner().benchmark(in: document)),
          answers: ReviewAnswers(store: try ReviewFile.read(store.reviewFilePath), host: store.hostName), time: Date())
        try AtomicFileOutput.writeDocument(to: output) { try writer.write(to: &$0) }
        print("\(writer.answered.count) questionnaire result(s) written to \(output)")
      }
    }
  }
}
