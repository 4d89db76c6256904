import Foundation
public import SCAPContent
import XMLSupport

/// What a content file holds, as `oscap info` shows it: data streams with their checklists (profiles by title and
/// id, the check files they refer to), checks and dictionaries; or a benchmark's profiles; or an OVAL document's
/// version.
public struct ContentInfo {
  public let document: SCAPDocument

  public init(document: SCAPDocument) {
    self.document = document
  }

  public var text: String {
    var lines: [String] = []
    switch document {
    case .dataStreamCollection(let collection):
      lines.append("Document type: Source Data Stream")
      let firstComponent = collection.source.elements(named: "component", in: SCAPNamespace.sourceDataStream).first
      lines.append("Imported: \(firstComponent?[attribute: "timestamp"] ?? "(null)")")
      for stream in collection.dataStreams {
        let element = collection.source.elements(named: "data-stream", in: SCAPNamespace.sourceDataStream)
          .first { $0[attribute: "id"] == stream.id }
        lines += ["", "Stream: \(stream.id)", "Generated: \(element?[attribute: "timestamp"] ?? "(null)")"]
        lines.append("Version: \(stream.scapVersion)")
        lines.append("Checklists:")
        for id in stream.checklists {
          lines.append("\tRef-Id: \(id)")
          guard let reference = collection.componentRefs[id], let content = try? collection.content(of: reference)
          else {
            continue
          }
          if content.localName == "Benchmark", let benchmark = try? Benchmark(parsing: content) {
            lines += benchmarkLines(benchmark, indent: "\t\t")
          } else if content.localName == "Tailoring", let tailoring = try? Tailoring(parsing: content) {
            lines.append("\t\tProfiles:")
            for profile in tailoring.profiles {
              lines += ["\t\t\tTitle: \(profile.title)", "\t\t\t\tId: \(profile.id)"]
            }
          }
        }
        lines.append("Checks:")
        lines += stream.checks.map { "\tRef-Id: \($0)" }
        if !stream.dictionaries.isEmpty {
          lines.append("Dictionaries:")
          lines += stream.dictionaries.map { "\tRef-Id: \($0)" }
        }
      }
    case .benchmark(let benchmark, _, _):
      lines.append("Document type: XCCDF Checklist")
      lines.append("Checklist version: \(benchmark.namespace == SCAPNamespace.xccdf11 ? "1.1" : "1.2")")
      lines += benchmarkLines(benchmark, indent: "")
    case .ovalDefinitions(let source, _):
      lines.append("Document type: OVAL Definitions")
      let generator = source.firstElement(named: "generator")
      lines.append("OVAL version: \(generator?.firstElement(named: "schema_version")?.trimmedText ?? "(null)")")
      lines.append("Generated: \(generator?.firstElement(named: "timestamp")?.trimmedText ?? "(null)")")
      lines.append("Definitions: \(source.firstElement(named: "definitions")?.elements.count ?? 0)")
    }
    // Tabs indent oscap's layout; everything else a line holds is escaped (a title cannot start a line of its own).
    return lines.map { TerminalText.escaped($0, keepingTabs: true) }.joined(separator: "\n") + "\n"
  }

  private func benchmarkLines(_ benchmark: Benchmark, indent: String) -> [String] {
    let status = benchmark.source.firstElement(named: "status", in: benchmark.namespace)
    var lines = [
      "\(indent)Status: \(benchmark.status ?? "(null)")",
      "\(indent)Generated: \(status?[attribute: "date"] ?? "(null)")",
      "\(indent)Resolved: \(["1", "true"].contains(benchmark.source[attribute: "resolved"] ?? "") ? "true" : "false")",
      "\(indent)Profiles:",
    ]
    for profile in benchmark.profiles {
      lines += ["\(indent)\tTitle: \(profile.title)", "\(indent)\t\tId: \(profile.id)"]
    }
    lines.append("\(indent)Referenced check files:")
    var seen: Set<String> = []
    for rule in benchmark.rules {
      for check in rule.checks + (rule.complexCheck.map(Self.checks) ?? []) {
        for reference in check.contentRefs where seen.insert(reference.href + "\u{0}" + check.system).inserted {
          lines += ["\(indent)\t\(reference.href)", "\(indent)\t\tsystem: \(check.system)"]
        }
      }
    }
    return lines
  }

  private static func checks(_ complexCheck: ComplexCheck) -> [Check] {
    complexCheck.children.flatMap { child -> [Check] in
      switch child {
      case .check(let check): [check]
      case .complexCheck(let nested): checks(nested)
      }
    }
  }
}
