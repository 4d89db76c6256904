import OVAL
import XMLSupport

/// `textfilecontent_object` (deprecated in OVAL 5.4): lines of text files that match a regular expression, one
/// `textfilecontent_item` per matching line (OVAL 5.11.2 independent schema).
///
/// Each line (with its line break) is searched for the pattern in the object's `line` entity; the first match in the
/// line becomes an item. As OpenSCAP records them, the item's `pattern` and `line` hold the pattern and its `text`
/// the matched text, with the capture groups as `subexpression`s; matches are numbered from 1 in `instance`. Files
/// are read a line at a time (see `TextStream`).
struct TextFileContentProbe: Probe {
  let objectName = XMLName(OVALNamespace.definitions("independent"), "textfilecontent_object")

  func collect(_ request: ObjectRequest, in context: ProbeContext) -> CollectedObject {
    do {
      let search = try FileSearch(request)
      guard request.object.entity("line") != nil else {
        throw CollectionStop.error("\(request.objectLabel): needs a 'line'")
      }
      var patterns: [TextPattern] = []
      for source in request.values(of: "line") {
        do {
          patterns.append(try TextPattern(source, options: []))
        } catch {
          throw CollectionStop.error("\(request.objectLabel): \(error.description)")
        }
      }
      var outcome = context.outcome(for: request)
      search.forEachRegularFile(in: context, outcome: &outcome) { found, file, outcome in
        var stream = TextStream(file)
        var instance = 0
        do throws(TextSearchError) {
          try stream.forEachLine { line in
            for pattern in patterns {
              let match: TextMatch
              do throws(TextPatternError) {
                guard let first = try pattern.matches(in: line).first else { continue }
                match = first
              } catch {
                outcome.fail("\(found.hostPath): \(error.description)")
                return false
              }
              instance += 1
              var entities = found.itemEntities
              entities.append(ItemEntity("pattern", pattern.source))
              entities.append(ItemEntity("instance", String(instance), datatype: .int))
              entities.append(ItemEntity("line", pattern.source))
              entities.append(ItemEntity("text", match.text))
              entities += match.groups.compactMap { $0 }.map { ItemEntity("subexpression", $0) }
              outcome.add(Item(type: "textfilecontent_item", family: "independent", entities: entities))
            }
            return !outcome.isFull
          }
        } catch {
          outcome.fail(error.description)
        }
      }
      return outcome.collectedObject
    } catch let stop as CollectionStop {
      return stop.outcome
    } catch {
      return .error("\(request.objectLabel): \(error)")
    }
  }
}
